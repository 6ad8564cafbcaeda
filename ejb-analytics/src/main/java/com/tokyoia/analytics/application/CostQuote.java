package com.tokyoia.analytics.application;

import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.DayPlan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cold query would cost at Athena's rate ($5 per TB scanned, at least 10 MB per query),
 * from the manifest's per-column compressed sizes of exactly the days and columns it touches
 * (the query's own columns plus those of the filters given).
 */
public record CostQuote(long bytes, BigDecimal usd, int days) {
    public static final long MIN_BILLED_BYTES = 10L * 1024 * 1024;
    private static final BigDecimal USD_PER_BYTE = new BigDecimal("5").divide(new BigDecimal("1099511627776"), 20, RoundingMode.HALF_EVEN);
    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\":(\\d+)");

    public static CostQuote of(AnalyticsQuery query, DayPlan plan, Collection<String> givenFilters) {
        List<String> columns = query.columnsRead(givenFilters);
        long bytes = 0;
        for (DayPlan.ColdDay day : plan.coldDays()) {
            bytes += columnBytes(columns, day.columnSizes());
        }
        return new CostQuote(bytes, price(bytes, !plan.coldDays().isEmpty()), plan.coldDays().size());
    }

    /** Athena's bill for a scan: nothing when nothing cold runs, else at least 10 MB. */
    public static BigDecimal price(long bytes, boolean runs) {
        if (!runs) {
            return BigDecimal.ZERO.setScale(6, RoundingMode.HALF_EVEN);
        }
        return USD_PER_BYTE.multiply(BigDecimal.valueOf(Math.max(bytes, MIN_BILLED_BYTES))).setScale(6, RoundingMode.HALF_EVEN);
    }

    static long columnBytes(List<String> columns, String columnSizesJson) {
        long sum = 0;
        Matcher m = ENTRY.matcher(columnSizesJson == null ? "" : columnSizesJson);
        while (m.find()) {
            if (columns.contains(m.group(1))) {
                sum += Long.parseLong(m.group(2));
            }
        }
        return sum;
    }
}
