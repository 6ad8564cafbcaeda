package com.tokyoia.persistence.lake;

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

    public String sqlType() {
        return type == LakeType.DECIMAL ? "decimal(" + precision + "," + scale + ")" : type.sqlType();
    }
}
