package com.tokyoia.integration.architecture.archviolations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Breaks the clock rule on purpose (ImportRulesTest checks that the rule notices). */
final class ReadsTheWallClock {
    private ReadsTheWallClock() {
    }

    static String today() {
        return LocalDate.now(ZoneOffset.UTC) + " " + Instant.now() + " " + System.currentTimeMillis();
    }
}
