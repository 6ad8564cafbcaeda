package com.tokyoia.lake.domain.lifecycle;

import java.math.BigDecimal;

/**
 * What a GB of the lake costs a month in each storage class (S3 us-east-1 by default). A local
 * lake is priced as S3 Standard: what the same bytes would cost once the lake moves to S3.
 */
public record StoragePrices(BigDecimal standardUsdPerGbMonth, BigDecimal glacierIrUsdPerGbMonth, BigDecimal glacierUsdPerGbMonth,
                            BigDecimal deepArchiveUsdPerGbMonth) {

    public BigDecimal perGbMonth(StorageClass storageClass) {
        return switch (storageClass) {
            case STANDARD, LOCAL -> standardUsdPerGbMonth;
            case GLACIER_IR -> glacierIrUsdPerGbMonth;
            case GLACIER -> glacierUsdPerGbMonth;
            case DEEP_ARCHIVE -> deepArchiveUsdPerGbMonth;
            case MISSING -> BigDecimal.ZERO;
        };
    }
}
