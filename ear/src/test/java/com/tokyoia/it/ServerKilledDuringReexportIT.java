package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The crash, for real: a re-export of a proven day of 400,000 high-entropy rows is started
 * through the API, and the WildFly running it is killed with SIGKILL while it writes. While it is
 * dead, the job repository still says STARTED and the new version is unproven, and the day's proven
 * version 1 stays current and intact. After a plain restart, recovery (once the dead server's lease
 * has expired) fails the dead execution, restarts it, and the restart finishes the new version:
 * every row once, one file, no staging left, read back by DuckDB.
 *
 * Not Arquillian: it needs a server it may kill. It runs a second WildFly of the build's installation
 * (StandaloneServer, port offset 400) with its own database and lake, so that the Arquillian
 * server's recovery cannot take the execution over, and a short lease so the test need not wait two
 * minutes for the default one to expire.
 */
class ServerKilledDuringReexportIT {
    private static final int ROWS = 400_000;
    private static final String DATABASE = "tokyoia_killed_it";
    private static final Duration LEASE = Duration.ofSeconds(12);

    @Test
    void aReexportKilledWithItsServerIsRecoveredAtStartUpAndFinishes() throws Exception {
        LocalDate day = LocalDate.now(SystemTime.clock()).minusDays(20);
        String url = TestDatabase.recreateForServer(DATABASE);
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(url);
        db.setUser(System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER", "postgres"));
        db.setPassword(System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER_PASSWORD", "postgres"));
        db.setCurrentSchema(TestDatabase.SEARCH_PATH);
        TestDatabase.migrateAsOwner(url);
        seed(db, day);

        Path base = Path.of("target/killed-server").toAbsolutePath();
        try (StandaloneServer server = StandaloneServer.prepare(base, 400, Map.of("TOKYOIA_DB_URL", url,
                "TOKYOIA_ETL_EXECUTION_LEASE_SECONDS", String.valueOf(LEASE.toSeconds()),
                "TOKYOIA_ETL_CATCH_UP_ON_START", "false", "TOKYOIA_ETL_WORK_DIR", base.resolve("work").toString()))) {
            server.start(Duration.ofMinutes(4));
            long first = executionId(server.post("/api/etl/backfill", "{\"from\":\"" + day + "\",\"tables\":\"agent_tasks\"}"));
            assertThat(awaitEnd(db, first, Duration.ofMinutes(3))).isEqualTo("COMPLETED");
            Version proven = version(db, day, 1);
            assertThat(proven.status()).isEqualTo("VALIDATED");
            assertThat(proven.rows()).isEqualTo(ROWS);

            long reexport = executionId(server.post("/api/etl/days/agent_tasks/" + day + "/reexport"));
            awaitVersion(db, day, 2, Duration.ofMinutes(1));
            Thread.sleep(1000);
            server.kill();

            assertThat(string(db, "SELECT batchstatus FROM job_execution WHERE jobexecutionid = ?", reexport))
                    .as("what the dead server left in the job repository").isEqualTo("STARTED");
            assertThat(version(db, day, 2).status()).as("the kill came before version 2 was proven (else seed more rows)")
                    .isNotEqualTo("VALIDATED");
            assertThat(currentVersion(db, day)).as("the proven version stays current while the new one is unproven").isEqualTo(1);
            assertThat(sha256(server.lakeRoot().resolve(proven.key()))).isEqualTo(proven.sha256());

            server.start(Duration.ofMinutes(4));
            long restart = awaitRestartOf(db, reexport, Duration.ofMinutes(4));
            assertThat(awaitEnd(db, restart, Duration.ofMinutes(3))).isEqualTo("COMPLETED");
            assertThat(string(db, "SELECT batchstatus || ' ' || exitstatus FROM job_execution WHERE jobexecutionid = ?", reexport))
                    .startsWith("FAILED").contains("the server running it stopped");
            assertThat(string(db, "SELECT action || ' by ' || actor || ': ' || details FROM audit_log WHERE entity_type = 'job-execution' "
                    + "AND entity_id = ?", String.valueOf(restart))).startsWith("batch.restart by execution recovery")
                    .contains("restarts execution " + reexport);

            Version finished = version(db, day, 2);
            assertThat(finished.status()).isEqualTo("VALIDATED");
            assertThat(finished.rows()).isEqualTo(ROWS);
            assertThat(currentVersion(db, day)).isEqualTo(2);
            Path file = server.lakeRoot().resolve(finished.key());
            assertThat(sha256(file)).isEqualTo(finished.sha256());
            assertThat(Files.size(file)).isEqualTo(finished.bytes());
            assertThat(parquetFiles(file.getParent())).as("one file in the new version's folder").hasSize(1);
            assertThat(sha256(server.lakeRoot().resolve(proven.key()))).as("version 1 kept for the grace period, intact")
                    .isEqualTo(proven.sha256());
            try (Stream<Path> all = Files.walk(server.lakeRoot())) {
                assertThat(all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".staging-")).toList())
                        .as("no half copy left in the lake").isEmpty();
            }
            assertThat(duck("SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || sum(latency_ms) FROM read_parquet('" + file + "')"))
                    .isEqualTo(ROWS + " " + ROWS + " " + string(db, "SELECT sum(latency_ms) FROM agent_tasks WHERE workflow_id IS NOT NULL"));
        }
        TestDatabase.dropForServer(DATABASE);
    }

    /** One agent's day of tasks: random v4 ids, uniform times, long-tailed latencies, many task types, some failures. */
    private static void seed(PGSimpleDataSource db, LocalDate day) throws SQLException {
        Timestamp start = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        UUID agent = UUID.randomUUID();
        UUID workflow = UUID.randomUUID();
        try (Connection c = db.getConnection()) {
            update(c, "INSERT INTO agents (id, name, role, model, status, created_at, updated_at) VALUES (?, 'killed-it', 'r', 'm', "
                    + "'ACTIVE', ?, ?)", agent, start, start);
            update(c, "INSERT INTO workflows (id, name, agent_id, status, created_at, updated_at) VALUES (?, 'killed-it', ?, "
                    + "'COMPLETED', ?, ?)", workflow, agent, start, start);
            update(c, "SELECT tokyoia_ensure_day_partition('agent_tasks', ?)", day);
            update(c, "INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, updated_at, latency_ms, "
                    + "tokens_input, tokens_output, cost_usd, error_message) "
                    + "SELECT gen_random_uuid(), ?, ?, 'type-' || floor(r * r * 500)::int, CASE WHEN r < 0.03 THEN 'FAILED' ELSE 'COMPLETED' END, "
                    + "t, t, (-ln(1 - random()) * 4000)::int, (random() * 20000)::int, (random() * 4000)::int, "
                    + "round((random() * 0.5)::numeric, 6), CASE WHEN r < 0.03 THEN md5(random()::text) END "
                    + "FROM (SELECT ?::timestamptz + random() * interval '86399 seconds' AS t, random() AS r "
                    + "FROM generate_series(1, ?)) AS s", workflow, agent, start, ROWS);
            update(c, "ANALYZE agent_tasks");
        }
    }

    private record Version(String status, long rows, long bytes, String sha256, String key) {
    }

    private static Version version(PGSimpleDataSource db, LocalDate day, int version) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT status, coalesce(row_count, -1), "
                + "coalesce(bytes, -1), sha256, object_key FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? AND version = ?")) {
            ps.setObject(1, day);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("manifest version " + version + " of " + day).isTrue();
                return new Version(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5));
            }
        }
    }

    /** The version readers use: the newest proven one. */
    private static int currentVersion(PGSimpleDataSource db, LocalDate day) throws SQLException {
        return Integer.parseInt(string(db, "SELECT max(version) FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                + "AND status IN ('VALIDATED', 'PURGED', 'ARCHIVED')", day));
    }

    private static void awaitVersion(PGSimpleDataSource db, LocalDate day, int version, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (string(db, "SELECT status FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? AND version = ?", day, version) == null) {
            assertThat(System.nanoTime()).as("version " + version + " started within " + limit).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The execution recovery started in place of the dead one (same job instance). */
    private static long awaitRestartOf(PGSimpleDataSource db, long dead, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String next = string(db, "SELECT max(e.jobexecutionid) FROM job_execution e JOIN job_execution d ON d.jobinstanceid = e.jobinstanceid "
                    + "WHERE d.jobexecutionid = ? AND e.jobexecutionid > d.jobexecutionid", dead);
            if (next != null) {
                return Long.parseLong(next);
            }
            assertThat(System.nanoTime()).as("execution " + dead + " restarted by recovery within " + limit).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static String awaitEnd(PGSimpleDataSource db, long execution, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String status = string(db, "SELECT batchstatus FROM job_execution WHERE jobexecutionid = ?", execution);
            if (status != null && !List.of("STARTING", "STARTED", "STOPPING").contains(status)) {
                return status;
            }
            assertThat(System.nanoTime()).as("execution " + execution + " ended within " + limit).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static long executionId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        return body.getJsonNumber("executionId").longValue();
    }

    private static List<Path> parquetFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String duck(String sql) throws SQLException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String string(PGSimpleDataSource db, String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }
}
