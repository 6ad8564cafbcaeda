package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Enum values travel as strings and are parsed by the resource, so an unknown value is reported
 * against its field. Body of POST /api/agents and PUT /api/agents/{id}; status defaults to ACTIVE on create. */
public record AgentRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 100) String role,
        @NotBlank @Size(max = 200) String model,
        String status,
        @Size(max = 4000) String description) {
}
