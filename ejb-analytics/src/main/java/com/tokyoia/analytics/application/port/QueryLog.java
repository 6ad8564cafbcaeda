package com.tokyoia.analytics.application.port;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The analytics query log: every answer's engine, days, quote, real scan and cost. */
public interface QueryLog {
    record Entry(String query, String parameters, String engine, int hotDays, int coldDays, int missingDays,
                 long quotedBytes, BigDecimal quotedUsd, Long scannedBytes, BigDecimal costUsd, boolean cacheHit,
                 int rows, long durationMs, String engineQueryId, Long engineMs, String principal) {
    }

    void record(Entry entry) throws SQLException;

    /** What cold queries cost since the start of the UTC day (the daily budget guard). */
    BigDecimal spentSince(LocalDate day) throws SQLException;

    /** What the user's cold queries cost since the start of the UTC day (the per-user share of the budget). */
    BigDecimal spentSince(LocalDate day, String principal) throws SQLException;

    /** Cost per day and per query over [from, to). */
    List<Map<String, Object>> costs(LocalDate from, LocalDate to) throws SQLException;

    /** Who spent what over [from, to): per user who asked, the most expensive first. */
    List<Map<String, Object>> costsByUser(LocalDate from, LocalDate to) throws SQLException;
}
