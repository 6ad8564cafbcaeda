package com.tokyoia.etl.application.footprint;

import com.tokyoia.lake.domain.lifecycle.StoragePrices;
import com.tokyoia.platform.config.ConfigReader;
import java.math.BigDecimal;

/**
 * The prices of the monthly estimate (tokyoia.costs.*, the design's cost model by default): the
 * PostgreSQL instance and its storage, data transfer, and the lake's storage classes (from the
 * lifecycle settings). Cold scans are priced by what the query log says they cost.
 */
public record CostModel(BigDecimal postgresInstanceUsdPerMonth, BigDecimal postgresStorageUsdPerGbMonth,
                        BigDecimal dataTransferUsdPerMonth, StoragePrices lake) {

    public static CostModel from(ConfigReader config, StoragePrices lake) {
        BigDecimal max = new BigDecimal("1000000");
        return new CostModel(config.decimal("tokyoia.costs.postgresql-instance-usd-per-month", BigDecimal.ZERO, max),
                config.decimal("tokyoia.costs.postgresql-storage-usd-per-gb-month", BigDecimal.ZERO, max),
                config.decimal("tokyoia.costs.data-transfer-usd-per-month", BigDecimal.ZERO, max), lake);
    }
}
