package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of POST /api/workflows; agentId (the orchestrating agent) is optional. UUIDs travel as
 * strings and are parsed by the resource, so a malformed one is reported against its field.
 */
public record WorkflowRequest(@NotBlank @Size(max = 300) String name, String agentId) {
}
