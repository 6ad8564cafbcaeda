package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/tasks. */
public record TaskRequest(
        @NotNull @Schema(format = "uuid", pattern = Constraints.UUID) String workflowId,
        @NotNull @Schema(format = "uuid", pattern = Constraints.UUID) String agentId,
        @NotBlank @Size(max = 100) @Pattern(regexp = Constraints.SINGLE_LINE, message = Constraints.NO_CONTROL) String taskType) {
}
