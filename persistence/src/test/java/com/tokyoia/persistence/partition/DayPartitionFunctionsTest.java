package com.tokyoia.persistence.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.persistence.migration.SchemaMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The day-partition functions the migrations create, on the test PostgreSQL, with fixed days: a
 * window is created from days the application passes in, never from PostgreSQL's own clock.
 */
class DayPartitionFunctionsTest {
    private static final List<String> TABLES = List.of("agent_tasks", "agent_metrics", "agent_interactions");
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void migrate() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(System.getenv().getOrDefault("TOKYOIA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_test"));
        // As the server migrates: the schema's owner, granting the application's role (tools/db-roles.sql
        // made both); the partitions this test drops are the owner's.
        dataSource.setUser(System.getenv().getOrDefault("TOKYOIA_DB_OWNER_USER", "tokyoia_owner"));
        dataSource.setPassword(System.getenv().getOrDefault("TOKYOIA_DB_OWNER_PASSWORD", ""));
        SchemaMigration.migrate(dataSource, System.getenv().getOrDefault("TOKYOIA_DB_USER", "tokyoia_app"));
    }

    @Test
    void aWindowOfApplicationDaysIsCreatedOnceAcrossAMonthEnd() throws SQLException {
        LocalDate first = LocalDate.of(2031, 1, 30);
        LocalDate last = LocalDate.of(2031, 2, 2);
        try (Connection c = dataSource.getConnection()) {
            for (String table : TABLES) {
                for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                    drop(c, table, d);
                }
            }
            assertThat(window(c, first, last)).as("4 days x 3 tables").isEqualTo(12);
            assertThat(window(c, first, last)).as("a second run creates nothing").isZero();
            for (String table : TABLES) {
                for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                    assertThat(partitionExists(c, table, d)).as(table + " " + d).isTrue();
                }
            }
        }
    }

    @Test
    void aReversedOrHugeWindowIsRefused() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThatThrownBy(() -> window(c, LocalDate.of(2031, 2, 2), LocalDate.of(2031, 1, 30)))
                    .hasMessageContaining("reversed or longer than 400 days");
            assertThatThrownBy(() -> window(c, LocalDate.of(2031, 1, 1), LocalDate.of(2032, 6, 1)))
                    .hasMessageContaining("reversed or longer than 400 days");
        }
    }

    @Test
    void aPastDayIsCreatedOnDemandWithUtcBounds() throws SQLException {
        LocalDate old = LocalDate.of(2020, 3, 29); // a DST change in Europe, irrelevant to UTC bounds
        try (Connection c = dataSource.getConnection()) {
            drop(c, "agent_metrics", old);
            assertThat(ensure(c, "agent_metrics", old)).isTrue();
            assertThat(ensure(c, "agent_metrics", old)).isFalse();
            assertThat(partitionExists(c, "agent_metrics", old)).isTrue();
            // The bounds are instants; PostgreSQL prints them in the session's zone (the JVM's): print them in UTC.
            c.setAutoCommit(false);
            try (Statement utc = c.createStatement()) {
                utc.execute("SET LOCAL TIME ZONE 'UTC'");
            }
            try (PreparedStatement bounds = c.prepareStatement(
                    "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = ?")) {
                bounds.setString(1, "agent_metrics_p" + old.toString().replace("-", ""));
                try (ResultSet rs = bounds.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).contains(old + " 00:00:00+00").contains(old.plusDays(1) + " 00:00:00+00");
                }
            } finally {
                c.commit();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void onlyPartitionedTablesAreAccepted() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThatThrownBy(() -> ensure(c, "agents", LocalDate.of(2031, 1, 1))).hasMessageContaining("not a day-partitioned table");
        }
    }

    private static int window(Connection c, LocalDate first, LocalDate last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tokyoia_ensure_partitions_between(?, ?)")) {
            ps.setObject(1, first);
            ps.setObject(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void drop(Connection c, String table, LocalDate day) throws SQLException {
        try (PreparedStatement drop = c.prepareStatement("DROP TABLE IF EXISTS " + table + "_p" + day.toString().replace("-", ""))) {
            drop.execute();
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
}
