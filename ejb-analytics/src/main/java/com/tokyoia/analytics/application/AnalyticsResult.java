package com.tokyoia.analytics.application;

import com.tokyoia.analytics.domain.PageRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An answer and where it came from: {@code rows} is one page of it, in the answer's order;
 * {@code totalRows} counts the whole answer, and {@code nextCursor} (null on the last page) asks
 * for the next page.
 */
public record AnalyticsResult(String query, String from, String to, List<Map<String, Object>> rows,
                              List<String> hotDays, List<String> coldDays, List<String> missingDays, String engine,
                              long quotedBytes, BigDecimal quotedUsd, Long scannedBytes, BigDecimal costUsd,
                              boolean cacheHit, long durationMs, int totalRows, String nextCursor) {

    /** The whole answer as one page. */
    public AnalyticsResult(String query, String from, String to, List<Map<String, Object>> rows,
                           List<String> hotDays, List<String> coldDays, List<String> missingDays, String engine,
                           long quotedBytes, BigDecimal quotedUsd, Long scannedBytes, BigDecimal costUsd,
                           boolean cacheHit, long durationMs) {
        this(query, from, to, rows, hotDays, coldDays, missingDays, engine, quotedBytes, quotedUsd, scannedBytes, costUsd, cacheHit,
                durationMs, rows.size(), null);
    }

    /** This answer's page the request asks for; the answer's rows are in its default order, as the service keeps them. */
    public AnalyticsResult page(PageRequest page) {
        PageRequest.Cut cut = page.cutInDefaultOrder(rows);
        return new AnalyticsResult(query, from, to, cut.rows(), hotDays, coldDays, missingDays, engine, quotedBytes, quotedUsd,
                scannedBytes, costUsd, cacheHit, durationMs, rows.size(), cut.nextCursor());
    }
}
