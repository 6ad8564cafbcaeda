package com.tokyoia.etl.application.retention;

import com.tokyoia.platform.config.ConfigReader;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * How long things stay (tokyoia.retention.*): days PostgreSQL keeps before a proven day leaves it,
 * how long a replaced version's files stay readable, how large each delete batch is, how long the
 * platform's own logs are kept, and how long a day re-imported from the lake stays hot.
 */
public record RetentionSettings(int hotDays, Duration supersededGrace, int deleteBatchRows, int queryLogDays, int jobHistoryDays,
                                Duration reimportKeep) {

    public static RetentionSettings from(ConfigReader config) {
        return new RetentionSettings(config.integer("tokyoia.retention.hot-days", 2, 3660),
                config.duration("tokyoia.retention.superseded-grace-days", ChronoUnit.DAYS, 0, 3660),
                config.integer("tokyoia.retention.delete-batch-rows", 100, 1_000_000),
                config.integer("tokyoia.retention.query-log-days", 1, 3660),
                config.integer("tokyoia.retention.job-history-days", 1, 3660),
                config.duration("tokyoia.retention.reimport-keep-days", ChronoUnit.DAYS, 0, 3660));
    }
}
