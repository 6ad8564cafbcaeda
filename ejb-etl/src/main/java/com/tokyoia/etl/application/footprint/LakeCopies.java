package com.tokyoia.etl.application.footprint;

/**
 * The current proven copies of one table's days: how many days, rows and Parquet bytes, and the
 * rows of the days retention has removed from PostgreSQL (held by the lake only).
 */
public record LakeCopies(String table, long days, long rows, long bytes, long lakeOnlyRows) {
}
