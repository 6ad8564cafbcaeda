package com.tokyoia.web.application;

import com.tokyoia.platform.config.ConfigReader;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's limits and lifetimes (tokyoia.api.*, tokyoia.cache.*, tokyoia.sessions.*). The rate
 * limit counts each user's calls of the expensive operations per window; tokyoia.api.rate-limit.users
 * ("name=N,other=M") gives some users their own limit. groupAttribute names the identity attribute (a
 * token claim, or the local realm's attribute) whose first value is the user's analytics budget group.
 */
public record ApiSettings(long maxBodyBytes, int maxBatchSize, int defaultPageSize, int maxPageSize, Duration maxEventAge,
                          Duration maxClockSkew, Duration agentTtl, Duration workflowTtl, Duration sessionIdleTimeout,
                          int rateLimit, Duration rateLimitWindow, Map<String, Integer> userRateLimits, String groupAttribute,
                          Duration idempotencyKeyTtl) {

    /** How many expensive calls this user may make per window. */
    public int rateLimitOf(String user) {
        return userRateLimits.getOrDefault(user, rateLimit);
    }

    private static Map<String, Integer> userLimits(Map<String, Long> limits) {
        Map<String, Integer> narrowed = new LinkedHashMap<>();
        limits.forEach((user, limit) -> narrowed.put(user, limit.intValue()));
        return Map.copyOf(narrowed);
    }

    public static ApiSettings from(ConfigReader config) {
        int maxPageSize = config.integer("tokyoia.api.max-page-size", 1, 10_000);
        return new ApiSettings(config.whole("tokyoia.api.max-body-bytes", 1024, 1L << 30),
                config.integer("tokyoia.api.max-batch-size", 1, 1_000_000),
                config.integer("tokyoia.api.default-page-size", 1, maxPageSize), maxPageSize,
                config.duration("tokyoia.api.max-event-age-days", ChronoUnit.DAYS, 1, 3660),
                config.duration("tokyoia.api.max-clock-skew-seconds", ChronoUnit.SECONDS, 0, 86_400),
                config.duration("tokyoia.cache.agent-ttl-seconds", ChronoUnit.SECONDS, 1, 86_400),
                config.duration("tokyoia.cache.workflow-ttl-seconds", ChronoUnit.SECONDS, 1, 86_400),
                config.duration("tokyoia.sessions.idle-timeout-minutes", ChronoUnit.MINUTES, 1, 10_080),
                config.integer("tokyoia.api.rate-limit.per-window", 1, 1_000_000),
                config.duration("tokyoia.api.rate-limit.window-seconds", ChronoUnit.SECONDS, 1, 86_400),
                userLimits(config.namedWholes("tokyoia.api.rate-limit.users", 1, 1_000_000)),
                config.text("tokyoia.api.group-attribute"),
                config.duration("tokyoia.api.idempotency-key-hours", ChronoUnit.HOURS, 1, 720));
    }
}
