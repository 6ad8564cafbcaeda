package com.tokyoia.analytics.domain;

/**
 * A SQL expression written once per dialect: PostgreSQL over the hot table, DuckDB over the
 * Parquet files. Most are the same text; timestamps differ (timestamptz arithmetic vs epoch_us).
 */
public record Expr(String postgres, String duckdb) {
    public static Expr same(String sql) {
        return new Expr(sql, sql);
    }

    public String in(Dialect dialect) {
        return dialect == Dialect.POSTGRES ? postgres : duckdb;
    }

    public enum Dialect { POSTGRES, DUCKDB }
}
