package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.application.AnalyticsSettings;
import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.Jobs;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The analytics API in the server: two old days exported to the lake by the ETL job and answered
 * by the embedded DuckDB (a WildFly module), recent days answered by PostgreSQL, merged; the
 * provenance, the quote, the cache, the cost log and the refusals.
 */
@ExtendWith(ArquillianExtension.class)
class AnalyticsIT {
    static final LocalDate TODAY = LocalDate.now(SystemTime.clock());
    static final LocalDate COLD_1 = TODAY.minusDays(41);
    static final LocalDate COLD_2 = TODAY.minusDays(40);
    static final LocalDate HOT = TODAY.minusDays(1);
    static final UUID AGENT = UUID.randomUUID();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @BeforeAll
    static void data() throws Exception {
        try (Connection c = TestDatabase.connect()) {
            // Agents and workflows are stamped by the test's clock, like everything the tests compare.
            UUID workflow = TestDatabase.agentWithWorkflow(c, AGENT, "analytics-it", SystemTime.clock().instant());
            insertTasks(c, workflow, COLD_1, 5, 1);
            insertTasks(c, workflow, COLD_2, 7, 2);
            insertTasks(c, workflow, HOT, 3, 0);
            // Only the two days this test exports count as in the lake (this server's lake directory).
            exec(c, "DELETE FROM export_manifest WHERE table_name = 'agent_tasks' AND day >= ? AND day < ?", COLD_1, TODAY.minusDays(30));
        }
        Reply started = Http.post("/api/etl/backfill", """
                {"from":"%s","to":"%s","tables":"agent_tasks"}""".formatted(COLD_1, COLD_2));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long execution = started.json().getJsonNumber("executionId").longValue();
        assertThat(Jobs.awaitEnd(execution).getString("status")).isEqualTo("COMPLETED");
    }

    @Test
    void answersAcrossTheLakeAndPostgresWithProvenanceQuoteCacheAndCosts() throws Exception {
        assertThat(Http.get("/api/analytics").body()).contains("\"name\":\"task_throughput\"").contains("latency_percentiles_by_agent");
        String path = "/api/analytics/task_throughput?from=" + COLD_1 + "&to=" + TODAY + "&agentId=" + AGENT;
        Reply first = Http.get(path);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonObject result = first.json();
        assertThat(result.getString("engine")).isEqualTo("postgresql+duckdb");
        assertThat(result.getJsonArray("coldDays").toString()).contains(COLD_1.toString()).contains(COLD_2.toString());
        assertThat(result.getJsonArray("hotDays").toString()).contains(HOT.toString()).doesNotContain(COLD_2.toString());
        assertThat(result.getJsonArray("missingDays").toString()).contains(TODAY.minusDays(35).toString());
        // Every day of the range is in exactly one list. How many are hot depends on the server's
        // day, which need not be the test's at midnight; their sum does not.
        assertThat(result.getJsonArray("hotDays").size() + result.getJsonArray("coldDays").size()
                + result.getJsonArray("missingDays").size()).isEqualTo(41);
        assertThat(result.getBoolean("cacheHit")).isFalse();
        Map<String, String> tasksPerDay = new HashMap<>();
        result.getJsonArray("rows").forEach(v -> tasksPerDay.put(v.asJsonObject().getString("day"),
                v.asJsonObject().getJsonNumber("tasks").bigDecimalValue().stripTrailingZeros().toPlainString()
                        + "/" + v.asJsonObject().getJsonNumber("failed").bigDecimalValue().stripTrailingZeros().toPlainString()));
        assertThat(tasksPerDay).containsEntry(COLD_1.toString(), "5/1").containsEntry(COLD_2.toString(), "7/2")
                .containsEntry(HOT.toString(), "3/0").hasSize(3);
        assertThat(result.getJsonNumber("quotedBytes").longValue()).isPositive();

        // The same question again is a cache hit, unless the server's day rolled over in between (the
        // plan, and so the key, changed): then the next one is.
        JsonObject previous = result;
        JsonObject again = Http.get(path).json();
        if (!again.getBoolean("cacheHit")) {
            assertThat(again.getJsonArray("hotDays")).as("a miss only when the day rolled over").isNotEqualTo(previous.getJsonArray("hotDays"));
            previous = again;
            again = Http.get(path).json();
        }
        assertThat(again.getBoolean("cacheHit")).isTrue();
        assertThat(again.getJsonArray("rows")).isEqualTo(previous.getJsonArray("rows"));

        Reply quote = Http.get("/api/analytics/task_throughput/quote?from=" + COLD_1 + "&to=" + COLD_2.plusDays(1));
        assertThat(quote.status()).as(quote.body()).isEqualTo(200);
        assertThat(quote.json().getJsonArray("coldDays")).hasSize(2);
        assertThat(quote.json().getJsonNumber("quotedUsd").bigDecimalValue()).isEqualByComparingTo("0.000048");

        Reply costs = Http.get("/api/costs");
        assertThat(costs.status()).isEqualTo(200);
        assertThat(costs.body()).contains("\"query\":\"task_throughput\"");
    }

    @Test
    void anAnswerComesInPagesThatFollowTheirCursors() throws Exception {
        String path = "/api/analytics/task_throughput?from=" + COLD_1 + "&to=" + TODAY + "&agentId=" + AGENT;
        Reply whole = Http.get(path);
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json().getInt("totalRows")).isEqualTo(3);
        assertThat(lastPage(whole.json())).as("one page holds it").isTrue();
        List<JsonValue> paged = new ArrayList<>();
        String next = path + "&limit=1";
        for (int page = 1; page <= 3; page++) {
            JsonObject answer = Http.get(next).json();
            assertThat(answer.getJsonArray("rows")).hasSize(1);
            assertThat(answer.getInt("totalRows")).isEqualTo(3);
            paged.addAll(answer.getJsonArray("rows"));
            if (page == 3) {
                assertThat(lastPage(answer)).as("the last page").isTrue();
            } else {
                next = path + "&limit=1&cursor=" + URLEncoder.encode(answer.getString("nextCursor"), StandardCharsets.UTF_8);
            }
        }
        assertThat(paged).as("the pages are the answer, by day").isEqualTo(whole.json().getJsonArray("rows"));
        assertThat(paged.stream().map(v -> v.asJsonObject().getString("day")).toList()).isSorted();

        Reply top = Http.get(path + "&top=tasks&limit=2");
        assertThat(top.json().getJsonArray("rows").stream().map(v -> v.asJsonObject().getJsonNumber("tasks").intValue()).toList())
                .containsExactly(7, 5);
    }

    /** The last page has no next cursor (JSON-B leaves a null property out). */
    private static boolean lastPage(JsonObject answer) {
        return !answer.containsKey("nextCursor") || answer.isNull("nextCursor");
    }

    @Test
    void archivedDaysAreRefusedByName() throws Exception {
        try (Connection c = TestDatabase.connect()) {
            exec(c, "UPDATE export_manifest SET status = 'ARCHIVED', storage_class = 'DEEP_ARCHIVE' WHERE table_name = 'agent_tasks' AND day = ?", COLD_1);
            try {
                Reply refused = Http.getOnceTheManifestViewKnows("/api/analytics/token_cost_by_agent?from=" + COLD_1 + "&to=" + COLD_2);
                assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().getJsonArray("days").getString(0)).isEqualTo(COLD_1.toString());
            } finally {
                exec(c, "UPDATE export_manifest SET status = 'VALIDATED', storage_class = 'LOCAL' WHERE table_name = 'agent_tasks' AND day = ?", COLD_1);
            }
        }
    }

    @Test
    void aDayKeptInAnotherStoreIsRefusedByNameNotFailedInTheEngine() throws Exception {
        try (Connection c = TestDatabase.connect()) {
            String where = TestDatabase.string("SELECT store_uri FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                    + "AND status = 'VALIDATED'", COLD_1);
            assertThat(where).as("the server's export recorded its local lake").startsWith("file:///");
            exec(c, "UPDATE export_manifest SET store_kind = 's3', store_uri = 's3://elsewhere/lake', lake_catalog = 'trino' "
                    + "WHERE table_name = 'agent_tasks' AND day = ?", COLD_1);
            try {
                Reply refused = Http.getOnceTheManifestViewKnows("/api/analytics/token_cost_by_agent?from=" + COLD_1 + "&to=" + COLD_2);
                assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                assertThat(refused.json().getString("type")).isEqualTo("urn:tokyo-ia:problem:store-unreachable");
                assertThat(refused.json().getJsonArray("days").getString(0)).isEqualTo(COLD_1.toString());
                assertThat(refused.json().getString("detail")).contains("s3://elsewhere/lake").contains("duckdb engine reads").contains(where);
                JsonObject placement = Health.checks(Http.get(Http.MANAGEMENT + "/health/ready")).get("lake-placement").getJsonObject("data");
                assertThat(placement.getString("state")).as("readiness says the lake is not all here").isEqualTo("degraded");
                assertThat(placement.getString("error")).contains("s3://elsewhere/lake").contains(where);
            } finally {
                exec(c, "UPDATE export_manifest SET store_kind = 'local', store_uri = ?, lake_catalog = 'none' "
                        + "WHERE table_name = 'agent_tasks' AND day = ?", where, COLD_1);
            }
        }
    }

    @Test
    void badRequestsAreProblemsAndRunNothing() throws Exception {
        long logged = TestDatabase.count("SELECT count(*) FROM analytics_query_log");
        Map<String, String> cases = Map.ofEntries(
                Map.entry("/api/analytics/no_such_query?from=2026-01-01&to=2026-01-02", "name"),
                Map.entry("/api/analytics/task_throughput?from=2026-01-05&to=2026-01-02", "to"),
                Map.entry("/api/analytics/task_throughput?from=yesterday&to=2026-01-02", "from"),
                Map.entry("/api/analytics/task_throughput?from=2020-01-01&to=2026-01-02", "to"),
                Map.entry("/api/analytics/task_throughput?from=2026-01-01&to=2026-01-02&agentId=1%27%20OR%201%3D1", "agentId"),
                Map.entry("/api/analytics/task_throughput?from=2026-01-01&to=2026-01-02&taskType=x%3B%20DROP%20TABLE%20agents", "taskType"),
                Map.entry("/api/analytics/task_throughput?from=2026-01-01&to=2026-01-02&sql=select", "sql"),
                Map.entry("/api/analytics/task_throughput?from=2026-01-01&to=2026-01-02&override=maybe", "override"),
                Map.entry("/api/analytics/task_throughput?from=2026-01-01&to=2026-01-02&limit=0", "limit"),
                Map.entry("/api/analytics/task_throughput?from=2026-01-01&to=2026-01-02&top=agent_id", "top"),
                Map.entry("/api/analytics/task_throughput?from=2026-01-01&to=2026-01-02&cursor=bm90LWEtY3Vyc29y", "cursor"));
        cases.forEach((path, field) -> {
            Reply reply = Http.get(path);
            assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field")).as(path).isEqualTo(field);
        });
        assertThat(TestDatabase.count("SELECT count(*) FROM analytics_query_log")).isEqualTo(logged);
        assertThat(TestDatabase.count("SELECT count(*) FROM agents WHERE id = ?::uuid", AGENT.toString())).isEqualTo(1);
    }

    /**
     * At most {@code tokyoia.analytics.max-concurrent-answers} answers are computed at once (the
     * default, 4, on the test server). With that many cache misses held at their last step (this
     * test locks the query log against inserts; a miss logs itself before it gives its permit back,
     * and nothing a miss does before taking one writes there), one more miss is refused at once: 503,
     * Retry-After and problem+json. The held ones answer once the lock goes, and so does the next
     * miss: the permits came back. (Locking the table they read would hold them before the permit:
     * the cache key reads the hot days' row counts.)
     */
    @Test
    void aMissBeyondTheAnswersComputedAtOnceIsBusyUntilOneEnds() throws Exception {
        int permits = AnalyticsSettings.DEFAULT_MAX_CONCURRENT_ANSWERS;
        ExecutorService clients = Executors.newFixedThreadPool(permits + 1);
        try {
            List<Future<Reply>> held = new ArrayList<>();
            Reply busy;
            try (Connection lock = TestDatabase.connect()) {
                lock.setAutoCommit(false);
                try {
                    exec(lock, "LOCK TABLE analytics_query_log IN EXCLUSIVE MODE");
                    for (int i = 0; i < permits; i++) {
                        String path = aMiss();
                        held.add(clients.submit(() -> Http.get(path)));
                    }
                    awaitLogInsertsWaitingOnTheLock(permits);
                    String path = aMiss();
                    busy = clients.submit(() -> Http.get(path)).get(30, TimeUnit.SECONDS);
                } finally {
                    lock.rollback();
                }
            }
            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
            assertThat(busy.contentType()).startsWith("application/problem+json");
            assertThat(busy.json().getString("type")).isEqualTo("urn:tokyo-ia:problem:busy");
            assertThat(busy.header("Retry-After")).isEqualTo("2");
            for (Future<Reply> answer : held) {
                Reply reply = answer.get(60, TimeUnit.SECONDS);
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        Reply after = Http.get(aMiss());
        assertThat(after.status()).as(after.body()).isEqualTo(200);
    }

    /** A question no earlier one asked (its own agent), over hot days only: a cache miss answered by PostgreSQL. */
    private static String aMiss() {
        return "/api/analytics/task_throughput?from=" + HOT + "&to=" + TODAY + "&agentId=" + UUID.randomUUID();
    }

    private static void awaitLogInsertsWaitingOnTheLock(int expected) throws Exception {
        String waiting = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                + "AND query ILIKE 'INSERT INTO analytics_query_log%'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (TestDatabase.count(waiting) < expected) {
            assertThat(System.nanoTime()).as("%d answers waiting to log themselves within 30 s", expected).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void insertTasks(Connection c, UUID workflow, LocalDate day, int count, int failed) throws Exception {
        exec(c, "SELECT tokyoia_ensure_day_partition('agent_tasks', ?)", day);
        for (int i = 0; i < count; i++) {
            Timestamp at = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(600L * (i + 1)));
            exec(c, "INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, latency_ms, updated_at) "
                    + "VALUES (?, ?, ?, 'summarize', ?, ?, ?, ?)", UUID.randomUUID(), workflow, AGENT, i < failed ? "FAILED" : "COMPLETED",
                    at, 100 * (i + 1), at);
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
}
