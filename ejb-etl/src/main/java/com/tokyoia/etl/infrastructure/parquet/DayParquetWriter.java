package com.tokyoia.etl.infrastructure.parquet;

import com.tokyoia.etl.infrastructure.extract.ContentChecksum;
import com.tokyoia.etl.infrastructure.extract.RowCanonicalForm;
import com.tokyoia.persistence.lake.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one table's day to a local Snappy Parquet file, streaming: memory is bounded by one row
 * group, not by the day. While writing it computes the file's SHA-256 and the content checksum of
 * the rows, and stores the checksum and row count in the file's key-value metadata.
 */
public final class DayParquetWriter implements AutoCloseable {
    public static final String META_CHECKSUM = "tokyoia.content-checksum";
    public static final String META_ROWS = "tokyoia.row-count";
    public static final String META_TABLE = "tokyoia.table";
    public static final String META_DAY = "tokyoia.day";

    /** The finished local file. */
    public record WrittenFile(Path path, long rows, long bytes, String sha256, String contentChecksum) {
    }

    private final LakeTable table;
    private final Path path;
    private final HashingOutputFile output;
    private final RowWriteSupport support;
    private final ParquetWriter<Object[]> writer;
    private final ContentChecksum checksum = new ContentChecksum();
    private WrittenFile written;

    public DayParquetWriter(LakeTable table, String day, Path path, long rowGroupBytes) throws IOException {
        this.table = table;
        this.path = path;
        this.output = new HashingOutputFile(path);
        Map<String, String> metadata = new HashMap<>();
        metadata.put(META_TABLE, table.name());
        metadata.put(META_DAY, day);
        this.support = new RowWriteSupport(table, metadata);
        this.writer = new Builder(output, support)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withDictionaryEncoding(true)
                .withRowGroupSize(rowGroupBytes)
                .withPageSize(1 << 20)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withConf(new Configuration(false))
                .build();
    }

    public void write(Object[] row) throws IOException {
        checksum.add(RowCanonicalForm.of(table, row));
        writer.write(row);
    }

    public WrittenFile finish() throws IOException {
        if (written == null) {
            support.putMetadata(META_CHECKSUM, checksum.value());
            support.putMetadata(META_ROWS, Long.toString(checksum.rows()));
            writer.close();
            written = new WrittenFile(path, checksum.rows(), Files.size(path), output.sha256Hex(), checksum.value());
        }
        return written;
    }

    @Override
    public void close() throws IOException {
        finish();
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
