package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /api/sessions. */
public record SessionRequest(@NotBlank @Size(max = 200) String userId, @Size(max = 200) String client) {
}
