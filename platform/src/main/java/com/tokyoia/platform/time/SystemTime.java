package com.tokyoia.platform.time;

import java.time.Clock;

/**
 * The one place that reads the machine's clock. Everything else is handed a {@link Clock} (CDI
 * injects the one {@link ClockProducer} makes; tests pass a fixed one), so no outcome depends on
 * the hour the code runs at. An import-rules test forbids {@code Instant.now()},
 * {@code LocalDate.now()} and their friends anywhere else.
 */
public final class SystemTime {
    private static final Clock UTC = Clock.systemUTC();

    private SystemTime() {
    }

    /** The machine's clock in UTC; days are always UTC days in this platform. */
    public static Clock clock() {
        return UTC;
    }
}
