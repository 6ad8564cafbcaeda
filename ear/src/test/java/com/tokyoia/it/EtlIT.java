package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.Jobs;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ETL inside WildFly: the daily-export Jakarta Batch job started through the operations API,
 * run on the batch-jberet subsystem with its JDBC job repository, writing the local lake in the
 * server's data directory; read back with DuckDB. Also the nightly timer's registration and the
 * refusal of bad requests (400, no job started).
 */
@ExtendWith(ArquillianExtension.class)
class EtlIT {
    static final LocalDate DAY_1 = LocalDate.of(2025, 5, 10);
    static final LocalDate DAY_2 = LocalDate.of(2025, 5, 11);
    static final Path LAKE = Path.of(System.getProperty("jboss.home"), "standalone", "data", "tokyo-ia-lake");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @BeforeAll
    static void data() throws Exception {
        try (Connection c = TestDatabase.connect()) {
            for (LocalDate day : List.of(DAY_1, DAY_2)) {
                exec(c, "SELECT tokyoia_ensure_day_partition('agent_tasks', ?)", day);
                exec(c, "SELECT tokyoia_ensure_day_partition('agent_metrics', ?)", day);
                Timestamp from = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
                Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
                exec(c, "DELETE FROM agent_tasks WHERE created_at >= ? AND created_at < ?", from, to);
                exec(c, "DELETE FROM agent_metrics WHERE recorded_at >= ? AND recorded_at < ?", from, to);
                exec(c, "DELETE FROM export_manifest WHERE day = ?", day);
            }
            UUID agent = UUID.randomUUID();
            // Agents and workflows are stamped by the test's clock, like everything the tests compare.
            UUID workflow = TestDatabase.agentWithWorkflow(c, agent, "etl-it", SystemTime.clock().instant());
            for (LocalDate day : List.of(DAY_1, DAY_2)) {
                int tasks = day.equals(DAY_1) ? 120 : 80;
                for (int i = 0; i < tasks; i++) {
                    Timestamp at = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(i * 300L));
                    exec(c, "INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, tokens_input, cost_usd, updated_at) "
                            + "VALUES (?, ?, ?, 'summarize', 'COMPLETED', ?, ?, ?, ?)", UUID.randomUUID(), workflow, agent, at, i,
                            new BigDecimal("0.000123").multiply(BigDecimal.valueOf(i)), at);
                    exec(c, "INSERT INTO agent_metrics (agent_id, metric_name, metric_value, recorded_at) VALUES (?, 'latency_ms', ?, ?)",
                            agent, i * 1.5, at);
                }
            }
        }
    }

    @Test
    void backfillRunsTheBatchJobAndTheLakeHoldsExactlyTheRows() throws Exception {
        Reply started = Http.post("/api/etl/backfill", """
                {"from":"%s","to":"%s","tables":"agent_tasks,agent_metrics"}""".formatted(DAY_1, DAY_2));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long execution = started.json().getJsonNumber("executionId").longValue();

        JsonObject run = Jobs.awaitEnd(execution);
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.getInt("daysTotal")).isEqualTo(4);
        assertThat(run.getInt("daysDone")).isEqualTo(4);
        assertThat(run.getJsonNumber("rows").longValue()).isEqualTo(400);

        Reply days = Http.get("/api/etl/days?table=agent_tasks&from=" + DAY_1 + "&to=" + DAY_2);
        assertThat(days.status()).isEqualTo(200);
        assertThat(Http.get("/api/etl/days?table=agent_tasks&from=" + DAY_1 + "&to=" + DAY_2).body())
                .contains("\"status\":\"VALIDATED\"").contains("\"rowCount\":120").contains("\"rowCount\":80");

        assertThat(duck("SELECT count(*) FROM read_parquet('" + LAKE + "/agent_tasks/*/*/*/v=0001/*.parquet', hive_partitioning = true) "
                + "WHERE year = 2025 AND month = 5 AND day = 10")).isEqualTo(120);
        assertThat(duck("SELECT count(*) FROM read_parquet('" + LAKE + "/agent_metrics/*/*/*/v=0001/*.parquet', hive_partitioning = true) "
                + "WHERE year = 2025 AND month = 5 AND day = 11")).isEqualTo(80);
        assertThat(duck("SELECT sum(tokens_input) FROM read_parquet('" + LAKE + "/agent_tasks/year=2025/month=05/day=10/v=0001/part-00000.parquet')"))
                .isEqualTo(TestDatabase.count("SELECT sum(tokens_input) FROM agent_tasks "
                        + "WHERE " + TestDatabase.inUtcDay("created_at"), DAY_1, DAY_1));

        // The same backfill again: every day is already proven, nothing is written twice.
        long again = Http.post("/api/etl/backfill", """
                {"from":"%s","to":"%s","tables":"agent_tasks"}""".formatted(DAY_1, DAY_2)).json().getJsonNumber("executionId").longValue();
        assertThat(Jobs.awaitEnd(again).getString("status")).isEqualTo("COMPLETED");
        assertThat(TestDatabase.count("SELECT count(*) FROM export_manifest WHERE table_name = 'agent_tasks' AND day IN (?, ?)", DAY_1, DAY_2)).isEqualTo(2);

        // Re-export one day: a new version; deep verify re-reads it.
        Reply reexport = Http.post("/api/etl/days/agent_tasks/" + DAY_1 + "/reexport", null);
        assertThat(reexport.status()).as(reexport.body()).isEqualTo(202);
        assertThat(Jobs.awaitEnd(reexport.json().getJsonNumber("executionId").longValue()).getString("status")).isEqualTo("COMPLETED");
        assertThat(TestDatabase.count("SELECT max(version) FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ?", DAY_1)).isEqualTo(2);
        Reply verify = Http.post("/api/etl/days/agent_tasks/" + DAY_1 + "/verify", null);
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        assertThat(verify.json().getBoolean("ok")).as(verify.body()).isTrue();
        aDamagedCopyIsRecordedRefusedByAnalyticsAndClearedOnceWhole();

        Reply runs = Http.get("/api/etl/runs?limit=10");
        assertThat(runs.body()).contains("\"executionId\":" + execution);
    }

    /** One byte of DAY_1's proven copy flipped in the server's lake, then put back. */
    private static void aDamagedCopyIsRecordedRefusedByAnalyticsAndClearedOnceWhole() throws Exception {
        String key = TestDatabase.string("SELECT object_key FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                + "AND version = 2", DAY_1);
        Path file = Health.lakeRoot().resolve(key);
        byte[] proven = Files.readAllBytes(file);
        byte[] flipped = proven.clone();
        flipped[flipped.length / 2] ^= 0x01;
        String analytics = "/api/analytics/task_throughput?from=" + DAY_1 + "&to=" + DAY_2.plusDays(1);
        Files.write(file, flipped);
        try {
            Reply damaged = Http.post("/api/etl/days/agent_tasks/" + DAY_1 + "/verify", null);
            assertThat(damaged.status()).as(damaged.body()).isEqualTo(200);
            assertThat(damaged.json().getBoolean("ok")).as(damaged.body()).isFalse();
            assertThat(damaged.json().getString("detail")).contains("SHA-256");
            assertThat(TestDatabase.string("SELECT damage FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                    + "AND version = 2", DAY_1)).isEqualTo(damaged.json().getString("detail"));
            Reply refused = Http.get(analytics);
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().getString("type")).isEqualTo("urn:tokyo-ia:problem:damaged-days");
            assertThat(refused.json().getJsonArray("days").getString(0)).isEqualTo(DAY_1.toString());
            assertThat(refused.json().getString("detail")).contains("restore-object");
        } finally {
            // Whatever failed above, later tests find the day whole.
            Files.write(file, proven);
            Reply whole = Http.post("/api/etl/days/agent_tasks/" + DAY_1 + "/verify", null);
            assertThat(whole.json().getBoolean("ok")).as(whole.body()).isTrue();
        }
        // The router's view of the manifest hears the change by NOTIFY, a moment after the verify's commit.
        Reply answered = Http.get(analytics);
        for (int i = 0; i < 50 && answered.status() == 409; i++) {
            Thread.sleep(100);
            answered = Http.get(analytics);
        }
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().getJsonArray("coldDays")).hasSize(2);
    }


    @Test
    void theScrubOfARangeReReadsItsCopiesAndRecordsEachCheck() throws Exception {
        // Workflows: the backfill test counts the rows it exports of tasks and metrics on these days.
        long exported = Http.post("/api/etl/backfill", """
                {"from":"%s","to":"%s","tables":"workflows"}""".formatted(DAY_1, DAY_2)).json().getJsonNumber("executionId").longValue();
        assertThat(Jobs.awaitEnd(exported).getString("status")).isEqualTo("COMPLETED");
        // The range's earlier checks are forgotten, so each check found afterwards is this scrub's (compared without
        // this JVM's clock: the clock-edge run fakes each process's clock from its own start).
        TestDatabase.exec("DELETE FROM lake_copy_checks WHERE manifest_id IN (SELECT id FROM export_manifest WHERE day BETWEEN ? AND ?)",
                DAY_1, DAY_2);
        String checks = "SELECT count(*) FROM lake_copy_checks k JOIN export_manifest m ON m.id = k.manifest_id "
                + "WHERE m.day BETWEEN ? AND ? AND k.outcome = 'WHOLE'";

        assertThat(Http.post("/api/etl/scrub", "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(DAY_2, DAY_1)).status()).isEqualTo(400);
        Reply started = Http.post("/api/etl/scrub", "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(DAY_1, DAY_2));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonObject run = Jobs.awaitEnd(started.json().getJsonNumber("executionId").longValue());

        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        long copies = TestDatabase.count("SELECT count(DISTINCT (table_name, day)) FROM export_manifest WHERE day BETWEEN ? AND ? "
                + "AND status IN ('VALIDATED', 'PURGED')", DAY_1, DAY_2);
        assertThat(run.getString("exitStatus")).as(run.toString())
                .startsWith("checked " + copies + " (").contains(copies + " whole, 0 damaged");
        assertThat(TestDatabase.count(checks, DAY_1, DAY_2)).isEqualTo(copies).isGreaterThanOrEqualTo(2);
    }

    @Test
    void badRequestsAreRefusedAndStartNothing() throws Exception {
        // Only jobs carrying these requests' dates count: a nightly run at 02:00 must not make this flaky.
        String today = LocalDate.now(SystemTime.clock()).toString();
        String jobsOfTheseRequests = "SELECT count(*) FROM job_execution WHERE jobparameters LIKE '%2023-03-%' "
                + "OR jobparameters LIKE '%2020-01-01%' OR jobparameters LIKE '%from=" + today + "%'";
        long jobsBefore = TestDatabase.count(jobsOfTheseRequests);
        Map<String, String> cases = Map.of(
                "{\"from\":\"2023-03-11\",\"to\":\"2023-03-10\"}", "to",
                "{\"from\":\"" + today + "\"}", "to",
                "{\"from\":\"2020-01-01\",\"to\":\"2023-03-01\"}", "to",
                "{\"from\":\"2023-03-10\",\"tables\":\"agents\"}", "tables",
                "{\"from\":\"10/03/2023\"}", "from",
                "{\"to\":\"2023-03-10\"}", "from");
        cases.forEach((body, field) -> {
            Reply reply = Http.post("/api/etl/backfill", body);
            assertThat(reply.status()).as(body + " -> " + reply.body()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field")).as(body).isEqualTo(field);
        });
        assertThat(Http.post("/api/etl/days/agents/2023-03-10/reexport", null).status()).isEqualTo(400);
        assertThat(Http.post("/api/etl/days/agent_tasks/2023-13-40/reexport", null).status()).isEqualTo(400);
        assertThat(Http.get("/api/etl/runs/999999999").status()).isEqualTo(404);
        assertThat(TestDatabase.count(jobsOfTheseRequests)).as("no job started").isEqualTo(jobsBefore);
    }

    @Test
    void aRequestOverlappingARunningJobIsRefusedNamingItAndStartsNothing() throws Exception {
        LocalDate day = LocalDate.of(2025, 5, 20);
        String jobs = "SELECT count(*) FROM job_execution";
        try (Connection c = TestDatabase.connect()) {
            exec(c, "SELECT tokyoia_ensure_day_partition('agent_tasks', ?)", day);
            exec(c, "DELETE FROM export_manifest WHERE day = ?", day);
            // Holds the running export inside its extract until this transaction ends.
            c.setAutoCommit(false);
            exec(c, "LOCK TABLE agent_tasks IN ACCESS EXCLUSIVE MODE");
            Reply first = Http.post("/api/etl/backfill", """
                    {"from":"%s","tables":"agent_tasks"}""".formatted(day));
            assertThat(first.status()).as(first.body()).isEqualTo(202);
            long running = first.json().getJsonNumber("executionId").longValue();
            long before = TestDatabase.count(jobs);

            for (Map.Entry<String, String> overlapping : Map.of(
                    "/api/etl/backfill", "{\"from\":\"%s\",\"to\":\"%s\",\"tables\":\"workflows,agent_tasks\"}"
                            .formatted(day.minusDays(3), day),
                    "/api/etl/reconcile", "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(day, day),
                    "/api/etl/days/agent_tasks/" + day + "/reexport", "").entrySet()) {
                Reply refused = Http.post(overlapping.getKey(), overlapping.getValue().isEmpty() ? null : overlapping.getValue());
                assertThat(refused.status()).as(overlapping + " -> " + refused.body()).isEqualTo(409);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().getString("detail")).contains("execution " + running).contains("agent_tasks " + day);
            }
            assertThat(TestDatabase.count(jobs)).as("no job started by a refused request").isEqualTo(before);

            Reply otherTable = Http.post("/api/etl/backfill", """
                    {"from":"%s","tables":"agent_metrics"}""".formatted(day));
            assertThat(otherTable.status()).as("the same day of another table is free: " + otherTable.body()).isEqualTo(202);
            assertThat(Jobs.awaitEnd(otherTable.json().getJsonNumber("executionId").longValue()).getString("status"))
                    .isEqualTo("COMPLETED");
            c.rollback();
            assertThat(Jobs.awaitEnd(running).getString("status")).isEqualTo("COMPLETED");
        }
        Reply after = Http.post("/api/etl/days/agent_tasks/" + day + "/reexport", null);
        assertThat(after.status()).as("accepted once the first job ended: " + after.body()).isEqualTo(202);
        assertThat(Jobs.awaitEnd(after.json().getJsonNumber("executionId").longValue()).getString("status")).isEqualTo("COMPLETED");
    }

    @Test
    void aLakeMigrationMovesADayToAnotherStoreAndBackWhileAnalyticsKeepsAnsweringAndBadTargetsChangeNothing() throws Exception {
        LocalDate day = LocalDate.of(2025, 5, 12);
        try (Connection c = TestDatabase.connect()) {
            exec(c, "SELECT tokyoia_ensure_day_partition('agent_tasks', ?)", day);
            exec(c, "DELETE FROM export_manifest WHERE day = ?", day);
            exec(c, "DELETE FROM agent_tasks WHERE created_at >= ? AND created_at < ?", Timestamp.from(day.atStartOfDay(ZoneOffset.UTC)
                    .toInstant()), Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            UUID agent = UUID.randomUUID();
            UUID workflow = TestDatabase.agentWithWorkflow(c, agent, "etl-it-migration", SystemTime.clock().instant());
            for (int i = 0; i < 60; i++) {
                Timestamp at = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(i * 600L));
                exec(c, "INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, tokens_input, cost_usd, updated_at) "
                        + "VALUES (?, ?, ?, 'plan', 'COMPLETED', ?, ?, ?, ?)", UUID.randomUUID(), workflow, agent, at, i, BigDecimal.ONE, at);
            }
        }
        Reply exported = Http.post("/api/etl/backfill", """
                {"from":"%s","tables":"agent_tasks"}""".formatted(day));
        assertThat(Jobs.awaitEnd(exported.json().getJsonNumber("executionId").longValue()).getString("status")).isEqualTo("COMPLETED");
        String home = TestDatabase.string("SELECT store_uri FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ?", day);
        String sha = TestDatabase.string("SELECT sha256 FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ?", day);
        Path elsewhere = Files.createTempDirectory("etl-it-moved-lake");
        String target = elsewhere.toUri().toString();

        // Bad targets: 400 problem+json naming the field; no job, no change.
        String jobs = "SELECT count(*) FROM job_execution e JOIN job_instance i ON i.jobinstanceid = e.jobinstanceid "
                + "WHERE i.jobname = 'migrate-lake'";
        long before = TestDatabase.count(jobs);
        Map<String, String> bad = Map.of(
                "{\"target\":\"ftp://example.com/lake\"}", "target",
                "{\"target\":\"" + target + "\",\"catalog\":\"trino\"}", "catalog",
                "{\"target\":\"s3://tokyo-ia-lake/lake\",\"catalog\":\"hive\"}", "catalog",
                "{\"catalog\":\"none\"}", "target",
                "{\"target\":\"" + target + "\",\"from\":\"2025-05-13\",\"to\":\"2025-05-12\"}", "to");
        bad.forEach((body, field) -> {
            Reply reply = Http.post("/api/etl/lake/migrations", body);
            assertThat(reply.status()).as(body + " -> " + reply.body()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field")).as(body).isEqualTo(field);
        });
        assertThat(TestDatabase.count(jobs)).as("no migration started").isEqualTo(before);

        // The dry run lists the day and its bytes and changes nothing.
        Reply plan = Http.get("/api/etl/lake/migrations/plan?from=" + day + "&to=" + day + "&target="
                + URLEncoder.encode(target, StandardCharsets.UTF_8));
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json().getInt("versions")).as(plan.body()).isEqualTo(1);
        long bytes = plan.json().getJsonNumber("bytes").longValue();
        assertThat(bytes).isPositive();
        assertThat(TestDatabase.string("SELECT store_uri FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ?", day))
                .isEqualTo(home);

        Reply moved = Http.post("/api/etl/lake/migrations", """
                {"target":"%s","from":"%s","to":"%s"}""".formatted(target, day, day));
        assertThat(moved.status()).as(moved.body()).isEqualTo(202);
        JsonObject run = Jobs.awaitEnd(moved.json().getJsonNumber("executionId").longValue());
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.getInt("daysDone")).isEqualTo(1);
        assertThat(run.getInt("daysTotal")).isEqualTo(1);
        assertThat(run.getJsonNumber("bytes").longValue()).isEqualTo(bytes);
        assertThat(run.getString("target")).isEqualTo(target.replaceAll("/+$", ""));
        Path copy = elsewhere.resolve("agent_tasks/year=2025/month=05/day=12/v=0001/part-00000.parquet");
        assertThat(Sha256.ofFile(copy)).isEqualTo(sha);
        JsonObject entry;
        try (JsonReader reader = Json.createReader(new StringReader(Http.get("/api/etl/days?table=agent_tasks&from=" + day + "&to=" + day)
                .body()))) {
            entry = reader.readArray().getJsonObject(0);
        }
        assertThat(entry.getString("storeUri")).isEqualTo(target.replaceAll("/+$", ""));
        assertThat(entry.getString("previousStoreUri")).isEqualTo(home);

        // The server's DuckDB still answers the day from the copy the move left behind; readiness names the day's new place.
        Reply answer = Http.get("/api/analytics/task_throughput?from=" + day + "&to=" + day.plusDays(1));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().getJsonArray("coldDays").toString()).isEqualTo("[\"" + day + "\"]");
        assertThat(Http.get("/api/etl/lake/placement").json().getString("advice")).contains(target.replaceAll("/+$", ""));

        // And home again: the placement check no longer names the other store.
        Reply back = Http.post("/api/etl/lake/migrations", """
                {"target":"%s","from":"%s","to":"%s"}""".formatted(home, day, day));
        assertThat(Jobs.awaitEnd(back.json().getJsonNumber("executionId").longValue()).getString("status")).isEqualTo("COMPLETED");
        assertThat(TestDatabase.string("SELECT store_uri FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ?", day))
                .isEqualTo(home);
        assertThat(Http.get("/api/etl/lake/placement").json().getString("advice")).doesNotContain(target.replaceAll("/+$", ""));
    }

    @Test
    void theNightlyTimerIsPersistedInTheDatabase() throws Exception {
        PersistedTimers.assertOneLiveTimerDueWithinADay("NightlyExportTimer");
    }

    private static long duck(String sql) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); ResultSet rs = duck.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }

    static {
        JsonValue.NULL.toString(); // parsson on the test classpath
    }
}
