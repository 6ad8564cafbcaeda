package com.tokyoia.analytics;

import com.tokyoia.etl.TestDatabase;
import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.application.ExportObserver;
import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.infrastructure.catalog.CatalogPublisher;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.etl.infrastructure.store.ObjectStore;
import com.tokyoia.persistence.lake.LakeSchemaRegistry;
import com.tokyoia.persistence.lake.LakeTable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * 120 days of generated hot data ending 2024-06-30 (the tests' "today" is 2024-07-01), exported
 * with the real ETL classes: to a local lake directory, or to any store and catalog a test gives.
 * Built once per JVM.
 */
final class LakeFixture {
    static final LocalDate TODAY = LocalDate.of(2024, 7, 1);
    static final LocalDate FIRST = TODAY.minusDays(120);
    static final List<UUID> AGENTS = new ArrayList<>();
    private static Path lake;

    private LakeFixture() {
    }

    /** The test database (shared with the ETL tests: pooled, migrated). */
    static DataSource dataSource() {
        return TestDatabase.dataSource();
    }

    /** The generated days, every table exported to a local lake directory. */
    static synchronized Path lake() throws Exception {
        if (lake == null) {
            generated();
            Path root = Files.createTempDirectory("analytics-lake-");
            exportAll(exporter(root), FIRST, TODAY);
            lake = root;
        }
        return lake;
    }

    static DayExporter exporter(Path root) {
        return exporter(new LocalDirectoryStore(root), CatalogPublisher.NONE, root.resolveSibling(root.getFileName() + "-work"));
    }

    static DayExporter exporter(ObjectStore store, CatalogPublisher catalog, Path workDir) {
        return new DayExporter(dataSource(), store, catalog, new Retry(1, Duration.ofMillis(50)), workDir, 8L << 20,
                ExportObserver.NONE);
    }

    /** Exports every table's days in [first, end) with the real ETL classes. */
    static void exportAll(DayExporter exporter, LocalDate first, LocalDate end) throws Exception {
        for (LakeTable table : LakeSchemaRegistry.tables()) {
            for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
                exporter.export(table, d, -100, false);
            }
        }
    }

    /** The 120 days of hot data, generated once per JVM (earlier rows of those days are replaced). */
    static synchronized void generated() throws Exception {
        if (!AGENTS.isEmpty()) {
            return;
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = FIRST; d.isBefore(TODAY); d = d.plusDays(1)) {
            days.add(d);
        }
        TestDatabase.resetDays(days);
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            Random random = new Random(2024);
            AGENTS.clear();
            for (int i = 0; i < 6; i++) {
                UUID id = UUID.randomUUID();
                AGENTS.add(id);
                exec(c, "INSERT INTO agents (id, name, role, model, status, created_at, updated_at) VALUES (?, ?, 'r', 'm', 'ACTIVE', now(), now())",
                        id, "analytics-" + id);
            }
            String[] types = {"summarize", "plan", "translate", "review"};
            String[] statuses = {"COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "RUNNING"};
            for (LocalDate d = FIRST; d.isBefore(TODAY); d = d.plusDays(1)) {
                Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                List<UUID> workflows = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    UUID id = UUID.randomUUID();
                    workflows.add(id);
                    Instant created = start.plusSeconds(random.nextInt(86_000));
                    String status = new String[]{"COMPLETED", "FAILED", "CANCELLED", "RUNNING", "COMPLETED"}[random.nextInt(5)];
                    exec(c, "INSERT INTO workflows (id, name, agent_id, status, created_at, started_at, finished_at, updated_at) VALUES (?, 'wf', ?, ?, ?, ?, ?, ?)",
                            id, AGENTS.get(random.nextInt(6)), status, ts(created), ts(created.plusMillis(5)),
                            status.equals("RUNNING") ? null : ts(created.plusMillis(1000 + random.nextInt(900_000)).plusNanos(random.nextInt(1000) * 1000L)),
                            ts(created));
                }
                try (PreparedStatement task = c.prepareStatement("INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, "
                        + "tokens_input, tokens_output, cost_usd, latency_ms, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < 30; i++) {
                        Instant created = start.plusNanos((long) (random.nextDouble() * 86_399_000_000_000L) / 1000 * 1000);
                        task.setObject(1, UUID.randomUUID());
                        task.setObject(2, workflows.get(random.nextInt(workflows.size())));
                        task.setObject(3, AGENTS.get(random.nextInt(6)));
                        task.setString(4, types[random.nextInt(types.length)]);
                        task.setString(5, statuses[random.nextInt(statuses.length)]);
                        task.setTimestamp(6, ts(created));
                        task.setObject(7, random.nextInt(10) == 0 ? null : random.nextInt(4000));
                        task.setObject(8, random.nextInt(1500));
                        task.setBigDecimal(9, random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(5_000_000), 6));
                        task.setObject(10, random.nextInt(12) == 0 ? null : (int) Math.exp(4 + random.nextDouble() * 8));
                        task.setTimestamp(11, ts(created));
                        task.addBatch();
                    }
                    task.executeBatch();
                }
                for (int i = 0; i < 10; i++) {
                    exec(c, "INSERT INTO agent_interactions (workflow_id, from_agent_id, to_agent_id, kind, tokens, latency_ms, occurred_at) VALUES (?, ?, ?, 'REQUEST', ?, ?, ?)",
                            workflows.get(random.nextInt(workflows.size())), AGENTS.get(random.nextInt(6)), AGENTS.get(random.nextInt(6)),
                            random.nextBoolean() ? null : random.nextInt(500), random.nextInt(300), ts(start.plusSeconds(random.nextInt(86_000))));
                    exec(c, "INSERT INTO agent_metrics (agent_id, metric_name, metric_value, recorded_at) VALUES (?, 'latency_ms', ?, ?)",
                            AGENTS.get(random.nextInt(6)), random.nextDouble() * 100, ts(start.plusSeconds(random.nextInt(86_000))));
                }
                for (int i = 0; i < 8; i++) {
                    Instant started = start.plusSeconds(random.nextInt(86_000));
                    boolean ended = random.nextBoolean();
                    exec(c, "INSERT INTO user_sessions (id, user_id, client, status, started_at, last_heartbeat_at, ended_at, updated_at) VALUES (?, ?, 'web', ?, ?, ?, ?, ?)",
                            UUID.randomUUID(), "user-" + random.nextInt(5), ended ? "ENDED" : "ACTIVE", ts(started), ts(started),
                            ended ? ts(started.plusSeconds(random.nextInt(7200)).plusNanos(random.nextInt(1000) * 1000L)) : null, ts(started));
                }
            }
            c.commit();
        }
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    static void exec(Connection c, String sql, Object... params) throws SQLException {
        TestDatabase.exec(c, sql, params);
    }

    static long count(String sql, Object... params) throws SQLException {
        return TestDatabase.count(sql, params);
    }
}
