package com.tokyoia.lake.domain.lifecycle;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an object of the lake is, as S3 names it (plus LOCAL for a directory lake, MISSING for an
 * object the store no longer has). Engines read STANDARD, GLACIER_IR and LOCAL directly; the
 * archive classes only once a restored copy is available.
 */
public enum StorageClass {
    STANDARD, GLACIER_IR, GLACIER, DEEP_ARCHIVE, LOCAL, MISSING;

    /** Readable by Athena, Trino and DuckDB without a restore. */
    public boolean directlyReadable() {
        return this == STANDARD || this == GLACIER_IR || this == LOCAL;
    }

    /** The class of S3's name for it (INTELLIGENT_TIERING and the other instant classes read as STANDARD). */
    public static StorageClass of(String name) {
        return parse(name).orElse(STANDARD);
    }

    public static Optional<StorageClass> parse(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "GLACIER_IR" -> Optional.of(GLACIER_IR);
            case "GLACIER" -> Optional.of(GLACIER);
            case "DEEP_ARCHIVE" -> Optional.of(DEEP_ARCHIVE);
            case "LOCAL" -> Optional.of(LOCAL);
            case "MISSING" -> Optional.of(MISSING);
            default -> Optional.of(STANDARD);
        };
    }
}
