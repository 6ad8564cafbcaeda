package com.tokyoia.testing;

import com.tokyoia.persistence.migration.SchemaMigration;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The test PostgreSQL (TOKYOIA_DB_URL, recreated by ./tokyo-ia test), migrated and pooled, with
 * the SQL helpers every test needs. Each test class owns its days: {@link #resetDays} deletes
 * their rows and manifest entries first, so runs repeat.
 */
public final class TestDatabase {
    /** The hot tables the API writes. */
    public static final List<String> HOT_TABLES = List.of("agents", "workflows", "agent_tasks", "agent_metrics",
            "agent_interactions", "user_sessions");
    /** Every table of the application; a fingerprint of them tells whether a request changed anything. */
    public static final List<String> APPLICATION_TABLES = List.of("agents", "workflows", "agent_tasks", "agent_metrics",
            "agent_interactions", "user_sessions", "export_manifest", "audit_log", "analytics_query_log", "idempotency_keys");
    /** Who the tests connect as. */
    public static final String SUPERUSER = System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER", "postgres");
    /** The server's roles (tools/db-roles.sql; ./tokyo-ia test creates them). */
    public static final String OWNER_ROLE = System.getenv().getOrDefault("TOKYOIA_DB_OWNER_USER", "tokyoia_owner");
    public static final String APP_ROLE = System.getenv().getOrDefault("TOKYOIA_DB_USER", "tokyoia_app");
    /** The application's tables, then WildFly's (tools/db-roles.sql puts those in the app role's own schema). */
    public static final String SEARCH_PATH = "public," + APP_ROLE;
    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            // Pooled, as the server's datasource is: a new PostgreSQL connection costs ~40 ms on these machines.
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(System.getenv().getOrDefault("TOKYOIA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_test"));
            // The tests set up and inspect as the superuser (they delete audit rows, which the
            // application's role may not); the schema is migrated as the server migrates it.
            ds.setUsername(SUPERUSER);
            ds.setPassword(System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER_PASSWORD", "postgres"));
            ds.setMaximumPoolSize(8);
            // WildFly's own tables (timers, batch repository) are in the application role's schema.
            ds.addDataSourceProperty("currentSchema", SEARCH_PATH);
            migrateAsOwner(ds.getJdbcUrl());
            dataSource = ds;
        }
        return dataSource;
    }

    /**
     * Makes an empty database the test creates itself ready for a server, as tools/db-roles.sql does
     * for ./tokyo-ia's: owned by the owner role, with the application role's schema for WildFly's tables.
     */
    public static void prepareForServer(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, SUPERUSER,
                System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER_PASSWORD", "postgres"))) {
            exec(c, "ALTER DATABASE " + c.getCatalog() + " OWNER TO " + OWNER_ROLE);
            exec(c, "CREATE SCHEMA IF NOT EXISTS " + APP_ROLE + " AUTHORIZATION " + APP_ROLE);
        }
    }

    /**
     * A new, empty database beside the test database for a second server a test starts itself,
     * prepared as {@link #prepareForServer} does; returns its URL.
     */
    public static String recreateForServer(String name) throws SQLException {
        String url = System.getenv().getOrDefault("TOKYOIA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_test");
        try (Connection c = DriverManager.getConnection(url.replaceFirst("/[^/?]+(\\?|$)", "/postgres$1"), SUPERUSER,
                System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER_PASSWORD", "postgres"))) {
            exec(c, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            exec(c, "CREATE DATABASE " + name);
        }
        String created = url.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        prepareForServer(created);
        return created;
    }

    /** Drops a database made by {@link #recreateForServer} once its server has stopped. */
    public static void dropForServer(String name) throws SQLException {
        String url = System.getenv().getOrDefault("TOKYOIA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_test");
        try (Connection c = DriverManager.getConnection(url.replaceFirst("/[^/?]+(\\?|$)", "/postgres$1"), SUPERUSER,
                System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER_PASSWORD", "postgres"))) {
            exec(c, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Migrates as the schema's owner and grants the application's role, as the server's SchemaMigrator does. */
    public static void migrateAsOwner(String url) {
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setUrl(url);
        owner.setUser(OWNER_ROLE);
        owner.setPassword(System.getenv().getOrDefault("TOKYOIA_DB_OWNER_PASSWORD", ""));
        SchemaMigration.migrate(owner, APP_ROLE);
    }

    /** A connection as the application's role, the one the server's datasources use. */
    public static Connection connectAsApplication() throws SQLException {
        return applicationDataSource().getConnection();
    }

    /** Connections as the application's role, with its rights only (no pool). */
    public static DataSource applicationDataSource() {
        PGSimpleDataSource app = new PGSimpleDataSource();
        app.setUrl(((HikariDataSource) dataSource()).getJdbcUrl());
        app.setUser(APP_ROLE);
        app.setPassword(System.getenv().getOrDefault("TOKYOIA_DB_PASSWORD", ""));
        return app;
    }

    /**
     * A condition on a timestamptz column: inside one UTC day, the day bound twice ({@code day, day}).
     * Spelled in UTC because a bare {@code ?::date} compares in the session's zone, which pgjdbc takes
     * from the JVM: the zone run of .ci/run would count another day's rows.
     */
    public static String inUtcDay(String column) {
        return column + " >= ?::date::timestamp AT TIME ZONE 'UTC' AND " + column + " < (?::date + 1)::timestamp AT TIME ZONE 'UTC'";
    }

    public static Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /** Deletes every row of the days (all exported tables) and their manifest entries. */
    public static void resetDays(List<LocalDate> days) throws SQLException {
        try (Connection c = connect()) {
            for (LocalDate day : days) {
                Timestamp from = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
                Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
                // The manifest first: a day it says was purged gets no partition again.
                exec(c, "DELETE FROM export_manifest WHERE day = ?", day);
                exec(c, "DELETE FROM retention_hold WHERE day = ?", day);
                for (String table : new String[]{"agent_tasks", "agent_metrics", "agent_interactions"}) {
                    exec(c, "SELECT tokyoia_ensure_day_partition(?, ?)", table, day);
                }
                exec(c, "DELETE FROM agent_tasks WHERE created_at >= ? AND created_at < ?", from, to);
                exec(c, "DELETE FROM agent_metrics WHERE recorded_at >= ? AND recorded_at < ?", from, to);
                exec(c, "DELETE FROM agent_interactions WHERE occurred_at >= ? AND occurred_at < ?", from, to);
                exec(c, "DELETE FROM agent_tasks WHERE workflow_id IN (SELECT id FROM workflows WHERE created_at >= ? AND created_at < ?)", from, to);
                exec(c, "DELETE FROM agent_interactions WHERE workflow_id IN (SELECT id FROM workflows WHERE created_at >= ? AND created_at < ?)", from, to);
                exec(c, "DELETE FROM workflows WHERE created_at >= ? AND created_at < ?", from, to);
                exec(c, "DELETE FROM user_sessions WHERE started_at >= ? AND started_at < ?", from, to);
                exec(c, "DELETE FROM audit_log WHERE occurred_at >= ? AND occurred_at < ?", from, to);
            }
        }
    }

    public static void resetManifest(List<LocalDate> days) throws SQLException {
        try (Connection c = connect()) {
            for (LocalDate day : days) {
                exec(c, "DELETE FROM export_manifest WHERE day = ?", day);
            }
        }
    }

    /** Inserts an agent and a COMPLETED workflow of it, both stamped {@code at}; returns the workflow's id. */
    public static UUID agentWithWorkflow(Connection c, UUID agent, String name, Instant at) throws SQLException {
        UUID workflow = UUID.randomUUID();
        Timestamp stamp = Timestamp.from(at);
        exec(c, "INSERT INTO agents (id, name, role, model, status, created_at, updated_at) VALUES (?, ?, 'r', 'm', 'ACTIVE', ?, ?)",
                agent, name + "-" + agent, stamp, stamp);
        exec(c, "INSERT INTO workflows (id, name, agent_id, status, created_at, updated_at) VALUES (?, ?, ?, 'COMPLETED', ?, ?)",
                workflow, name, agent, stamp, stamp);
        return workflow;
    }

    /** Inserts {@code count} COMPLETED tasks of the type for the agent's workflow: the first at {@code first}, then one every {@code spacing}. */
    public static void completedTasks(Connection c, UUID workflow, UUID agent, String type, Instant first, Duration spacing, int count)
            throws SQLException {
        for (int i = 0; i < count; i++) {
            Timestamp t = Timestamp.from(first.plus(spacing.multipliedBy(i)));
            exec(c, "INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, 'COMPLETED', ?, ?)", UUID.randomUUID(), workflow, agent, type, t, t);
        }
    }

    public static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            ps.execute();
        }
    }

    /** One analytics question in the query log, as the analytics module logs it, that cost {@code usd} at {@code at}. */
    public static void loggedQuery(String queryName, Instant at, String usd) throws SQLException {
        exec("INSERT INTO analytics_query_log (query_name, parameters, engine, hot_days, cold_days, missing_days, quoted_bytes, "
                + "quoted_usd, scanned_bytes, cost_usd, cache_hit, result_rows, duration_ms, created_at) "
                + "VALUES (?, '{}', 'athena', 0, 30, 0, 1, ?::numeric, 1, ?::numeric, false, 1, 1, ?)", queryName, usd, usd, Timestamp.from(at));
    }

    public static void exec(String sql, Object... params) throws SQLException {
        try (Connection c = connect()) {
            exec(c, sql, params);
        }
    }

    /** The first column of the first row as a number (0 when NULL). */
    public static long count(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** The first column of the first row as text, or null when there is no row. */
    public static String string(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * A content fingerprint per table (md5 over every row's text, in a stable order): equal before
     * and after means no row was added, removed or changed, which row counts alone cannot tell.
     */
    public static Map<String, String> fingerprints(List<String> tables) throws SQLException {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (String table : tables) {
            fingerprints.put(table, string("SELECT coalesce(md5(string_agg(md5(t::text), ',' ORDER BY md5(t::text))), 'empty') FROM "
                    + table + " t"));
        }
        return fingerprints;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
