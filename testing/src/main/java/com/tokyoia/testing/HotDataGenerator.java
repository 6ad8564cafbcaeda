package com.tokyoia.testing;

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

/**
 * The tests' generator of hot data: every exported table, with what breaks exports and engines
 * when handled carelessly: NULLs in every optional column, non-ASCII text, quotes and newlines,
 * microsecond timestamps, decimals with six places, doubles with fractions and negatives,
 * latencies spread over five orders of magnitude, every status. Deterministic for a seed (ids
 * aside). Volume generation for benchmarks and the demo is server-side SQL elsewhere.
 */
public final class HotDataGenerator {
    private static final String[] TASK_TYPES = {"summarize", "plan", "translate", "review"};
    private static final String[] TASK_STATUSES = {"COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "RUNNING"};
    private static final String[] WORKFLOW_STATUSES = {"COMPLETED", "FAILED", "CANCELLED", "RUNNING", "COMPLETED"};
    private static final String[] KINDS = {"REQUEST", "RESPONSE", "DELEGATION", "BROADCAST"};

    /** Rows per day and table. */
    public record Volume(int workflows, int tasks, int metrics, int interactions, int sessions) {
    }

    private final Random random;
    private final List<UUID> agents = new ArrayList<>();

    public HotDataGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** Creates {@code count} agents named with {@code prefix}; the generated rows use them. */
    public List<UUID> createAgents(int count, String prefix) throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                TestDatabase.exec(c, "INSERT INTO agents (id, name, role, model, status, created_at, updated_at) "
                        + "VALUES (?, ?, 'worker', 'm', 'ACTIVE', ?, ?)", id, prefix + id, ts(Instant.EPOCH), ts(Instant.EPOCH));
                agents.add(id);
            }
        }
        return List.copyOf(agents);
    }

    public List<UUID> agents() {
        return List.copyOf(agents);
    }

    /** Inserts one UTC day of every exported table, in one transaction. */
    public void day(LocalDate day, Volume volume) throws SQLException {
        if (agents.isEmpty()) {
            throw new IllegalStateException("createAgents first");
        }
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            List<UUID> workflows = workflows(c, start, volume.workflows());
            tasks(c, start, workflows, volume.tasks());
            metrics(c, start, volume.metrics());
            interactions(c, start, workflows, volume.interactions());
            sessions(c, start, volume.sessions());
            audit(c, start, workflows);
            c.commit();
        }
    }

    private List<UUID> workflows(Connection c, Instant start, int count) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO workflows (id, name, agent_id, status, created_at, "
                + "started_at, finished_at, error_message, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                Instant created = within(start);
                String status = pick(WORKFLOW_STATUSES);
                boolean finished = !status.equals("RUNNING");
                ps.setObject(1, id);
                ps.setString(2, "flow «" + i + "» \"quoted\"");
                ps.setObject(3, random.nextInt(4) == 0 ? null : agent());
                ps.setString(4, status);
                ps.setTimestamp(5, ts(created));
                ps.setTimestamp(6, ts(created.plusMillis(5)));
                ps.setTimestamp(7, finished ? ts(created.plusMillis(1000 + random.nextInt(900_000)).plusNanos(micros())) : null);
                ps.setString(8, status.equals("FAILED") ? "timeout\nat step " + i : null);
                ps.setTimestamp(9, ts(created));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids;
    }

    private void tasks(Connection c, Instant start, List<UUID> workflows, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, "
                + "created_at, started_at, completed_at, tokens_input, tokens_output, cost_usd, latency_ms, error_message, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                Instant created = within(start);
                String status = pick(TASK_STATUSES);
                boolean done = !status.equals("RUNNING");
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, workflows.get(random.nextInt(workflows.size())));
                ps.setObject(3, agent());
                ps.setString(4, pick(TASK_TYPES));
                ps.setString(5, status);
                ps.setTimestamp(6, ts(created));
                ps.setTimestamp(7, ts(created.plusNanos(micros())));
                ps.setTimestamp(8, done ? ts(created.plusMillis(random.nextInt(60_000)).plusNanos(micros())) : null);
                ps.setObject(9, random.nextInt(10) == 0 ? null : random.nextInt(5000));
                ps.setObject(10, done ? random.nextInt(2000) : null);
                ps.setBigDecimal(11, random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(10_000_000), 6));
                // Log-spread latencies: 1 ms to about 3 minutes, so every bucket width is exercised.
                ps.setObject(12, random.nextInt(12) == 0 ? null : (int) Math.exp(random.nextDouble() * 12));
                ps.setString(13, status.equals("FAILED") ? "error #" + i + " – ünïcode" : null);
                ps.setTimestamp(14, ts(created));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void metrics(Connection c, Instant start, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_metrics (agent_id, metric_name, metric_value, unit, "
                + "recorded_at) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                ps.setObject(1, agent());
                ps.setString(2, random.nextBoolean() ? "latency_ms" : "tokens_per_s");
                ps.setDouble(3, random.nextGaussian() * 1000 + 0.1 * i);
                ps.setString(4, random.nextBoolean() ? "ms" : null);
                ps.setTimestamp(5, ts(within(start)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void interactions(Connection c, Instant start, List<UUID> workflows, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_interactions (workflow_id, from_agent_id, to_agent_id, "
                + "kind, tokens, latency_ms, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                ps.setObject(1, random.nextBoolean() ? workflows.get(random.nextInt(workflows.size())) : null);
                ps.setObject(2, agent());
                ps.setObject(3, agent());
                ps.setString(4, pick(KINDS));
                ps.setObject(5, random.nextBoolean() ? random.nextInt(900) : null);
                ps.setObject(6, random.nextInt(500));
                ps.setTimestamp(7, ts(within(start)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void sessions(Connection c, Instant start, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_sessions (id, user_id, client, status, started_at, "
                + "last_heartbeat_at, ended_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                Instant started = within(start);
                boolean ended = random.nextBoolean();
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, "user-" + random.nextInt(50));
                ps.setString(3, random.nextBoolean() ? "web" : null);
                ps.setString(4, ended ? "ENDED" : "ACTIVE");
                ps.setTimestamp(5, ts(started));
                ps.setTimestamp(6, ts(started));
                ps.setTimestamp(7, ended ? ts(started.plusSeconds(random.nextInt(7200)).plusNanos(micros())) : null);
                ps.setTimestamp(8, ts(started));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The audit trail of the day's workflows: one entry each, details with quotes, line breaks and non-ASCII text. */
    private void audit(Connection c, Instant start, List<UUID> workflows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_id, "
                + "details) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (UUID workflow : workflows) {
                ps.setTimestamp(1, ts(within(start)));
                ps.setString(2, random.nextBoolean() ? "api" : "operator «ops»");
                ps.setString(3, random.nextBoolean() ? "workflow.create" : "workflow.transition");
                ps.setString(4, "workflow");
                ps.setString(5, workflow.toString());
                ps.setString(6, random.nextInt(5) == 0 ? null : "{\"status\":\"RUNNING\",\"note\":\"line\\nbreak 東京\"}");
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A time inside the day, at microsecond resolution (what the lake keeps). */
    private Instant within(Instant dayStart) {
        long micros = (long) (random.nextDouble() * 86_399_000_000L);
        return dayStart.plusNanos(micros * 1000);
    }

    private long micros() {
        return random.nextInt(1000) * 1000L;
    }

    private UUID agent() {
        return agents.get(random.nextInt(agents.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    public static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
