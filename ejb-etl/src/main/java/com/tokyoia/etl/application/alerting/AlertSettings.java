package com.tokyoia.etl.application.alerting;

import com.tokyoia.platform.config.ConfigReader;
import java.math.BigDecimal;

/**
 * When the periodic alerts fire (tokyoia.alerts.*): the cost spike's multiple of the trailing
 * hourly average, its floor and its hard limit; the partition lag allowed; the storage quotas
 * (0 = no quota).
 */
public record AlertSettings(BigDecimal costMultiple, BigDecimal costFloorUsd, BigDecimal costHourlyLimitUsd, int costTrailingHours,
                            int maxLagDays, long lakeQuotaBytes, long postgresQuotaBytes) {
    private static final long TIB = 1L << 40;

    public static AlertSettings from(ConfigReader config) {
        return new AlertSettings(config.decimal("tokyoia.alerts.cost.multiple", BigDecimal.ONE, BigDecimal.valueOf(1000)),
                config.decimal("tokyoia.alerts.cost.floor-usd", BigDecimal.ZERO, BigDecimal.valueOf(1_000_000)),
                config.decimal("tokyoia.alerts.cost.hourly-limit-usd", BigDecimal.ZERO, BigDecimal.valueOf(1_000_000)),
                config.integer("tokyoia.alerts.cost.trailing-hours", 1, 24 * 31),
                config.integer("tokyoia.alerts.lag.max-days", 0, 3660),
                config.whole("tokyoia.alerts.quota.lake-bytes", 0, 1024 * TIB),
                config.whole("tokyoia.alerts.quota.postgresql-bytes", 0, 1024 * TIB));
    }
}
