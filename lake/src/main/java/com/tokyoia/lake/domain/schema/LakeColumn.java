package com.tokyoia.lake.domain.schema;

/** One column of an exported table; precision and scale matter only for decimals. */
public record LakeColumn(String name, LakeType type, boolean nullable, int precision, int scale) {

    public static LakeColumn required(String name, LakeType type) {
        return new LakeColumn(name, type, false, 0, 0);
    }

    public static LakeColumn optional(String name, LakeType type) {
        return new LakeColumn(name, type, true, 0, 0);
    }

    public static LakeColumn decimal(String name, int precision, int scale, boolean nullable) {
        return new LakeColumn(name, LakeType.DECIMAL, nullable, precision, scale);
    }

    /** The Athena engine v3 / Trino type, timestamps at Athena's millisecond precision. */
    public String trinoType() {
        return type == LakeType.DECIMAL ? decimalType() : type.trinoType();
    }

    /** The Glue / Hive metastore type (what Glue tables and Terraform declare). */
    public String hiveType() {
        return type == LakeType.DECIMAL ? decimalType() : type.hiveType();
    }

    private String decimalType() {
        return "decimal(" + precision + "," + scale + ")";
    }
}
