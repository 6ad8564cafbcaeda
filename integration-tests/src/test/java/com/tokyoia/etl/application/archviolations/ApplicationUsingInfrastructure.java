package com.tokyoia.etl.application.archviolations;

import com.tokyoia.etl.infrastructure.failure.TransientFailures;

/** Breaks the layer rule on purpose: application code must not use infrastructure (ImportRulesTest checks that). */
final class ApplicationUsingInfrastructure {
    private ApplicationUsingInfrastructure() {
    }

    static boolean retryable(Exception e) {
        return TransientFailures.isTransient(e);
    }
}
