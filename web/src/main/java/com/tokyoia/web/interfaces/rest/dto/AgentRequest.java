package com.tokyoia.web.interfaces.rest.dto;

import com.tokyoia.persistence.domain.agent.AgentStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /api/agents and PUT /api/agents/{id}; status defaults to ACTIVE on create. */
public record AgentRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 100) String role,
        @NotBlank @Size(max = 200) String model,
        AgentStatus status,
        @Size(max = 4000) String description) {
}
