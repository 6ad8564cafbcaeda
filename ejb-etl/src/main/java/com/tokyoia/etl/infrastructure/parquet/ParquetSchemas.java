package com.tokyoia.etl.infrastructure.parquet;

import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Parquet schema of an exported table, derived from the lake schema registry: timestamps as
 * INT64 TIMESTAMP(MICROS, UTC), decimals as DECIMAL on INT64 (precision up to 18), UUIDs and enums
 * as UTF-8 strings, so Athena, Trino and DuckDB read them alike.
 */
public final class ParquetSchemas {
    private ParquetSchemas() {
    }

    public static MessageType of(LakeTable table) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (LakeColumn column : table.columns()) {
            Type.Repetition repetition = column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            Type field = switch (column.type()) {
                case UUID, STRING, ENUM, DATE -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(column.name());
                case INT32 -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
                case INT64 -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
                case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
                case DECIMAL -> {
                    if (column.precision() > 18) {
                        throw new IllegalArgumentException(column.name() + ": decimals above precision 18 need FIXED_LEN_BYTE_ARRAY");
                    }
                    yield Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.decimalType(column.scale(), column.precision())).named(column.name());
                }
                case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(column.name());
            };
            message.addField(field);
        }
        return message.named(table.name());
    }
}
