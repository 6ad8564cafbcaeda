package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of POST /api/sessions. */
public record SessionRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = Constraints.SINGLE_LINE, message = Constraints.NO_CONTROL) String userId,
        @Size(max = 200) @Pattern(regexp = Constraints.SINGLE_LINE, message = Constraints.NO_CONTROL) String client) {
}
