package com.tokyoia.etl.application.footprint;

/** One hot table in PostgreSQL: its bytes with partitions, indexes and TOAST, and its rows. */
public record PostgresTable(String table, long bytes, long rows) {
}
