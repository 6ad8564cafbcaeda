package com.tokyoia.etl.application.footprint;

import com.tokyoia.lake.domain.lifecycle.StorageClass;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the platform costs a month at today's footprint, line by line, by the cost model's prices;
 * and what keeping every day in PostgreSQL instead would cost (the lake-only rows stored at their
 * table's PostgreSQL bytes per row; tables PostgreSQL holds no rows of are left out of that figure).
 */
public record MonthlyCostEstimate(List<Line> lines, BigDecimal totalUsd, BigDecimal allInPostgresUsd) {
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);
    private static final int SCALE = 4;

    /** One item of the bill: what it is, what it was computed from, its dollars a month. */
    public record Line(String item, String basis, BigDecimal usd) {
    }

    public static MonthlyCostEstimate of(List<TableFootprint> tables, long databaseBytes, BigDecimal scansLast30Days, CostModel model) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("PostgreSQL instance", "configured (tokyoia.costs.postgresql-instance-usd-per-month)",
                usd(model.postgresInstanceUsdPerMonth())));
        lines.add(new Line("PostgreSQL storage", gib(databaseBytes) + " GiB, the whole database",
                perGib(databaseBytes, model.postgresStorageUsdPerGbMonth())));
        Map<StorageClass, Long> lakeBytes = new EnumMap<>(StorageClass.class);
        tables.forEach(t -> t.lakeObjects().forEach(o -> lakeBytes.merge(o.storageClass(), o.bytes(), Long::sum)));
        lakeBytes.forEach((storageClass, bytes) -> lines.add(new Line("Lake storage, " + storageClass, gib(bytes) + " GiB"
                + (storageClass == StorageClass.LOCAL ? ", priced as S3 Standard" : ""), perGib(bytes, model.lake().perGbMonth(storageClass)))));
        lines.add(new Line("Cold scans", "what the analytics query log says the last 30 days cost", usd(scansLast30Days)));
        lines.add(new Line("Data transfer", "configured (tokyoia.costs.data-transfer-usd-per-month)", usd(model.dataTransferUsdPerMonth())));
        BigDecimal total = lines.stream().map(Line::usd).reduce(BigDecimal.ZERO, BigDecimal::add);

        long lakeOnlyAsPostgres = 0;
        for (TableFootprint table : tables) {
            lakeOnlyAsPostgres += Math.round(table.lakeOnlyRows() * table.postgresBytesPerRow());
        }
        BigDecimal allInPostgres = usd(model.postgresInstanceUsdPerMonth())
                .add(perGib(databaseBytes + lakeOnlyAsPostgres, model.postgresStorageUsdPerGbMonth()))
                .add(usd(model.dataTransferUsdPerMonth()));
        return new MonthlyCostEstimate(List.copyOf(lines), total, allInPostgres);
    }

    private static BigDecimal gib(long bytes) {
        return BigDecimal.valueOf(bytes).divide(GIB, 3, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal perGib(long bytes, BigDecimal usdPerGibMonth) {
        return usd(BigDecimal.valueOf(bytes).multiply(usdPerGibMonth).divide(GIB, SCALE + 4, RoundingMode.HALF_EVEN));
    }

    private static BigDecimal usd(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
