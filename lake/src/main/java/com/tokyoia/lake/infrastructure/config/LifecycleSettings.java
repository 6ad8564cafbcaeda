package com.tokyoia.lake.infrastructure.config;

import com.tokyoia.lake.domain.lifecycle.RestorePrices;
import com.tokyoia.lake.domain.lifecycle.StorageClassModel;
import com.tokyoia.lake.domain.lifecycle.StoragePrices;
import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.math.BigDecimal;

/**
 * The storage lifecycle (tokyoia.lifecycle.*): the policy's day counts, and what a restore from
 * the archive costs per GB and per thousand objects for each tier, and what a GB costs a month in
 * each class (the us-east-1 prices by default; set them for another region).
 */
public record LifecycleSettings(StorageClassModel model, int noncurrentExpireAfterDays, RestorePrices restorePrices,
                                StoragePrices storagePrices) {

    public static LifecycleSettings from(ConfigReader config) {
        int ir = config.integer("tokyoia.lifecycle.glacier-ir-after-days", 1, 36_500);
        int deep = config.integer("tokyoia.lifecycle.deep-archive-after-days", 1, 36_500);
        int expire = config.integer("tokyoia.lifecycle.expire-after-days", 1, 36_500);
        if (!(ir < deep && deep < expire)) {
            throw new InvalidSettingException("tokyoia.lifecycle.deep-archive-after-days", "must lie between "
                    + "tokyoia.lifecycle.glacier-ir-after-days (" + ir + ") and tokyoia.lifecycle.expire-after-days (" + expire + ")");
        }
        BigDecimal max = new BigDecimal("1000");
        return new LifecycleSettings(new StorageClassModel(ir, deep, expire),
                config.integer("tokyoia.lifecycle.noncurrent-expire-after-days", 1, 36_500), new RestorePrices(
                config.decimal("tokyoia.lifecycle.restore.bulk-usd-per-gb", BigDecimal.ZERO, max),
                config.decimal("tokyoia.lifecycle.restore.standard-usd-per-gb", BigDecimal.ZERO, max),
                config.decimal("tokyoia.lifecycle.restore.bulk-usd-per-thousand", BigDecimal.ZERO, max),
                config.decimal("tokyoia.lifecycle.restore.standard-usd-per-thousand", BigDecimal.ZERO, max)), new StoragePrices(
                config.decimal("tokyoia.lifecycle.storage.standard-usd-per-gb-month", BigDecimal.ZERO, max),
                config.decimal("tokyoia.lifecycle.storage.glacier-ir-usd-per-gb-month", BigDecimal.ZERO, max),
                config.decimal("tokyoia.lifecycle.storage.glacier-usd-per-gb-month", BigDecimal.ZERO, max),
                config.decimal("tokyoia.lifecycle.storage.deep-archive-usd-per-gb-month", BigDecimal.ZERO, max)));
    }
}
