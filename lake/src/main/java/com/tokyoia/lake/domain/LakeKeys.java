package com.tokyoia.lake.domain;

import java.time.LocalDate;

/** The lake layout: one deterministic key per (table, day), hive-style partitions. */
public final class LakeKeys {
    public static final String FILE_NAME = "data.parquet";

    private LakeKeys() {
    }

    public static String partition(String table, LocalDate day) {
        return String.format("%s/year=%04d/month=%02d/day=%02d/", table, day.getYear(), day.getMonthValue(),
                day.getDayOfMonth());
    }

    public static String dataFile(String table, LocalDate day) {
        return partition(table, day) + FILE_NAME;
    }
}
