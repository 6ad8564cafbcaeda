package com.tokyoia.analytics.application;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** An answer and where it came from. */
public record AnalyticsResult(String query, String from, String to, List<Map<String, Object>> rows,
                              List<String> hotDays, List<String> coldDays, List<String> missingDays, String engine,
                              long quotedBytes, BigDecimal quotedUsd, Long scannedBytes, BigDecimal costUsd,
                              boolean cacheHit, long durationMs) {
}
