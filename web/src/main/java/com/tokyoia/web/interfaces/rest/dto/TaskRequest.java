package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Body of POST /api/tasks. */
public record TaskRequest(@NotNull UUID workflowId, @NotNull UUID agentId, @NotBlank @Size(max = 100) String taskType) {
}
