package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/workflows/{id}/status. */
public record TransitionRequest(
        @NotNull @Schema(enumeration = {"PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"}) String status,
        @Size(max = 4000) @Pattern(regexp = Constraints.TEXT, message = Constraints.NO_CONTROL) String errorMessage) {
}
