package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /api/workflows; agentId (the orchestrating agent) is optional. UUIDs travel as
 * strings and are parsed by the resource, so a malformed one is reported against its field.
 */
public record WorkflowRequest(
        @NotBlank @Size(max = 300) @Pattern(regexp = Constraints.SINGLE_LINE, message = Constraints.NO_CONTROL) String name,
        @Schema(format = "uuid", pattern = Constraints.UUID) String agentId) {
}
