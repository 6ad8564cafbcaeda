package com.tokyoia.web.application;

import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's limits and lifetimes (tokyoia.api.*, tokyoia.cache.*, tokyoia.sessions.*). The rate
 * limit counts each user's calls of the expensive operations per window; tokyoia.api.rate-limit.users
 * ("name=N,other=M") gives some users their own limit.
 */
public record ApiSettings(long maxBodyBytes, int maxBatchSize, int defaultPageSize, int maxPageSize, Duration maxEventAge,
                          Duration maxClockSkew, Duration agentTtl, Duration workflowTtl, Duration sessionIdleTimeout,
                          int rateLimit, Duration rateLimitWindow, Map<String, Integer> userRateLimits) {

    /** How many expensive calls this user may make per window. */
    public int rateLimitOf(String user) {
        return userRateLimits.getOrDefault(user, rateLimit);
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
                userLimits(config.optionalText("tokyoia.api.rate-limit.users").orElse("")));
    }

    private static Map<String, Integer> userLimits(String spelling) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (String entry : spelling.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            try {
                int limit = Integer.parseInt(parts.length == 2 ? parts[1].trim() : "");
                if (limit < 1) {
                    throw new NumberFormatException();
                }
                limits.put(parts[0].trim(), limit);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException("tokyoia.api.rate-limit.users", "must be name=N pairs separated by commas, N at least 1: " + entry);
            }
        }
        return Map.copyOf(limits);
    }
}
