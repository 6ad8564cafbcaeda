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
                 int rows, long durationMs, String engineQueryId, Long engineMs, String principal, String principalGroup) {
    }

    /** Whose spending a sum or a breakdown is about: each user's, or each budget group's. */
    enum Payer {
        USER("principal", "user"), GROUP("principal_group", "group");

        private final String column;
        private final String label;

        Payer(String column, String label) {
            this.column = column;
            this.label = label;
        }

        /** The query log's column that names the payer. */
        public String column() {
            return column;
        }

        /** The payer's field name in a breakdown row. */
        public String label() {
            return label;
        }
    }

    void record(Entry entry) throws SQLException;

    /** Records several entries; an implementation should write all or none (this default writes them one by one). */
    default void recordAll(List<Entry> entries) throws SQLException {
        for (Entry entry : entries) {
            record(entry);
        }
    }

    /**
     * Records an entry that no budget depends on (a cache hit costs nothing) off the caller's path
     * where the log can; by default at once.
     */
    default void recordLater(Entry entry) throws SQLException {
        record(entry);
    }

    /** What cold queries cost since the start of the UTC day (the daily budget guard). */
    BigDecimal spentSince(LocalDate day) throws SQLException;

    /** What one user's or one group's cold queries cost since the start of the UTC day (their share of the budget). */
    BigDecimal spentSince(LocalDate day, Payer payer, String name) throws SQLException;

    /** Cost per day and per query over [from, to). */
    List<Map<String, Object>> costs(LocalDate from, LocalDate to) throws SQLException;

    /** Who spent what over [from, to): per user (or group) who asked, the most expensive first. */
    List<Map<String, Object>> costsBy(Payer payer, LocalDate from, LocalDate to) throws SQLException;
}
