package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Body of POST /api/workflows; agentId (the orchestrating agent) is optional. */
public record WorkflowRequest(@NotBlank @Size(max = 300) String name, UUID agentId) {
}
