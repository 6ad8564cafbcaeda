package com.tokyoia.web.interfaces.rest.dto;

import com.tokyoia.persistence.domain.task.TaskOutcome;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Body of POST /api/tasks/{id}/complete and /fail (fail also needs errorMessage). */
public record TaskOutcomeRequest(
        @PositiveOrZero Integer tokensInput,
        @PositiveOrZero Integer tokensOutput,
        @PositiveOrZero @Digits(integer = 8, fraction = 6) BigDecimal costUsd,
        @PositiveOrZero Integer latencyMs,
        @Size(max = 4000) @Pattern(regexp = Constraints.TEXT, message = Constraints.NO_CONTROL) String errorMessage) {
    public TaskOutcome toOutcome() {
        return new TaskOutcome(tokensInput, tokensOutput, costUsd, latencyMs, errorMessage);
    }
}
