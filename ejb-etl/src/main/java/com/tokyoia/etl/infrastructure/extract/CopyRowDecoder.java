package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.domain.schema.LakeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.io.api.Binary;

/**
 * Decodes one tuple of a binary {@code COPY} of a lake table (columns cast as {@link #selectList}
 * says) straight into the values the Parquet writer takes, no JDBC objects in between: UUIDs,
 * strings and dates as UTF-8 {@link Binary}, INT32 as Integer, INT64 and timestamps (epoch
 * microseconds, UTC) as Long, doubles as Double, decimals as their unscaled Long at the column's
 * scale. While decoding it also writes the row's canonical text (see {@link RowCanonicalForm}) as
 * bytes, for the content checksum. A NaN double is made the canonical NaN in the tuple's own bytes
 * (the caller digests them after decoding), as Parquet stores it.
 */
class CopyRowDecoder {
    private static final byte[] NULL = RowCanonicalForm.NULL.getBytes(StandardCharsets.US_ASCII);
    private static final long CANONICAL_NAN = Double.doubleToLongBits(Double.NaN);
    private final LakeType[] types;
    private final int[] scales;
    private final PgBinary.Bytes canonical = new PgBinary.Bytes();

    CopyRowDecoder(LakeTable table) {
        List<LakeColumn> columns = table.columns();
        types = columns.stream().map(LakeColumn::type).toArray(LakeType[]::new);
        scales = columns.stream().mapToInt(LakeColumn::scale).toArray();
    }

    int columns() {
        return types.length;
    }

    /** The SELECT list of the COPY: every column cast to the type whose binary form {@link #decode} reads. */
    static String selectList(LakeTable table) {
        StringBuilder sql = new StringBuilder();
        for (LakeColumn column : table.columns()) {
            if (!sql.isEmpty()) {
                sql.append(", ");
            }
            sql.append(column.name()).append("::").append(switch (column.type()) {
                case UUID -> "uuid";
                case STRING, ENUM -> "text";
                case INT32 -> "int4";
                case INT64 -> "int8";
                case TIMESTAMP -> "timestamptz";
                case DOUBLE -> "float8";
                // Plain numeric, not numeric(p,s): a cast to the scale would round a value with more
                // digits, which the decoder refuses instead.
                case DECIMAL -> "numeric";
                case DATE -> "date";
            });
        }
        return sql.toString();
    }

    /**
     * The end (exclusive) of the tuple starting at {@code at}, or -1 when {@code b} holds only part
     * of it before {@code end}.
     */
    int tupleEnd(byte[] b, int at, int end) throws IOException {
        if (end - at < 2) {
            return -1;
        }
        int fields = PgBinary.int16(b, at);
        if (fields != types.length) {
            throw new IOException("COPY sent a tuple of " + fields + " fields, " + types.length + " expected");
        }
        int p = at + 2;
        for (int i = 0; i < fields; i++) {
            if (end - p < 4) {
                return -1;
            }
            int length = PgBinary.int32(b, p);
            if (length < -1) {
                throw new IOException("COPY sent a field of length " + length);
            }
            p += 4 + Math.max(length, 0);
            if (p > end) {
                return -1;
            }
        }
        return p;
    }

    /** Decodes the complete tuple at {@code at} into {@code row}; its canonical text is then in {@link #canonical()}. */
    void decode(byte[] b, int at, Object[] row) throws IOException {
        canonical.reset();
        int p = at + 2;
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                canonical.ascii((byte) RowCanonicalForm.SEPARATOR);
            }
            int length = PgBinary.int32(b, p);
            p += 4;
            if (length < 0) {
                row[i] = null;
                canonical.bytes(NULL, 0, NULL.length);
                continue;
            }
            row[i] = value(i, b, p, length);
            p += length;
        }
    }

    /** The canonical text of the row last decoded, valid until the next call of {@link #decode}. */
    PgBinary.Bytes canonical() {
        return canonical;
    }

    private Object value(int i, byte[] b, int at, int length) throws IOException {
        switch (types[i]) {
            case UUID -> {
                expect(length, 16, i);
                byte[] text = PgBinary.uuidText(b, at);
                canonical.bytes(text, 0, text.length);
                return Binary.fromConstantByteArray(text);
            }
            case STRING, ENUM -> {
                canonical.bytes(b, at, length);
                return Binary.fromConstantByteArray(Arrays.copyOfRange(b, at, at + length));
            }
            case DATE -> {
                expect(length, 4, i);
                LocalDate date = PgBinary.date(b, at);
                if (date.getYear() < 1 || date.getYear() > 9999) {
                    throw new IOException("a date outside the years 1-9999 cannot be exported: " + date);
                }
                byte[] text = date.toString().getBytes(StandardCharsets.US_ASCII);
                canonical.bytes(text, 0, text.length);
                return Binary.fromConstantByteArray(text);
            }
            case INT32 -> {
                expect(length, 4, i);
                int v = PgBinary.int32(b, at);
                canonical.decimal(v);
                return v;
            }
            case INT64 -> {
                expect(length, 8, i);
                long v = PgBinary.int64(b, at);
                canonical.decimal(v);
                return v;
            }
            case TIMESTAMP -> {
                expect(length, 8, i);
                long v = PgBinary.epochMicros(b, at);
                canonical.decimal(v);
                return v;
            }
            case DOUBLE -> {
                expect(length, 8, i);
                long bits = PgBinary.int64(b, at);
                if (Double.isNaN(Double.longBitsToDouble(bits)) && bits != CANONICAL_NAN) {
                    // Parquet stores every NaN as the canonical one: so does the tuple (it is digested
                    // after decoding) and so does the canonical text, as the SQL form does.
                    PgBinary.putInt64(b, at, CANONICAL_NAN);
                    bits = CANONICAL_NAN;
                }
                canonical.hex64(bits);
                return Double.longBitsToDouble(bits);
            }
            case DECIMAL -> {
                long unscaled = PgBinary.unscaledNumeric(b, at, length, scales[i]);
                appendPlain(unscaled, scales[i]);
                return unscaled;
            }
            default -> throw new IllegalStateException(types[i].name());
        }
    }

    /** {@code unscaled}·10^-scale as BigDecimal.toPlainString writes it (and PostgreSQL's numeric text). */
    private void appendPlain(long unscaled, int scale) {
        if (scale == 0) {
            canonical.decimal(unscaled);
            return;
        }
        if (unscaled < 0) {
            canonical.ascii((byte) '-');
        }
        String digits = Long.toString(Math.abs(unscaled));
        if (digits.length() <= scale) {
            digits = "0".repeat(scale - digits.length() + 1) + digits;
        }
        byte[] text = digits.getBytes(StandardCharsets.US_ASCII);
        int point = text.length - scale;
        canonical.bytes(text, 0, point);
        canonical.ascii((byte) '.');
        canonical.bytes(text, point, scale);
    }

    private void expect(int length, int expected, int column) throws IOException {
        if (length != expected) {
            throw new IOException("COPY sent " + length + " bytes for column " + (column + 1) + " of type " + types[column]
                    + ", " + expected + " expected");
        }
    }
}
