package com.tokyoia.lake.domain.schema;

/**
 * Column types of the lake. Each maps to one PostgreSQL type (what the hot table holds), one
 * Athena/Trino type and one Glue/Hive type (what the catalogs declare); Parquet logical types
 * follow the same list: timestamps as UTC micros, decimals as decimals, UUIDs and enums as strings.
 */
public enum LakeType {
    UUID("uuid", "varchar", "string"),
    STRING("text", "varchar", "string"),
    ENUM("text", "varchar", "string"),
    INT32("integer", "integer", "int"),
    INT64("bigint", "bigint", "bigint"),
    DOUBLE("double precision", "double", "double"),
    DECIMAL("numeric", "decimal", "decimal"),
    TIMESTAMP("timestamp with time zone", "timestamp(3)", "timestamp"),
    DATE("date", "date", "date");

    private final String postgresType;
    private final String trinoType;
    private final String hiveType;

    LakeType(String postgresType, String trinoType, String hiveType) {
        this.postgresType = postgresType;
        this.trinoType = trinoType;
        this.hiveType = hiveType;
    }

    /** The type as information_schema.columns.data_type reports it. */
    public String postgresType() {
        return postgresType;
    }

    /** The Athena engine v3 / Trino type name (precision added by the column for decimals). */
    public String trinoType() {
        return trinoType;
    }

    /** The Glue / Hive type name (precision added by the column for decimals). */
    public String hiveType() {
        return hiveType;
    }
}
