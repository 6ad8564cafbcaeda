package com.tokyoia.analytics.domain;

/**
 * A SQL expression written once per dialect: PostgreSQL over the hot table, DuckDB over the
 * Parquet files, and Trino, which is also Athena's dialect (Athena engine v3 is Trino), so one
 * text serves both and the Trino tests prove what Athena would be sent. Most expressions are the
 * same text everywhere; timestamps and integer division differ.
 */
public record Expr(String postgres, String duckdb, String trino) {
    public static Expr same(String sql) {
        return new Expr(sql, sql, sql);
    }

    public String in(Dialect dialect) {
        return switch (dialect) {
            case POSTGRES -> postgres;
            case DUCKDB -> duckdb;
            case TRINO -> trino;
        };
    }

    /** Applies the same wrapper (e.g. an aggregate) to every dialect's text. */
    public Expr wrap(String prefix, String suffix) {
        return new Expr(prefix + postgres + suffix, prefix + duckdb + suffix, prefix + trino + suffix);
    }

    public enum Dialect { POSTGRES, DUCKDB, TRINO }
}
