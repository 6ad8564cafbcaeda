package com.tokyoia.lake.domain;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lake layout: hive-style day partitions, and under each one folder per manifest version,
 * {@code <table>/year=YYYY/month=MM/day=DD/v=NNNN/part-NNNNN.parquet}. Every name is deterministic,
 * so a retry of a version overwrites its own attempt and nothing else, and a new version never
 * touches the files readers are using.
 */
public final class LakeKeys {
    private static final Pattern VERSION_FOLDER = Pattern.compile("^([a-z_][a-z0-9_]*)/year=(\\d{4})/month=(\\d{2})/day=(\\d{2})/v=(\\d{4,})/");

    private LakeKeys() {
    }

    public static String partition(String table, LocalDate day) {
        return String.format("%s/year=%04d/month=%02d/day=%02d/", table, day.getYear(), day.getMonthValue(),
                day.getDayOfMonth());
    }

    /** The folder of one version of a day: what a catalog partition points at once the version is proven. */
    public static String versionFolder(String table, LocalDate day, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, not " + version);
        }
        return partition(table, day) + String.format("v=%04d/", version);
    }

    /** Part {@code part} (0-based) of a version. */
    public static String part(String table, LocalDate day, int version, int part) {
        return versionFolder(table, day, version) + String.format("part-%05d.parquet", part);
    }

    /** The single file a version has today. */
    public static String dataFile(String table, LocalDate day, int version) {
        return part(table, day, version, 0);
    }

    /** The version folder a key lies in ("agent_tasks/year=.../v=0002/part-00000.parquet" is version 2 of that day). */
    public static Optional<Located> locate(String key) {
        Matcher m = VERSION_FOLDER.matcher(key);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Located(m.group(1), LocalDate.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4))), Integer.parseInt(m.group(5))));
    }

    /** Which (table, day, version) a key belongs to. */
    public record Located(String table, LocalDate day, int version) {
    }
}
