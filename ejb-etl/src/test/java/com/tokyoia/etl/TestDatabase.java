package com.tokyoia.etl;

import com.tokyoia.persistence.migration.SchemaMigration;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The test PostgreSQL (migrated) and a generator of hot data for given days. Each test class owns
 * its days: {@link #resetDays} deletes their rows and manifest entries first, so runs repeat.
 */
public final class TestDatabase {
    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            // Pooled, as the server's datasource is: a new PostgreSQL connection costs ~40 ms on these machines.
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(System.getenv().getOrDefault("TOKYOIA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_test"));
            ds.setUsername(System.getenv().getOrDefault("TOKYOIA_DB_USER", "postgres"));
            ds.setPassword(System.getenv().getOrDefault("TOKYOIA_DB_PASSWORD", "postgres"));
            ds.setMaximumPoolSize(8);
            SchemaMigration.migrate(ds);
            dataSource = ds;
        }
        return dataSource;
    }

    public static void resetDays(List<LocalDate> days) throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            for (LocalDate day : days) {
                Timestamp from = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
                Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
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
                exec(c, "DELETE FROM export_manifest WHERE day = ?", day);
            }
        }
    }

    public static void resetManifest(List<LocalDate> days) throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            for (LocalDate day : days) {
                exec(c, "DELETE FROM export_manifest WHERE day = ?", day);
            }
        }
    }

    /** Rows generated per day and table (tasks and metrics get more). */
    public record Volume(int workflows, int tasks, int metrics, int interactions, int sessions) {
    }

    /** Inserts realistic rows for the day: NULLs, decimals, non-ASCII text, doubles with fractions. */
    public static void generate(LocalDate day, Volume volume, long seed) throws SQLException {
        Random random = new Random(seed);
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            List<UUID> agents = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                UUID id = UUID.randomUUID();
                agents.add(id);
                exec(c, "INSERT INTO agents (id, name, role, model, status, created_at, updated_at) VALUES (?, ?, 'worker', 'm', 'ACTIVE', now(), now())",
                        id, "etl-agent-" + id);
            }
            List<UUID> workflows = new ArrayList<>();
            for (int i = 0; i < volume.workflows(); i++) {
                UUID id = UUID.randomUUID();
                workflows.add(id);
                Timestamp created = at(start, random);
                boolean failed = random.nextInt(10) == 0;
                exec(c, "INSERT INTO workflows (id, name, agent_id, status, created_at, started_at, finished_at, error_message, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, "flow «" + i + "» \"quoted\"",
                        random.nextBoolean() ? agents.get(random.nextInt(agents.size())) : null,
                        failed ? "FAILED" : "COMPLETED", created, created, created, failed ? "timeout\nat step " + i : null, created);
            }
            try (PreparedStatement task = c.prepareStatement("INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, "
                    + "created_at, started_at, completed_at, tokens_input, tokens_output, cost_usd, latency_ms, error_message, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < volume.tasks(); i++) {
                    Timestamp created = at(start, random);
                    boolean done = random.nextInt(20) != 0;
                    task.setObject(1, UUID.randomUUID());
                    task.setObject(2, workflows.get(random.nextInt(workflows.size())));
                    task.setObject(3, agents.get(random.nextInt(agents.size())));
                    task.setString(4, new String[]{"summarize", "translate", "plan", "review"}[random.nextInt(4)]);
                    task.setString(5, done ? "COMPLETED" : "FAILED");
                    task.setTimestamp(6, created);
                    task.setTimestamp(7, created);
                    task.setTimestamp(8, done ? new Timestamp(created.getTime() + random.nextInt(60_000)) : null);
                    task.setObject(9, done ? random.nextInt(5000) : null);
                    task.setObject(10, done ? random.nextInt(2000) : null);
                    task.setBigDecimal(11, done ? BigDecimal.valueOf(random.nextInt(10_000_000), 6) : null);
                    task.setObject(12, random.nextInt(30_000));
                    task.setString(13, done ? null : "error #" + i + " – ünïcode");
                    task.setTimestamp(14, created);
                    task.addBatch();
                }
                task.executeBatch();
            }
            try (PreparedStatement metric = c.prepareStatement("INSERT INTO agent_metrics (agent_id, metric_name, metric_value, unit, recorded_at) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < volume.metrics(); i++) {
                    metric.setObject(1, agents.get(random.nextInt(agents.size())));
                    metric.setString(2, random.nextBoolean() ? "latency_ms" : "tokens_per_s");
                    metric.setDouble(3, random.nextGaussian() * 1000 + 0.1 * i);
                    metric.setString(4, random.nextBoolean() ? "ms" : null);
                    metric.setTimestamp(5, at(start, random));
                    metric.addBatch();
                }
                metric.executeBatch();
            }
            try (PreparedStatement interaction = c.prepareStatement("INSERT INTO agent_interactions (workflow_id, from_agent_id, to_agent_id, kind, tokens, latency_ms, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < volume.interactions(); i++) {
                    interaction.setObject(1, random.nextBoolean() ? workflows.get(random.nextInt(workflows.size())) : null);
                    interaction.setObject(2, agents.get(random.nextInt(agents.size())));
                    interaction.setObject(3, agents.get(random.nextInt(agents.size())));
                    interaction.setString(4, new String[]{"REQUEST", "RESPONSE", "DELEGATION", "BROADCAST"}[random.nextInt(4)]);
                    interaction.setObject(5, random.nextBoolean() ? random.nextInt(900) : null);
                    interaction.setObject(6, random.nextInt(500));
                    interaction.setTimestamp(7, at(start, random));
                    interaction.addBatch();
                }
                interaction.executeBatch();
            }
            for (int i = 0; i < volume.sessions(); i++) {
                Timestamp started = at(start, random);
                boolean ended = random.nextBoolean();
                exec(c, "INSERT INTO user_sessions (id, user_id, client, status, started_at, last_heartbeat_at, ended_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        UUID.randomUUID(), "user-" + random.nextInt(50), random.nextBoolean() ? "web" : null, ended ? "ENDED" : "ACTIVE",
                        started, started, ended ? started : null, started);
            }
            c.commit();
        }
    }

    /** A time inside the day, with microseconds (the lake keeps micros). */
    private static Timestamp at(Instant dayStart, Random random) {
        long micros = (long) (random.nextDouble() * 86_400_000_000L);
        return Timestamp.from(dayStart.plusNanos(micros * 1000));
    }

    public static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }

    public static long count(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
