package com.tokyoia.etl.infrastructure.parquet;

import com.tokyoia.etl.application.port.LakeFiles;
import com.tokyoia.etl.domain.ParquetFooter;
import com.tokyoia.etl.infrastructure.extract.ContentChecksum;
import com.tokyoia.etl.infrastructure.extract.RowCanonicalForm;
import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/** Reads back what was written with parquet-hadoop's own reader: the footer facts, and (deep verify) every row. */
public final class ParquetFiles implements LakeFiles {

    // Plain (non-Hadoop) configuration: the Hadoop-backed default pulls in MapReduce classes.
    private static ParquetFileReader open(Path file) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
    }

    /** Row count, codec and per-column compressed sizes from the footer, plus the key-value metadata. */
    @Override
    public ParquetFooter footer(Path file) throws IOException {
        try (ParquetFileReader reader = open(file)) {
            ParquetMetadata footer = reader.getFooter();
            Map<String, Long> sizes = new LinkedHashMap<>();
            long rows = 0;
            String codec = null;
            for (BlockMetaData block : footer.getBlocks()) {
                rows += block.getRowCount();
                for (ColumnChunkMetaData column : block.getColumns()) {
                    sizes.merge(column.getPath().toDotString(), column.getTotalSize(), Long::sum);
                    codec = column.getCodec().name();
                }
            }
            return new ParquetFooter(rows, sizes, footer.getFileMetaData().getKeyValueMetaData(), codec);
        }
    }

    @Override
    public String recomputeChecksum(LakeTable table, Path file) throws IOException {
        ContentChecksum checksum = new ContentChecksum();
        readRows(table, file, row -> checksum.add(RowCanonicalForm.of(table, row)));
        return checksum.value();
    }

    @Override
    public String tupleDigest(LakeTable table, Path file) throws IOException {
        return TupleDigestReader.digest(table, file);
    }

    @Override
    public void readRows(LakeTable table, Path file, RowSink sink) throws IOException {
        List<LakeColumn> columns = table.columns();
        try (ParquetFileReader reader = open(file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long r = 0; r < pages.getRowCount(); r++) {
                    Group group = records.read();
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        LakeColumn column = columns.get(i);
                        if (group.getFieldRepetitionCount(column.name()) == 0) {
                            continue;
                        }
                        row[i] = switch (column.type()) {
                            case UUID -> UUID.fromString(group.getString(column.name(), 0));
                            case STRING, ENUM, DATE -> group.getString(column.name(), 0);
                            case INT32 -> group.getInteger(column.name(), 0);
                            case INT64, TIMESTAMP -> group.getLong(column.name(), 0);
                            case DOUBLE -> group.getDouble(column.name(), 0);
                            case DECIMAL -> BigDecimal.valueOf(group.getLong(column.name(), 0), column.scale());
                        };
                    }
                    sink.accept(row);
                }
            }
        }
    }
}
