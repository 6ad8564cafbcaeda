package com.tokyoia.lake.domain.lifecycle;

import java.math.BigDecimal;

/** What bringing back archived objects costs, per tier: per GB retrieved and per thousand requests. */
public record RestorePrices(BigDecimal bulkUsdPerGb, BigDecimal standardUsdPerGb, BigDecimal bulkUsdPerThousand,
                            BigDecimal standardUsdPerThousand) {

    public BigDecimal perGb(RestoreTier tier) {
        return tier == RestoreTier.BULK ? bulkUsdPerGb : standardUsdPerGb;
    }

    public BigDecimal perThousand(RestoreTier tier) {
        return tier == RestoreTier.BULK ? bulkUsdPerThousand : standardUsdPerThousand;
    }
}
