package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** UUIDs travel as strings and are parsed by the resource, so a malformed one is reported against its field. Body of POST /api/workflows; agentId (the orchestrating agent) is optional. */
public record WorkflowRequest(@NotBlank @Size(max = 300) String name, String agentId) {
}
