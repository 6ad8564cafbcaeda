package com.tokyoia.etl.domain;

import java.util.Map;

/** What a Parquet file's footer says: rows, compressed bytes per column, key-value metadata, codec. */
public record ParquetFooter(long rows, Map<String, Long> columnBytes, Map<String, String> metadata, String codec) {
    /** The key under which the export stores the rows' content checksum in the file's metadata. */
    public static final String META_CHECKSUM = "tokyoia.content-checksum";
    public static final String META_ROWS = "tokyoia.row-count";
    public static final String META_TABLE = "tokyoia.table";
    public static final String META_DAY = "tokyoia.day";

    public String contentChecksum() {
        return metadata.get(META_CHECKSUM);
    }
}
