package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST /api/tasks. */
public record TaskRequest(@NotNull String workflowId, @NotNull String agentId, @NotBlank @Size(max = 100) String taskType) {
}
