package com.tokyoia.web.application;

import com.tokyoia.platform.config.ConfigReader;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The API's limits and lifetimes (tokyoia.api.*, tokyoia.cache.*, tokyoia.sessions.*). */
public record ApiSettings(long maxBodyBytes, int maxBatchSize, int defaultPageSize, int maxPageSize, Duration maxEventAge,
                          Duration maxClockSkew, Duration agentTtl, Duration workflowTtl, Duration sessionIdleTimeout) {

    public static ApiSettings from(ConfigReader config) {
        int maxPageSize = config.integer("tokyoia.api.max-page-size", 1, 10_000);
        return new ApiSettings(config.whole("tokyoia.api.max-body-bytes", 1024, 1L << 30),
                config.integer("tokyoia.api.max-batch-size", 1, 1_000_000),
                config.integer("tokyoia.api.default-page-size", 1, maxPageSize), maxPageSize,
                config.duration("tokyoia.api.max-event-age-days", ChronoUnit.DAYS, 1, 3660),
                config.duration("tokyoia.api.max-clock-skew-seconds", ChronoUnit.SECONDS, 0, 86_400),
                config.duration("tokyoia.cache.agent-ttl-seconds", ChronoUnit.SECONDS, 1, 86_400),
                config.duration("tokyoia.cache.workflow-ttl-seconds", ChronoUnit.SECONDS, 1, 86_400),
                config.duration("tokyoia.sessions.idle-timeout-minutes", ChronoUnit.MINUTES, 1, 10_080));
    }
}
