package com.tokyoia.persistence.domain.task;

import java.math.BigDecimal;

/** What a finished task consumed; all values were validated non-negative at the edge. */
public record TaskOutcome(Integer tokensInput, Integer tokensOutput, BigDecimal costUsd, Integer latencyMs,
                          String errorMessage) {
}
