package com.tokyoia.bench;

/**
 * The unit of the CPU times in {@code /proc/<pid>/stat}: clock ticks, {@code sysconf(_SC_CLK_TCK)}
 * per second. The scripts pass {@code getconf CLK_TCK} as the {@code CLK_TCK} environment variable
 * (Java cannot ask sysconf); without it, Linux's usual 100.
 */
final class ClockTicks {
    static final double PER_SECOND = perSecond(System.getenv("CLK_TCK"));

    private ClockTicks() {
    }

    static double perSecond(String configured) {
        if (configured == null || configured.isBlank()) {
            return 100.0;
        }
        double ticks = Double.parseDouble(configured.trim());
        if (ticks <= 0) {
            throw new IllegalArgumentException("CLK_TCK must be positive: " + configured);
        }
        return ticks;
    }

    static long toNanos(long ticks) {
        return Math.round(ticks * 1e9 / PER_SECOND);
    }
}
