package com.tokyoia.etl.infrastructure.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.parquet.io.api.Binary;
import org.postgresql.PGConnection;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's binary COPY of the values that are easy to get wrong, decoded by {@link CopyRowDecoder}:
 * the decoded values are the right ones, the canonical text written while decoding is PostgreSQL's
 * own (its SQL expression over the same rows), and {@link TupleEncoder} turns the plain Java values
 * back into exactly the bytes PostgreSQL sent (equal digests).
 */
class BinaryCopyRoundTripTest {
    private static final UUID ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b");
    private static final UUID AGENT = UUID.fromString("00000000-0000-4000-8000-00000000c0de");

    /** Costs that exercise the numeric's digit groups: zero, a lone micro-dollar, trailing zeros, negatives, the largest. */
    private static final String[] COSTS = {"0", "0.000001", "12.5", "-0.5", "10000", "-12345678.000100", "99999999.999999",
        "0.000100", "1.000000", "1234.5678", "NULL"};

    @Test
    void agentTasksDecodeEncodeAndCanonicaliseLikePostgres() throws Exception {
        LakeTable tasks = LakeSchemaRegistry.AGENT_TASKS;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < COSTS.length; i++) {
            String text = switch (i % 4) {
                case 0 -> "'résumé «x» 東京'";
                case 1 -> "''";
                case 2 -> "E'line\\nbreak\\ttab'";
                default -> "NULL";
            };
            String at = switch (i % 3) {
                case 0 -> "'1969-12-31 23:59:59.999999+00'";
                case 1 -> "'1999-12-31 23:59:59.999999+00'";
                default -> "'2026-03-29 01:30:00.000001+00'";
            };
            rows.add("('" + ID + "'::uuid, '" + ID + "'::uuid, '" + AGENT + "'::uuid, 'type-" + i + "', 'FAILED', " + at
                    + "::timestamptz, NULL::timestamptz, " + at + "::timestamptz, " + (i == 0 ? "0" : "2147483647") + ", "
                    + (i % 2 == 0 ? "NULL::int" : "-2147483648") + ", " + COSTS[i] + "::numeric(14,6), " + i + ", " + text + ", "
                    + at + "::timestamptz)");
        }
        assertRoundTrip(tasks, String.join(", ", rows), COSTS.length);
    }

    @Test
    void metricsWithDoublesAndLongsRoundTrip() throws Exception {
        LakeTable metrics = LakeSchemaRegistry.AGENT_METRICS;
        List<String> rows = new ArrayList<>();
        String[] values = {"'-0'", "'0.1'", "'-1234.5678e-300'", "'1.7976931348623157e308'", "'NaN'", "'4.9e-324'", "'-Infinity'",
            "('Infinity'::float8 - 'Infinity'::float8)"};
        for (int i = 0; i < values.length; i++) {
            rows.add("(" + (i == 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE - i) + "::bigint, '" + AGENT + "'::uuid, 'tokens/s', "
                    + values[i] + "::float8, " + (i % 2 == 0 ? "NULL::text" : "'ms'") + ", '2000-01-01 00:00:00+00'::timestamptz)");
        }
        assertRoundTrip(metrics, String.join(", ", rows), values.length);
    }

    @Test
    void aValueWithMoreFractionalDigitsThanTheColumnIsRefusedNotRounded() throws Exception {
        LakeTable tasks = LakeSchemaRegistry.AGENT_TASKS;
        String row = "('" + ID + "'::uuid, '" + ID + "'::uuid, '" + AGENT + "'::uuid, 't', 'FAILED', now(), NULL::timestamptz, "
                + "NULL::timestamptz, 1, 1, 1.00000001::numeric(14,8), 1, NULL::text, now())";
        assertThatThrownBy(() -> assertRoundTrip(tasks, row, 1)).isInstanceOf(IOException.class).hasMessageContaining("fractional digits");
    }

    /** PostgreSQL's own numeric_send is the reference for the encoder, on both of its paths (long and BigInteger). */
    @Test
    void numericsEncodeAsPostgresSendsThem() throws Exception {
        String[][] cases = {{"0", "6"}, {"0.000001", "6"}, {"-0.5", "6"}, {"10000", "6"}, {"99999999.999999", "6"}, {"1234.5678", "4"},
            {"-12345678901234.5678", "4"}, {"99999999999999.9999", "4"}, {"562949953421312", "0"}, {"-562949953421312", "0"},
            {"123456789012345678", "0"}, {"0.1", "1"}, {"-7", "3"}, {"100000000", "2"}};
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            for (String[] value : cases) {
                int scale = Integer.parseInt(value[1]);
                try (ResultSet rs = st.executeQuery("SELECT numeric_send(" + value[0] + "::numeric(18," + scale + "))")) {
                    rs.next();
                    byte[] expected = rs.getBytes(1);
                    BigDecimal decimal = new BigDecimal(value[0]);
                    PgBinary.Bytes fromBig = new PgBinary.Bytes();
                    PgBinary.numeric(fromBig, decimal, scale);
                    assertThat(Arrays.copyOfRange(fromBig.data, 4, fromBig.length)).as(value[0] + " from BigDecimal").isEqualTo(expected);
                    PgBinary.Bytes fromLong = new PgBinary.Bytes();
                    PgBinary.numeric(fromLong, decimal.setScale(scale).unscaledValue().longValueExact(), scale);
                    assertThat(Arrays.copyOfRange(fromLong.data, 4, fromLong.length)).as(value[0] + " from long").isEqualTo(expected);
                    assertThat(PgBinary.unscaledNumeric(expected, 0, expected.length, scale))
                            .isEqualTo(decimal.setScale(scale).unscaledValue().longValueExact());
                }
            }
        }
    }

    /** The same COPY cut into pieces of 1 to 40 bytes: headers and tuples split anywhere give the same rows and digests. */
    @Test
    void aStreamSplitAnywhereParsesTheSame() throws Exception {
        LakeTable metrics = LakeSchemaRegistry.AGENT_METRICS;
        String sql = "COPY (SELECT " + CopyRowDecoder.selectList(metrics) + " FROM (SELECT g::bigint AS id, '" + AGENT + "'::uuid AS agent_id, "
                + "'m' || g AS metric_name, g / 7.0::float8 AS metric_value, CASE WHEN g % 3 = 0 THEN NULL ELSE 'ms' END AS unit, "
                + "'2024-02-29 12:00:00+00'::timestamptz + g * interval '1 ms' AS recorded_at FROM generate_series(1, 500) g) AS agent_metrics) "
                + "TO STDOUT (FORMAT binary)";
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DayExtractor.Copied whole;
        try (Connection c = TestDatabase.connect()) {
            whole = DayExtractor.copy(c, sql, new CopyRowDecoder(metrics), row -> { });
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, all);
        }
        byte[] bytes = all.toByteArray();
        Random random = new Random(5);
        int[] at = {0};
        TupleDigest digest = new TupleDigest();
        ContentChecksum checksum = new ContentChecksum();
        BinaryCopyParser.parse(() -> {
            if (at[0] >= bytes.length) {
                return null;
            }
            int length = Math.min(bytes.length - at[0], 1 + random.nextInt(40));
            at[0] += length;
            return Arrays.copyOfRange(bytes, at[0] - length, at[0]);
        }, new CopyRowDecoder(metrics), digest, checksum, row -> { });
        assertThat(digest.rows()).isEqualTo(500);
        assertThat(digest.value()).isEqualTo(whole.source().tupleDigest());
        assertThat(checksum.value()).isEqualTo(whole.contentChecksum());
        // Cut short: refused, not taken as a smaller day.
        assertThatThrownBy(() -> BinaryCopyParser.parse(new Messages(Arrays.copyOf(bytes, bytes.length - 2)), new CopyRowDecoder(metrics),
                new TupleDigest(), new ContentChecksum(), row -> { })).isInstanceOf(IOException.class).hasMessageContaining("trailer");
    }

    /** A sink that fails mid-stream: the COPY is cancelled and drained, and the connection answers the next statement. */
    @Test
    void aFailureMidStreamLeavesTheConnectionUsable() throws Exception {
        LakeTable metrics = LakeSchemaRegistry.AGENT_METRICS;
        String sql = "COPY (SELECT " + CopyRowDecoder.selectList(metrics) + " FROM (SELECT g::bigint AS id, '" + AGENT + "'::uuid AS agent_id, "
                + "'m' AS metric_name, 1::float8 AS metric_value, NULL::text AS unit, now() AS recorded_at "
                + "FROM generate_series(1, 2000000) g) AS agent_metrics) TO STDOUT (FORMAT binary)";
        try (Connection c = TestDatabase.connect()) {
            int[] seen = {0};
            assertThatThrownBy(() -> DayExtractor.copy(c, sql, new CopyRowDecoder(metrics), row -> {
                if (++seen[0] == 10) {
                    throw new IOException("the writer stopped");
                }
            })).isInstanceOf(IOException.class).hasMessage("the writer stopped");
            assertThat(c.isClosed()).isFalse();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 41 + 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    /** Hands out one array, then the end. */
    private static final class Messages implements BinaryCopyParser.Messages {
        private byte[] bytes;

        Messages(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public byte[] next() {
            byte[] next = bytes;
            bytes = null;
            return next;
        }
    }

    private static void assertRoundTrip(LakeTable table, String values, int expectedRows) throws Exception {
        String columns = String.join(", ", table.columnNames());
        String from = "(VALUES " + values + ") AS " + table.name() + "(" + columns + ")";
        List<Object[]> decoded = new ArrayList<>();
        DayExtractor.Copied copied;
        try (Connection c = TestDatabase.connect()) {
            copied = DayExtractor.copy(c, "COPY (SELECT " + CopyRowDecoder.selectList(table) + " FROM " + from
                    + ") TO STDOUT (FORMAT binary)", new CopyRowDecoder(table), decoded::add);
        }
        assertThat(copied.source().rows()).isEqualTo(expectedRows);
        assertThat(decoded).hasSize(expectedRows);

        // The canonical text written from the bytes is PostgreSQL's own checksum of the same rows.
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(ContentChecksum.sql(table.name(), table.dayColumn(), RowCanonicalForm.sqlExpression(table))
                     .replace(" FROM " + table.name() + " WHERE " + table.dayColumn() + " >= ? AND " + table.dayColumn() + " < ?",
                             " FROM " + from))) {
            rs.next();
            assertThat(copied.contentChecksum()).isEqualTo("rows:" + rs.getLong(1) + ";sum:" + rs.getString(2));
        }

        // Written to Parquet and read back the way the export proves its files: the same digest.
        Path file = Files.createTempFile("round-trip-", ".parquet");
        try {
            try (DayParquetWriter writer = new DayParquetWriter(table, "2000-01-01", file, ParquetLayout.snappy(1 << 20))) {
                for (Object[] row : decoded) {
                    writer.write(row.clone());
                }
                writer.finish(copied.contentChecksum());
            }
            assertThat(new ParquetFiles().tupleDigest(table, file)).isEqualTo(copied.source().tupleDigest());
        } finally {
            Files.deleteIfExists(file);
        }

        // Plain Java values (as a lake file reads back) encode to exactly the bytes COPY sent.
        TupleEncoder encoder = new TupleEncoder(table);
        for (Object[] row : decoded) {
            encoder.add(plain(table, row));
        }
        assertThat(encoder.digest()).isEqualTo(copied.source().tupleDigest());
        // ... and the Java canonical form of those values agrees with the one written from the bytes.
        ContentChecksum javaChecksum = new ContentChecksum();
        for (Object[] row : decoded) {
            javaChecksum.add(RowCanonicalForm.of(table, plain(table, row)));
        }
        assertThat(javaChecksum.value()).isEqualTo(copied.contentChecksum());
    }

    /** The decoder's Parquet-ready values as the lake reader yields them. */
    private static Object[] plain(LakeTable table, Object[] row) {
        Object[] plain = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            plain[i] = v == null ? null : switch (table.columns().get(i).type()) {
                case UUID -> UUID.fromString(((Binary) v).toStringUsingUTF8());
                case STRING, ENUM, DATE -> new String(((Binary) v).getBytes(), StandardCharsets.UTF_8);
                case DECIMAL -> BigDecimal.valueOf((Long) v, table.columns().get(i).scale());
                default -> v;
            };
        }
        return plain;
    }

    @Test
    void aChangedValueNullOrOrderChangesTheDigest() {
        LakeTable metrics = LakeSchemaRegistry.AGENT_METRICS;
        String reference = digest(metrics, new Object[]{1L, AGENT, "m", 1.0, null, 5L});
        assertThat(digest(metrics, new Object[]{1L, AGENT, "m", 1.0, null, 6L})).isNotEqualTo(reference);
        assertThat(digest(metrics, new Object[]{1L, AGENT, "m", 1.0, "", 5L})).as("a null is not an empty string").isNotEqualTo(reference);
        LakeTable interactions = LakeSchemaRegistry.AGENT_INTERACTIONS;
        UUID other = UUID.fromString("00000000-0000-4000-8000-00000000beef");
        assertThat(digest(interactions, new Object[]{1L, null, AGENT, other, "REQUEST", 10, 20, 5L}))
                .as("two columns swapped").isNotEqualTo(digest(interactions, new Object[]{1L, null, other, AGENT, "REQUEST", 10, 20, 5L}));
    }

    private static String digest(LakeTable table, Object[] row) {
        TupleEncoder encoder = new TupleEncoder(table);
        encoder.add(row);
        return encoder.digest();
    }
}
