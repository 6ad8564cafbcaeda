package com.tokyoia.analytics.application;

import com.tokyoia.platform.config.ConfigReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** How analytics answers (tokyoia.analytics.*): the cold engine, the hot window, limits, cache lifetimes. */
public record AnalyticsSettings(Engine engine, int hotWindowDays, int maxRangeDays, BigDecimal maxQueryUsd,
                                BigDecimal dailyBudgetUsd, Duration coldTtl, Duration hotTtl) {

    /** Who reads cold days: embedded DuckDB over the local lake, Trino, or Athena. */
    public enum Engine { DUCKDB, TRINO, ATHENA }

    public static AnalyticsSettings from(ConfigReader config) {
        return new AnalyticsSettings(config.choice("tokyoia.analytics.engine", Engine.class),
                config.integer("tokyoia.analytics.hot-window-days", 0, 3660),
                config.integer("tokyoia.analytics.max-range-days", 1, 3660),
                config.decimal("tokyoia.analytics.max-query-usd", BigDecimal.ZERO, new BigDecimal("1000000")),
                config.decimal("tokyoia.analytics.daily-budget-usd", BigDecimal.ZERO, new BigDecimal("1000000")),
                config.duration("tokyoia.analytics.cold-ttl-seconds", ChronoUnit.SECONDS, 1, 30L * 86_400),
                config.duration("tokyoia.analytics.hot-ttl-seconds", ChronoUnit.SECONDS, 1, 86_400));
    }
}
