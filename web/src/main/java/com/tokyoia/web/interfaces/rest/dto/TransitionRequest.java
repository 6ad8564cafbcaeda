package com.tokyoia.web.interfaces.rest.dto;

import com.tokyoia.persistence.domain.workflow.WorkflowStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST /api/workflows/{id}/status. */
public record TransitionRequest(@NotNull WorkflowStatus status, @Size(max = 4000) String errorMessage) {
}
