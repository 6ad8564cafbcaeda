package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST /api/workflows/{id}/status. */
public record TransitionRequest(@NotNull String status, @Size(max = 4000) String errorMessage) {
}
