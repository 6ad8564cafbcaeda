package com.tokyoia.etl.infrastructure.catalog;

import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.trino.TrinoConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Trino Hive catalog: creates the schema and each external Parquet table from the lake schema
 * registry (partitioned by year, month, day as strings, the same layout Glue gets for Athena),
 * refuses to go on when an existing table's columns differ from the registry, and registers each
 * exported day's version folder with {@code system.register_partition}, moving the partition when
 * it points at an earlier version.
 */
public final class TrinoCatalogPublisher implements CatalogPublisher {
    static final List<String> PARTITION_COLUMNS = List.of("year", "month", "day");

    private final TrinoConnector trino;
    private final String tableLocationRoot;
    private final Set<String> verifiedTables = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> tableLocks = new ConcurrentHashMap<>();

    /** {@code tableLocationRoot}: s3://bucket/prefix, under which each table has its folder. */
    public TrinoCatalogPublisher(TrinoConnector trino, String tableLocationRoot) {
        this.trino = trino;
        this.tableLocationRoot = tableLocationRoot.replaceAll("/+$", "");
    }

    @Override
    public String probe() throws SQLException {
        try (Connection c = trino.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return "Trino at " + trino.settings().url();
        }
    }

    @Override
    public void publish(LakeTable table, LocalDate day, String partitionUri) throws SQLException {
        try (Connection c = trino.connect()) {
            if (!verifiedTables.contains(table.name())) {
                // Parallel partitions of one job publish days of the same table: one creates or
                // checks it, the others wait for that instead of registering into a missing table.
                synchronized (tableLocks.computeIfAbsent(table.name(), name -> new Object())) {
                    if (!verifiedTables.contains(table.name())) {
                        ensureSchema(c);
                        ensureTable(c, table);
                        verifiedTables.add(table.name());
                    }
                }
            }
            List<String> values = partitionValues(day);
            if (!registered(c, table, values)) {
                register(c, table, values, partitionUri);
            } else if (!readsFrom(c, table, values, partitionUri)) {
                // Trino cannot change a partition's location in place: for the moment between these
                // two calls a Trino query sees no rows for the day (see README, "Versions").
                unregister(c, table, values);
                register(c, table, values, partitionUri);
            }
        }
    }

    public static List<String> partitionValues(LocalDate day) {
        return List.of(String.format("%04d", day.getYear()), String.format("%02d", day.getMonthValue()),
                String.format("%02d", day.getDayOfMonth()));
    }

    private void ensureSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(trino.settings().schema()));
        }
    }

    private void ensureTable(Connection c, LakeTable table) throws SQLException {
        List<String> expected = new ArrayList<>(table.columns().stream().map(col -> col.name() + " " + col.trinoType()).toList());
        PARTITION_COLUMNS.forEach(p -> expected.add(p + " varchar"));
        List<String> actual = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, trino.settings().schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actual.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        if (actual.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + quote(table.name()) + " ("
                        + String.join(", ", expected.stream().map(TrinoCatalogPublisher::quoteColumn).toList()) + ") WITH ("
                        + "format = 'PARQUET', partitioned_by = ARRAY['year', 'month', 'day'], external_location = "
                        + literal(tableLocationRoot + "/" + table.name() + "/") + ")");
            }
        } else if (!expected.equals(actual)) {
            throw new IllegalStateException("schema drift in Trino table " + trino.settings().catalog() + "."
                    + trino.settings().schema() + "." + table.name() + ": catalog has " + actual
                    + ", lake schema registry says " + expected);
        }
    }

    private static boolean registered(Connection c, LakeTable table, List<String> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + quote(table.name() + "$partitions")
                + " WHERE year = ? AND month = ? AND day = ?")) {
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 1, values.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Whether the registered partition's files lie under {@code location} (an empty day cannot tell: no). */
    private static boolean readsFrom(Connection c, LakeTable table, List<String> values, String location) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT \"$path\" FROM " + quote(table.name())
                + " WHERE year = ? AND month = ? AND day = ? LIMIT 1")) {
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 1, values.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1).startsWith(location);
            }
        }
    }

    private void unregister(Connection c, LakeTable table, List<String> values) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CALL system.unregister_partition(schema_name => " + literal(trino.settings().schema())
                    + ", table_name => " + literal(table.name())
                    + ", partition_columns => ARRAY['year', 'month', 'day'], partition_values => ARRAY["
                    + String.join(", ", values.stream().map(TrinoCatalogPublisher::literal).toList()) + "])");
        }
    }

    /**
     * Trino's CALL takes no bound parameters, so the values are literals; none comes from a user:
     * the schema and table from configuration and the registry, the values from a date, the
     * location from the store.
     */
    private void register(Connection c, LakeTable table, List<String> values, String partitionUri) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CALL system.register_partition(schema_name => " + literal(trino.settings().schema())
                    + ", table_name => " + literal(table.name())
                    + ", partition_columns => ARRAY['year', 'month', 'day'], partition_values => ARRAY["
                    + String.join(", ", values.stream().map(TrinoCatalogPublisher::literal).toList())
                    + "], location => " + literal(partitionUri) + ")");
        } catch (SQLException e) {
            // A concurrent publisher registered it between the check and the call: the goal is reached.
            // Trino says "Partition [...] is already registered with location ...".
            if (e.getMessage() == null || !e.getMessage().contains("already registered")) {
                throw e;
            }
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }


    private static String quoteColumn(String nameAndType) {
        int space = nameAndType.indexOf(' ');
        return quote(nameAndType.substring(0, space)) + nameAndType.substring(space);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
