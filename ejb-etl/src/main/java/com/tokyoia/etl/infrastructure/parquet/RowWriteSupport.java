package com.tokyoia.etl.infrastructure.parquet;

import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes rows (Object[] in table column order) straight to Parquet, no object model in between.
 * Takes the COPY decoder's values (strings and UUIDs as UTF-8 {@link Binary}, decimals as their
 * unscaled Long) as well as plain Java ones (UUID, String, BigDecimal).
 */
final class RowWriteSupport extends WriteSupport<Object[]> {
    private final LakeTable table;
    private final Map<String, String> metadata;
    private RecordConsumer consumer;

    RowWriteSupport(LakeTable table, Map<String, String> metadata) {
        this.table = table;
        this.metadata = metadata;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private WriteContext context() {
        return new WriteContext(ParquetSchemas.of(table), new HashMap<>());
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
        return new FinalizedWriteContext(new HashMap<>(metadata));
    }

    /** Adds metadata known only after the last row (the content checksum, the row count). */
    void putMetadata(String key, String value) {
        metadata.put(key, value);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        List<LakeColumn> columns = table.columns();
        consumer.startMessage();
        for (int i = 0; i < columns.size(); i++) {
            Object value = row[i];
            if (value == null) {
                continue;
            }
            LakeColumn column = columns.get(i);
            consumer.startField(column.name(), i);
            switch (column.type()) {
                case UUID -> consumer.addBinary(value instanceof Binary b ? b : Binary.fromString(((UUID) value).toString()));
                case STRING, ENUM, DATE -> consumer.addBinary(value instanceof Binary b ? b : Binary.fromString((String) value));
                case INT32 -> consumer.addInteger((Integer) value);
                case INT64, TIMESTAMP -> consumer.addLong((Long) value);
                case DOUBLE -> consumer.addDouble((Double) value);
                case DECIMAL -> consumer.addLong(value instanceof Long unscaled ? unscaled
                        : ((BigDecimal) value).setScale(column.scale(), RoundingMode.UNNECESSARY).unscaledValue().longValueExact());
            }
            consumer.endField(column.name(), i);
        }
        consumer.endMessage();
    }
}
