package com.tokyoia.etl;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the lake back with an independent reader, DuckDB (its own Parquet implementation), and
 * compares it with PostgreSQL: same rows and values per day, the expected column types, the codec,
 * and the hive layout of the keys.
 */
public final class LakeAssertions {
    private LakeAssertions() {
    }

    private static final Map<String, String> DUCKDB_TYPES = Map.of(
            "UUID", "VARCHAR", "STRING", "VARCHAR", "ENUM", "VARCHAR", "INT32", "INTEGER", "INT64", "BIGINT",
            "DOUBLE", "DOUBLE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE");

    public static void assertLakeEqualsPostgres(Path lakeRoot, List<LocalDate> days) throws Exception {
        assertLakeEqualsPostgres(lakeRoot, days, "SNAPPY");
    }

    /** With the files' codec as DuckDB names it (SNAPPY, ZSTD). */
    public static void assertLakeEqualsPostgres(Path lakeRoot, List<LocalDate> days, String codec) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (LakeTable table : LakeSchemaRegistry.tables()) {
                for (LocalDate day : days) {
                    Path file = lakeRoot.resolve(String.format("%s/year=%04d/month=%02d/day=%02d/v=0001/part-00000.parquet",
                            table.name(), day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
                    assertThat(file).as("hive layout key, version folder").isRegularFile();
                    try (var files = Files.list(file.getParent())) {
                        assertThat(files.map(p -> p.getFileName().toString()).toList())
                                .as("exactly one file in the version folder").containsExactly("part-00000.parquet");
                    }
                    assertTypesAndCodec(duck, table, file, codec);
                    List<String> lake = duckRows(duck, table, lakeRoot, day);
                    List<String> hot = postgresRows(table, day);
                    assertThat(hot).as(table.name() + " " + day + " has data").isNotEmpty();
                    assertThat(lake).as(table.name() + " " + day + " values").hasSize(hot.size()).containsExactlyElementsOf(hot);
                }
            }
        }
    }

    private static void assertTypesAndCodec(Connection duck, LakeTable table, Path file, String codec) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        for (LakeColumn column : table.columns()) {
            String expected = column.type().name().equals("DECIMAL")
                    ? "DECIMAL(" + column.precision() + "," + column.scale() + ")"
                    : DUCKDB_TYPES.get(column.type().name());
            assertThat(types.get(column.name())).as(table.name() + "." + column.name()).isEqualTo(expected);
        }
        try (Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('" + file + "')")) {
            List<String> codecs = new ArrayList<>();
            while (rs.next()) {
                codecs.add(rs.getString(1));
            }
            assertThat(codecs).containsExactly(codec);
        }
    }

    /** The day's rows through DuckDB's hive-partitioned scan, pruned by year/month/day. */
    private static List<String> duckRows(Connection duck, LakeTable table, Path lakeRoot, LocalDate day) throws SQLException {
        String select = table.columns().stream().map(c -> c.type().name().equals("TIMESTAMP")
                ? "epoch_us(" + c.name() + ")" : c.name()).collect(Collectors.joining(", "));
        String sql = "SELECT " + select + " FROM read_parquet('" + lakeRoot + "/" + table.name()
                + "/*/*/*/v=0001/*.parquet', hive_partitioning = true) WHERE year = ? AND month = ? AND day = ?";
        try (PreparedStatement ps = duck.prepareStatement(sql)) {
            ps.setInt(1, day.getYear());
            ps.setInt(2, day.getMonthValue());
            ps.setInt(3, day.getDayOfMonth());
            return rows(ps, table);
        }
    }

    private static List<String> postgresRows(LakeTable table, LocalDate day) throws SQLException {
        String select = table.columns().stream().map(c -> c.type().name().equals("TIMESTAMP")
                ? "(extract(epoch FROM " + c.name() + ") * 1000000)::bigint" : c.name()).collect(Collectors.joining(", "));
        try (Connection c = TestDatabase.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + select + " FROM " + table.name() + " WHERE "
                     + table.dayColumn() + " >= ? AND " + table.dayColumn() + " < ?")) {
            ps.setTimestamp(1, Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
            ps.setTimestamp(2, Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            return rows(ps, table);
        }
    }

    /** Each row as text with one normal form per type, sorted, so the two readers compare exactly. */
    private static List<String> rows(PreparedStatement ps, LakeTable table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < table.columns().size(); i++) {
                    Object value = rs.getObject(i + 1);
                    String text;
                    if (value == null) {
                        text = "NULL";
                    } else if (value instanceof BigDecimal decimal) {
                        text = decimal.setScale(table.columns().get(i).scale()).toPlainString();
                    } else if (value instanceof Double d) {
                        text = Long.toHexString(Double.doubleToLongBits(d));
                    } else if (value instanceof Number n) {
                        text = Long.toString(n.longValue());
                    } else {
                        text = value.toString();
                    }
                    row.append(text).append('|');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
