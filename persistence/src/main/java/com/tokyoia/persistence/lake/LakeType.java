package com.tokyoia.persistence.lake;

/**
 * Column types of the lake. Each maps to one PostgreSQL type (what the hot table holds) and one
 * Athena/Trino type (what the Glue table declares); Parquet logical types follow the same list:
 * timestamps as UTC micros, decimals as decimals, UUIDs and enums as strings.
 */
public enum LakeType {
    UUID("uuid", "varchar"),
    STRING("text", "varchar"),
    ENUM("text", "varchar"),
    INT32("integer", "integer"),
    INT64("bigint", "bigint"),
    DOUBLE("double precision", "double"),
    DECIMAL("numeric", "decimal"),
    TIMESTAMP("timestamp with time zone", "timestamp(3)"),
    DATE("date", "date");

    private final String postgresType;
    private final String sqlType;

    LakeType(String postgresType, String sqlType) {
        this.postgresType = postgresType;
        this.sqlType = sqlType;
    }

    /** The type as information_schema.columns.data_type reports it. */
    public String postgresType() {
        return postgresType;
    }

    /** The Athena engine v3 / Trino type name (precision added by the column for decimals). */
    public String sqlType() {
        return sqlType;
    }
}
