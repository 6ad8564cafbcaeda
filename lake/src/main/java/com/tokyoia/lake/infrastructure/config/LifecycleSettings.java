package com.tokyoia.lake.infrastructure.config;

import com.tokyoia.lake.domain.lifecycle.RestorePrices;
import com.tokyoia.lake.domain.lifecycle.StorageClassModel;
import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.math.BigDecimal;

/**
 * The storage lifecycle (tokyoia.lifecycle.*): the policy's day counts, and what a restore from
 * the archive costs per GB and per thousand objects for each tier (the us-east-1 Deep Archive
 * prices by default; set them for another region or class).
 */
public record LifecycleSettings(StorageClassModel model, int noncurrentExpireAfterDays, RestorePrices restorePrices) {

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
                config.decimal("tokyoia.lifecycle.restore.standard-usd-per-thousand", BigDecimal.ZERO, max)));
    }
}
