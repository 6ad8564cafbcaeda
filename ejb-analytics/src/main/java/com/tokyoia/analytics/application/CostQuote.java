package com.tokyoia.analytics.application;

import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cold query would scan and cost at Athena's rate ($5 per TB scanned, at least 10 MB per
 * query), from the manifest of exactly the days it touches. Per file, the bytes are what a
 * Trino-based reader (Trino, Athena engine v3) reads: a file up to 3 MiB whole; a larger one its
 * last 48 KiB (where the footer is looked for), the column chunks of the columns the query reads
 * (its own plus those of the filters given), and the chunks lying between two of them when less
 * than 1 MiB apart, since the reader fetches those in one request. Columns lie in the file in the
 * schema registry's order. Measured exact against Trino 476 (BENCHMARKS.md); days of several row
 * groups are quoted on their column totals, which can count a gap as skipped that is read.
 */
public record CostQuote(long bytes, BigDecimal usd, int days) {
    public static final long MIN_BILLED_BYTES = 10L * 1024 * 1024;
    static final long SMALL_FILE_BYTES = 3L * 1024 * 1024;
    static final long FOOTER_READ_BYTES = 48L * 1024;
    static final long MERGE_DISTANCE_BYTES = 1024L * 1024;
    private static final BigDecimal USD_PER_BYTE = new BigDecimal("5").divide(new BigDecimal("1099511627776"), 20, RoundingMode.HALF_EVEN);
    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\":(\\d+)");

    public static CostQuote of(AnalyticsQuery query, DayPlan plan, Collection<String> givenFilters) {
        List<String> columns = query.columnsRead(givenFilters);
        long bytes = 0;
        for (DayPlan.ColdDay day : plan.coldDays()) {
            bytes += fileBytesRead(query.table(), columns, sizes(day.columnSizes()), day.bytes());
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

    static long fileBytesRead(LakeTable table, List<String> columns, Map<String, Long> sizes, Long fileBytes) {
        if (fileBytes != null && fileBytes <= SMALL_FILE_BYTES) {
            return fileBytes;
        }
        long read = 0;
        long gap = 0;
        boolean started = false;
        for (LakeColumn column : table.columns()) {
            long size = sizes.getOrDefault(column.name(), 0L);
            if (columns.contains(column.name())) {
                if (started && gap <= MERGE_DISTANCE_BYTES) {
                    read += gap;
                }
                read += size;
                gap = 0;
                started = true;
            } else if (started) {
                gap += size;
            }
        }
        return read + (fileBytes == null ? FOOTER_READ_BYTES : Math.min(FOOTER_READ_BYTES, fileBytes));
    }

    static Map<String, Long> sizes(String columnSizesJson) {
        Map<String, Long> sizes = new HashMap<>();
        Matcher m = ENTRY.matcher(columnSizesJson == null ? "" : columnSizesJson);
        while (m.find()) {
            sizes.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return sizes;
    }
}
