package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Jobs;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every meter the platform promises, read from the server's Prometheus text after real work: one
 * day exported through the API (rows, bytes, duration per table), one cold question answered, one
 * refused (archived day) and one failed (its lake file moved away); the storage gauges after the
 * footprint was read.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {
    static final int TASKS = 37;
    static final Path SERVER_LOG = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void exportsQueriesRefusalsFailuresAndStorageAreMetered() throws Exception {
        // A day no other test writes: inside the hot window, older than the analytics' hot days.
        LocalDate day = LocalDate.now(SystemTime.clock()).minusDays(55);
        TestDatabase.resetDays(List.of(day));
        UUID agent = UUID.randomUUID();
        try (Connection c = TestDatabase.connect()) {
            Instant first = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
            TestDatabase.exec(c, "SELECT tokyoia_ensure_day_partition('agent_tasks', ?)", day);
            TestDatabase.completedTasks(c, TestDatabase.agentWithWorkflow(c, agent, "metrics-it", first), agent, "metered", first,
                    Duration.ofMinutes(7), TASKS);
        }
        Prometheus before = Prometheus.scrape();
        // server.log outlives the test database: only lines written from here on are this run's.
        long logFrom = Files.size(SERVER_LOG);

        Http.Reply started = Http.post("/api/etl/backfill", """
                {"from":"%s","to":"%s","tables":"agent_tasks"}""".formatted(day, day));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long execution = started.json().getJsonNumber("executionId").longValue();
        assertThat(Jobs.awaitEnd(execution).getString("status")).isEqualTo("COMPLETED");
        assertExportLoggedAsJsonWithItsExecution(logFrom, day, execution);
        assertStorageGaugesShowTheFootprint(day);
        String question = "/api/analytics/task_throughput?from=" + day + "&to=" + day.plusDays(1) + "&agentId=" + agent;
        String requestId = "metrics-it-" + UUID.randomUUID();
        Http.Reply answered = Http.send(HttpRequest.newBuilder(URI.create(Http.APP + question)).header("X-Request-Id", requestId).GET());
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().getString("engine")).isEqualTo("duckdb");
        assertThat(answered.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(Http.get("/api/analytics").header("X-Request-Id")).as("an id for a request that brought none").matches("[0-9a-f-]{36}");
        assertQuestionLoggedWithItsIds(logFrom, requestId);

        TestDatabase.exec("UPDATE export_manifest SET status = 'ARCHIVED', storage_class = 'DEEP_ARCHIVE' "
                + "WHERE table_name = 'agent_tasks' AND day = ?", day);
        assertThat(Http.getOnceTheManifestViewKnows(question).status()).as("refused before the cache is asked").isEqualTo(409);
        TestDatabase.exec("UPDATE export_manifest SET status = 'VALIDATED', storage_class = 'LOCAL' "
                + "WHERE table_name = 'agent_tasks' AND day = ?", day);

        Path file = lakeFile(day);
        Path aside = file.resolveSibling(file.getFileName() + ".aside");
        Files.move(file, aside);
        try {
            // Another range, so the answer cached above cannot stand in for the engine.
            Http.Reply failed = Http.get("/api/analytics/task_throughput?from=" + day + "&to=" + day.plusDays(2) + "&agentId=" + agent);
            assertThat(failed.status()).as(failed.body()).isEqualTo(502);
        } finally {
            Files.move(aside, file);
        }

        Prometheus after = Prometheus.scrape();
        assertThat(delta(before, after, "tokyoia_etl_exported_rows_total", "table", "agent_tasks")).isEqualTo(TASKS);
        assertThat(delta(before, after, "tokyoia_etl_exported_bytes_total", "table", "agent_tasks"))
                .isEqualTo(TestDatabase.count("SELECT bytes FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ?", day));
        assertThat(delta(before, after, "tokyoia_etl_export_seconds_count", "table", "agent_tasks")).isEqualTo(1);
        assertThat(after.value("tokyoia_etl_export_seconds_sum", "table", "agent_tasks")).hasValueSatisfying(s -> assertThat(s).isPositive());
        assertThat(delta(before, after, "tokyoia_analytics_query_seconds_count", "engine", "duckdb", "cache", "miss")).isEqualTo(1);
        assertThat(delta(before, after, "tokyoia_analytics_cost_usd_total", "engine", "duckdb"))
                .isEqualTo(answered.json().getJsonNumber("costUsd").doubleValue()).isPositive();
        assertThat(delta(before, after, "tokyoia_analytics_refused_total", "reason", "archived_days")).isEqualTo(1);
        assertThat(delta(before, after, "tokyoia_analytics_errors_total", "engine", "duckdb")).isEqualTo(1);
    }

    /**
     * server.log is JSON lines (a server.log kept from before the JSON formatter was configured may
     * start with plain ones); the partition's "Exported" line carries the job's execution id in its MDC.
     */
    private static void assertExportLoggedAsJsonWithItsExecution(long logFrom, LocalDate day, long execution) throws Exception {
        List<JsonObject> lines = serverLog(logFrom).filter(l -> l.contains("Exported agent_tasks " + day))
                .map(l -> Json.createReader(new StringReader(l)).readObject()).toList();
        assertThat(lines).as("the export's line in " + SERVER_LOG).isNotEmpty().allSatisfy(line -> {
            assertThat(line.getString("level")).isEqualTo("INFO");
            assertThat(line.getString("loggerName")).isEqualTo("com.tokyoia.etl.application.DayExporter");
            assertThat(line.getJsonObject("mdc").getString("executionId")).isEqualTo(String.valueOf(execution));
            assertThat(line.getJsonObject("mdc")).as("a job's lines carry no request's id, though a request started it")
                    .doesNotContainKey("requestId");
        });
    }

    /**
     * Reading the footprint sets the storage gauges: the scrape that follows shows the same figures.
     * The lake's LOCAL bytes of agent_tasks include the day just exported.
     */
    private static void assertStorageGaugesShowTheFootprint(LocalDate day) throws Exception {
        // Row counts are PostgreSQL's live-row statistics, which a session reports up to a minute after its commits.
        JsonObject tasks = footprintOfTasks();
        for (int second = 0; second < 90 && !tasks.containsKey("compressionRatio"); second++) {
            Thread.sleep(1_000);
            tasks = footprintOfTasks();
        }
        long lakeBytes = tasks.getJsonArray("lakeObjects").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("storageClass").equals("LOCAL")).mapToLong(o -> o.getJsonNumber("bytes").longValue()).sum();
        assertThat(lakeBytes).isGreaterThanOrEqualTo(
                TestDatabase.count("SELECT bytes FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ?", day));
        assertThat(tasks.getJsonNumber("postgresBytes").longValue()).isPositive();
        assertThat(tasks.getJsonNumber("compressionRatio").doubleValue()).as("Parquet is smaller than PostgreSQL's rows").isGreaterThan(1);

        Prometheus scrape = Prometheus.scrape();
        assertThat(scrape.value("tokyoia_storage_lake_bytes", "table", "agent_tasks", "storage_class", "local"))
                .hasValue((double) lakeBytes);
        assertThat(scrape.value("tokyoia_storage_lake_bytes", "table", "agent_tasks", "storage_class", "deep_archive")).hasValue(0.0);
        assertThat(scrape.value("tokyoia_storage_postgresql_bytes", "table", "agent_tasks")).hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(scrape.value("tokyoia_etl_partition_lag_days", "table", "agent_tasks"))
                .hasValue(tasks.getJsonNumber("lagDays").doubleValue());
    }

    /** The answer's line carries the request's id (the caller's) and the question's own id. */
    private static void assertQuestionLoggedWithItsIds(long logFrom, String requestId) throws Exception {
        List<JsonObject> lines = serverLog(logFrom).filter(l -> l.contains(requestId)).map(l -> Json.createReader(new StringReader(l)).readObject())
                .filter(l -> l.getString("message").startsWith("Answered task_throughput")).toList();
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.getString("loggerName")).isEqualTo("com.tokyoia.analytics.application.AnalyticsService");
            assertThat(line.getJsonObject("mdc").getString("requestId")).isEqualTo(requestId);
            assertThat(line.getJsonObject("mdc").getString("queryId")).matches("[0-9a-f-]{36}");
            assertThat(line.getString("message")).contains("engine duckdb", "1 cold day(s)");
        });
    }

    /** The JSON lines written after byte {@code from} (a server.log kept from before the JSON formatter may start with plain ones). */
    private static Stream<String> serverLog(long from) throws Exception {
        try (InputStream in = Files.newInputStream(SERVER_LOG)) {
            in.skipNBytes(from);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{"));
        }
    }

    private static JsonObject footprintOfTasks() throws Exception {
        Http.Reply reply = Http.get("/api/etl/footprint");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getJsonArray("tables").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("table").equals("agent_tasks")).findFirst().orElseThrow();
    }

    private static double delta(Prometheus before, Prometheus after, String name, String... labels) {
        return after.counter(name, labels) - before.counter(name, labels);
    }

    private static Path lakeFile(LocalDate day) throws Exception {
        String detail = Health.checks(Http.get(Http.MANAGEMENT + "/health/ready")).get("lake-store").getJsonObject("data").getString("detail");
        Path root = Path.of(detail.substring("directory ".length()));
        Path file = root.resolve(TestDatabase.string("SELECT object_key FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                + "ORDER BY version DESC LIMIT 1", day));
        assertThat(file).isRegularFile();
        return file;
    }
}
