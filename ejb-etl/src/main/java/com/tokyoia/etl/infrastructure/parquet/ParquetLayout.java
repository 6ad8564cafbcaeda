package com.tokyoia.etl.infrastructure.parquet;

import java.util.Locale;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How the export lays a day out in Parquet: the row group size (which bounds the writer's memory),
 * the compression codec, and the data page format. Version 1 pages with dictionary or plain
 * values are what every engine reads; version 2 pages add delta encodings for integers,
 * timestamps and strings that fall back from their dictionary (DuckDB and Trino read them, as
 * the tests show; Athena engine v3 is Trino's reader, not tested here).
 */
public record ParquetLayout(long rowGroupBytes, Codec codec, boolean v2Pages) {
    /** Snappy, as the lake's readers have always been given, or ZSTD: smaller files for more CPU. */
    public enum Codec {
        SNAPPY(CompressionCodecName.SNAPPY),
        ZSTD(CompressionCodecName.ZSTD);

        final CompressionCodecName parquet;

        Codec(CompressionCodecName parquet) {
            this.parquet = parquet;
        }
    }

    /** Snappy, version 1 pages. */
    public static ParquetLayout snappy(long rowGroupBytes) {
        return new ParquetLayout(rowGroupBytes, Codec.SNAPPY, false);
    }

    /** The layout for one of {@code parts} files written at once: the row group budget shared, so memory stays as configured. */
    public ParquetLayout sharedBy(int parts) {
        return new ParquetLayout(Math.max(1L << 20, rowGroupBytes / parts), codec, v2Pages);
    }

    ParquetProperties.WriterVersion writerVersion() {
        return v2Pages ? ParquetProperties.WriterVersion.PARQUET_2_0 : ParquetProperties.WriterVersion.PARQUET_1_0;
    }

    @Override
    public String toString() {
        return codec.name().toLowerCase(Locale.ROOT) + ", " + (v2Pages ? "v2" : "v1") + " pages, row groups "
                + (rowGroupBytes >> 20) + " MiB";
    }
}
