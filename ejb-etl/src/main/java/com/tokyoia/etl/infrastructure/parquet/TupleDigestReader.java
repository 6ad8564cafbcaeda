package com.tokyoia.etl.infrastructure.parquet;

import com.tokyoia.etl.infrastructure.extract.TupleEncoder;
import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * The export's read-back proof: reads a written file with parquet's own column readers (not the
 * writer's path, and no row objects) and hands each value to a {@link TupleEncoder}, which encodes
 * it into PostgreSQL's binary form and digests the tuples.
 */
final class TupleDigestReader {
    private TupleDigestReader() {
    }

    static String digest(LakeTable table, Path file) throws IOException {
        List<LakeColumn> columns = table.columns();
        TupleEncoder encoder = new TupleEncoder(table);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            ColumnDescriptor[] descriptors = new ColumnDescriptor[columns.size()];
            for (int i = 0; i < descriptors.length; i++) {
                String name = columns.get(i).name();
                if (!schema.containsField(name)) {
                    throw new IOException(file.getFileName() + " has no column " + name);
                }
                descriptors[i] = schema.getColumnDescription(new String[]{name});
            }
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new DummyRecordConverter(schema).getRootConverter(),
                        schema, createdBy);
                ColumnReader[] readers = new ColumnReader[descriptors.length];
                for (int i = 0; i < readers.length; i++) {
                    readers[i] = store.getColumnReader(descriptors[i]);
                }
                for (long r = 0; r < pages.getRowCount(); r++) {
                    encoder.startRow();
                    for (int i = 0; i < readers.length; i++) {
                        ColumnReader column = readers[i];
                        if (column.getCurrentDefinitionLevel() < descriptors[i].getMaxDefinitionLevel()) {
                            encoder.addNull();
                        } else {
                            switch (columns.get(i).type()) {
                                case UUID -> encoder.addUuidText(bytes(column.getBinary()));
                                case STRING, ENUM -> encoder.addText(bytes(column.getBinary()));
                                case DATE -> encoder.addDateText(column.getBinary().toStringUsingUTF8());
                                case INT32 -> encoder.addInt32(column.getInteger());
                                case INT64 -> encoder.addInt64(column.getLong());
                                case TIMESTAMP -> encoder.addTimestamp(column.getLong());
                                case DOUBLE -> encoder.addDouble(column.getDouble());
                                case DECIMAL -> encoder.addDecimal(column.getLong(), columns.get(i).scale());
                            }
                        }
                        column.consume();
                    }
                    encoder.endRow();
                }
            }
        }
        return encoder.digest();
    }

    private static byte[] bytes(Binary value) {
        return value.getBytesUnsafe();
    }
}
