package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /api/agents and PUT /api/agents/{id}; status defaults to ACTIVE. Enum values travel
 * as strings and are parsed by the resource, so an unknown value is reported against its field.
 */
public record AgentRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = Constraints.SINGLE_LINE, message = Constraints.NO_CONTROL) String name,
        @NotBlank @Size(max = 100) @Pattern(regexp = Constraints.SINGLE_LINE, message = Constraints.NO_CONTROL) String role,
        @NotBlank @Size(max = 200) @Pattern(regexp = Constraints.SINGLE_LINE, message = Constraints.NO_CONTROL) String model,
        @Schema(enumeration = {"ACTIVE", "PAUSED", "RETIRED"}) String status,
        @Size(max = 4000) @Pattern(regexp = Constraints.TEXT, message = Constraints.NO_CONTROL) String description) {
}
