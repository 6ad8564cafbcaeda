package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Encodes values read back from a lake file into PostgreSQL's binary tuple form, as its
 * {@code COPY} sent them for the casts of {@link CopyRowDecoder#selectList}, and digests the
 * tuples ({@link TupleDigest}). Written apart from the decoder on purpose: the proof compares two
 * independent paths. Values come field by field (a column reader) or as a row of plain Java values
 * (UUID, String, Integer, Long, Double, BigDecimal; timestamps as epoch microseconds).
 */
public final class TupleEncoder {
    private final List<LakeColumn> columns;
    private final PgBinary.Bytes tuple = new PgBinary.Bytes();
    private final TupleDigest digest = new TupleDigest();

    public TupleEncoder(LakeTable table) {
        this.columns = table.columns();
    }

    public void startRow() {
        tuple.reset();
        tuple.int16(columns.size());
    }

    public void endRow() {
        digest.add(tuple.data, 0, tuple.length);
    }

    public void addNull() {
        tuple.int32(-1);
    }

    /** A UUID as the lake stores it, 36 characters of text; anything but the canonical lower-case form is refused. */
    public void addUuidText(byte[] text) throws IOException {
        if (text.length != 36) {
            throw new IOException("a UUID of " + text.length + " characters");
        }
        tuple.int32(16);
        long high = 0;
        long low = 0;
        int nibbles = 0;
        for (int i = 0; i < 36; i++) {
            int c = text[i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    throw new IOException("a malformed UUID");
                }
                continue;
            }
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (v < 0) {
                throw new IOException("a UUID that is not lower-case hexadecimal");
            }
            if (nibbles++ < 16) {
                high = (high << 4) | v;
            } else {
                low = (low << 4) | v;
            }
        }
        tuple.int64(high);
        tuple.int64(low);
    }

    public void addText(byte[] utf8) {
        tuple.int32(utf8.length);
        tuple.bytes(utf8, 0, utf8.length);
    }

    public void addDateText(String isoDate) {
        PgBinary.date(tuple, LocalDate.parse(isoDate));
    }

    public void addInt32(int value) {
        tuple.int32(4);
        tuple.int32(value);
    }

    public void addInt64(long value) {
        tuple.int32(8);
        tuple.int64(value);
    }

    public void addTimestamp(long epochMicros) {
        PgBinary.timestamp(tuple, epochMicros);
    }

    public void addDouble(double value) {
        tuple.int32(8);
        tuple.int64(Double.doubleToRawLongBits(value));
    }

    public void addDecimal(long unscaled, int scale) {
        PgBinary.numeric(tuple, unscaled, scale);
    }

    /** A row of plain Java values in the table's column order. */
    public void add(Object[] row) {
        startRow();
        for (int i = 0; i < columns.size(); i++) {
            Object value = row[i];
            LakeColumn column = columns.get(i);
            if (value == null) {
                addNull();
                continue;
            }
            switch (column.type()) {
                case UUID -> PgBinary.uuid(tuple, (UUID) value);
                case STRING, ENUM -> addText(((String) value).getBytes(StandardCharsets.UTF_8));
                case DATE -> addDateText((String) value);
                case INT32 -> addInt32((Integer) value);
                case INT64 -> addInt64((Long) value);
                case TIMESTAMP -> addTimestamp((Long) value);
                case DOUBLE -> addDouble((Double) value);
                case DECIMAL -> PgBinary.numeric(tuple, (BigDecimal) value, column.scale());
            }
        }
        endRow();
    }

    public String digest() {
        return digest.value();
    }
}
