package com.tokyoia.analytics.application;

import com.tokyoia.analytics.domain.PageRequest;
import com.tokyoia.platform.config.ConfigReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * How analytics answers (tokyoia.analytics.*): the cold engine, the hot window, limits, cache
 * lifetimes. The daily budget is everyone's together; userDailyBudgetUsd is each user's share of it
 * (by default all of it: no user limit of its own), and groupBudgets each budget group's share.
 * pageLimits: rows per answer page when a request names none, and the most it may ask for;
 * maxAnswerBytes: what one answer's merged partials may take in the heap before it is refused;
 * maxConcurrentAnswers: how many answers (cache misses) may be computed at once, the rest refused
 * with 503 so a burst of heavy questions cannot take every worker thread and core from the hot API.
 */
public record AnalyticsSettings(Engine engine, int hotWindowDays, int maxRangeDays, BigDecimal maxQueryUsd,
                                BigDecimal dailyBudgetUsd, Duration coldTtl, Duration hotTtl, BigDecimal userDailyBudgetUsd,
                                GroupBudgets groupBudgets, PageRequest.Limits pageLimits, long maxAnswerBytes,
                                int maxConcurrentAnswers) {
    /** What one answer's merged partials may take by default (tokyoia.analytics.max-answer-mb). */
    public static final long DEFAULT_MAX_ANSWER_BYTES = 64L << 20;
    /** Answers computed at once by default (tokyoia.analytics.max-concurrent-answers). */
    public static final int DEFAULT_MAX_CONCURRENT_ANSWERS = 4;

    /** With the default number of answers computed at once. */
    public AnalyticsSettings(Engine engine, int hotWindowDays, int maxRangeDays, BigDecimal maxQueryUsd, BigDecimal dailyBudgetUsd,
                             Duration coldTtl, Duration hotTtl, BigDecimal userDailyBudgetUsd, GroupBudgets groupBudgets,
                             PageRequest.Limits pageLimits, long maxAnswerBytes) {
        this(engine, hotWindowDays, maxRangeDays, maxQueryUsd, dailyBudgetUsd, coldTtl, hotTtl, userDailyBudgetUsd, groupBudgets,
                pageLimits, maxAnswerBytes, DEFAULT_MAX_CONCURRENT_ANSWERS);
    }

    /** With the default page sizes and answer bound. */
    public AnalyticsSettings(Engine engine, int hotWindowDays, int maxRangeDays, BigDecimal maxQueryUsd, BigDecimal dailyBudgetUsd,
                             Duration coldTtl, Duration hotTtl, BigDecimal userDailyBudgetUsd, GroupBudgets groupBudgets) {
        this(engine, hotWindowDays, maxRangeDays, maxQueryUsd, dailyBudgetUsd, coldTtl, hotTtl, userDailyBudgetUsd, groupBudgets,
                PageRequest.Limits.DEFAULT, DEFAULT_MAX_ANSWER_BYTES);
    }

    /** Without group shares: every group may spend the whole daily budget. */
    public AnalyticsSettings(Engine engine, int hotWindowDays, int maxRangeDays, BigDecimal maxQueryUsd, BigDecimal dailyBudgetUsd,
                             Duration coldTtl, Duration hotTtl, BigDecimal userDailyBudgetUsd) {
        this(engine, hotWindowDays, maxRangeDays, maxQueryUsd, dailyBudgetUsd, coldTtl, hotTtl, userDailyBudgetUsd,
                new GroupBudgets(dailyBudgetUsd, Map.of()));
    }

    /**
     * Each budget group's daily share: its own where tokyoia.analytics.group-daily-budgets-usd names it
     * ("research=40,ops=5"), else tokyoia.analytics.group-daily-budget-usd (by default the whole budget).
     */
    public record GroupBudgets(BigDecimal otherwise, Map<String, BigDecimal> byGroup) {
        public GroupBudgets {
            byGroup = Map.copyOf(byGroup);
        }

        public BigDecimal of(String group) {
            return byGroup.getOrDefault(group, otherwise);
        }
    }

    /** Without a per-user share: every user may spend the whole daily budget. */
    public AnalyticsSettings(Engine engine, int hotWindowDays, int maxRangeDays, BigDecimal maxQueryUsd, BigDecimal dailyBudgetUsd,
                             Duration coldTtl, Duration hotTtl) {
        this(engine, hotWindowDays, maxRangeDays, maxQueryUsd, dailyBudgetUsd, coldTtl, hotTtl, dailyBudgetUsd);
    }

    /** Who reads cold days: embedded DuckDB over the local lake, Trino, or Athena. */
    public enum Engine { DUCKDB, TRINO, ATHENA }

    public static AnalyticsSettings from(ConfigReader config) {
        BigDecimal daily = config.decimal("tokyoia.analytics.daily-budget-usd", BigDecimal.ZERO, new BigDecimal("1000000"));
        return new AnalyticsSettings(config.choice("tokyoia.analytics.engine", Engine.class),
                config.integer("tokyoia.analytics.hot-window-days", 0, 3660),
                config.integer("tokyoia.analytics.max-range-days", 1, 3660),
                config.decimal("tokyoia.analytics.max-query-usd", BigDecimal.ZERO, new BigDecimal("1000000")),
                daily,
                config.duration("tokyoia.analytics.cold-ttl-seconds", ChronoUnit.SECONDS, 1, 30L * 86_400),
                config.duration("tokyoia.analytics.hot-ttl-seconds", ChronoUnit.SECONDS, 1, 86_400),
                share(config, "tokyoia.analytics.user-daily-budget-usd", daily),
                new GroupBudgets(share(config, "tokyoia.analytics.group-daily-budget-usd", daily),
                        config.namedDecimals("tokyoia.analytics.group-daily-budgets-usd", BigDecimal.ZERO, daily)),
                pageLimits(config), (long) config.integer("tokyoia.analytics.max-answer-mb", 1, 65_536) << 20,
                config.integer("tokyoia.analytics.max-concurrent-answers", 1, 1000));
    }

    private static PageRequest.Limits pageLimits(ConfigReader config) {
        int max = config.integer("tokyoia.analytics.max-page-rows", 1, 1_000_000);
        return new PageRequest.Limits(config.integer("tokyoia.analytics.page-rows", 1, max), max);
    }

    private static BigDecimal share(ConfigReader config, String key, BigDecimal daily) {
        return config.optionalText(key).isPresent() ? config.decimal(key, BigDecimal.ZERO, daily) : daily;
    }
}
