package com.tokyoia.persistence.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.persistence.migration.SchemaMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs the real migrations on the test PostgreSQL and checks the lake schema registry against the
 * tables they create, and the day-partition functions. Needs the database ./tokyo-ia test creates.
 */
class HotSchemaMatchesRegistryTest {
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void migrate() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(System.getenv().getOrDefault("TOKYOIA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_test"));
        dataSource.setUser(System.getenv().getOrDefault("TOKYOIA_DB_USER", "postgres"));
        SchemaMigration.migrate(dataSource);
    }

    @Test
    void everyRegistryColumnExistsWithTheSameTypeAndNullability() throws SQLException {
        for (LakeTable table : LakeSchemaRegistry.tables()) {
            Map<String, String[]> live = liveColumns(table.name());
            assertThat(live).as(table.name() + " exists").isNotEmpty();
            for (LakeColumn column : table.columns()) {
                String[] actual = live.get(column.name());
                assertThat(actual).as(table.name() + "." + column.name() + " exists").isNotNull();
                assertThat(actual[0]).as(table.name() + "." + column.name() + " type").isEqualTo(column.type().postgresType());
                assertThat(actual[1]).as(table.name() + "." + column.name() + " nullable")
                        .isEqualTo(column.nullable() ? "YES" : "NO");
                if (column.type() == LakeType.DECIMAL) {
                    assertThat(actual[2]).isEqualTo(column.precision() + "," + column.scale());
                }
            }
        }
    }

    @Test
    void partitionsExistFromYesterdayToAWeekAheadAndPastDaysAreCreatedOnDemand() throws SQLException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            for (String table : new String[]{"agent_tasks", "agent_metrics", "agent_interactions"}) {
                for (int d = -1; d <= 7; d++) {
                    assertThat(partitionExists(c, table, today.plusDays(d))).as(table + " " + today.plusDays(d)).isTrue();
                }
            }
            LocalDate old = today.minusDays(200);
            try (PreparedStatement drop = c.prepareStatement("DROP TABLE IF EXISTS agent_metrics_p" + old.toString().replace("-", ""))) {
                drop.execute();
            }
            assertThat(ensure(c, "agent_metrics", old)).isTrue();
            assertThat(ensure(c, "agent_metrics", old)).isFalse();
            assertThat(partitionExists(c, "agent_metrics", old)).isTrue();
            try (PreparedStatement bounds = c.prepareStatement(
                    "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = ?")) {
                bounds.setString(1, "agent_metrics_p" + old.toString().replace("-", ""));
                try (ResultSet rs = bounds.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).contains(old + " 00:00:00+00").contains(old.plusDays(1) + " 00:00:00+00");
                }
            }
        }
    }

    @Test
    void onlyPartitionedTablesAreAccepted() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ensure(c, "agents", LocalDate.now()))
                    .hasMessageContaining("not a day-partitioned table");
        }
    }

    private static boolean ensure(Connection c, String table, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tokyoia_ensure_day_partition(?, ?)")) {
            ps.setString(1, table);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean partitionExists(Connection c, String table, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_class k ON k.oid = i.inhrelid "
                        + "WHERE p.relname = ? AND k.relname = ?")) {
            ps.setString(1, table);
            ps.setString(2, table + "_p" + day.toString().replace("-", ""));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Map<String, String[]> liveColumns(String table) throws SQLException {
        Map<String, String[]> columns = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, is_nullable, numeric_precision, numeric_scale "
                     + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3), rs.getInt(4) + "," + rs.getInt(5)});
                }
            }
        }
        return columns;
    }
}
