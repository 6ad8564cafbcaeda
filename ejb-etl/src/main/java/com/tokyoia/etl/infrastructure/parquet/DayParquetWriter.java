package com.tokyoia.etl.infrastructure.parquet;

import com.tokyoia.etl.domain.ParquetFooter;
import com.tokyoia.etl.domain.WrittenFile;
import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.domain.schema.LakeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one table's day to a local Parquet file (codec and pages as {@link ParquetLayout} says), streaming: memory is bounded by one row
 * group, not by the day. While writing it computes the file's SHA-256; the content checksum of the
 * rows (computed by whoever extracts them) and the row count go into the file's key-value metadata.
 */
public final class DayParquetWriter implements AutoCloseable {
    /** Each lake table's unique key. */
    private static final String KEY = "id";
    private final LakeTable table;
    private final Path path;
    private final HashingOutputFile output;
    private final RowWriteSupport support;
    private final ParquetWriter<Object[]> writer;
    private long rows;
    private WrittenFile written;

    public DayParquetWriter(LakeTable table, String day, Path path, ParquetLayout layout) throws IOException {
        this.table = table;
        this.path = path;
        this.output = new HashingOutputFile(path);
        Map<String, String> metadata = new HashMap<>();
        metadata.put(ParquetFooter.META_TABLE, table.name());
        metadata.put(ParquetFooter.META_DAY, day);
        this.support = new RowWriteSupport(table, metadata);
        Builder builder = new Builder(output, support);
        for (LakeColumn column : table.columns()) {
            if (!worthADictionary(column)) {
                builder.withDictionaryEncoding(column.name(), false);
            }
        }
        this.writer = builder
                .withCompressionCodec(layout.codec().parquet)
                .withDictionaryEncoding(true)
                // Big enough that ids with tens of thousands of values per day (workflow ids) stay
                // dictionary-encoded instead of falling back to plain strings.
                .withDictionaryPageSize(8 << 20)
                .withRowGroupSize(layout.rowGroupBytes())
                .withPageSize(1 << 20)
                .withWriterVersion(layout.writerVersion())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withConf(new Configuration(false))
                .build();
    }

    /**
     * Whether a column's values repeat enough for a dictionary: references to other rows, names,
     * kinds, counts and prices do; a row's own id, microsecond times and metric readings nearly never
     * do. A dictionary of those only grows until it gives up, and with pages of 8 MiB (sized for the
     * workflow ids) its hash map can reach tens of megabytes per column before it does. (Prices
     * keep theirs: on the benchmark day the file is 2.6 % larger without it.)
     */
    static boolean worthADictionary(LakeColumn column) {
        return !column.name().equals(KEY) && column.type() != LakeType.TIMESTAMP && column.type() != LakeType.DOUBLE;
    }

    public void write(Object[] row) throws IOException {
        writer.write(row);
        rows++;
    }

    /** Closes the file with the content checksum of the rows written. */
    public WrittenFile finish(String contentChecksum) throws IOException {
        if (written == null) {
            support.putMetadata(ParquetFooter.META_CHECKSUM, contentChecksum);
            support.putMetadata(ParquetFooter.META_ROWS, Long.toString(rows));
            writer.close();
            written = new WrittenFile(path, rows, Files.size(path), output.sha256Hex(), contentChecksum);
        }
        return written;
    }

    /** Closes without claiming a checksum (the file is being abandoned, or nothing was written). */
    @Override
    public void close() throws IOException {
        if (written == null) {
            try {
                writer.close();
            } finally {
                output.abandon();
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final WriteSupport<Object[]> support;

        Builder(OutputFile file, WriteSupport<Object[]> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
