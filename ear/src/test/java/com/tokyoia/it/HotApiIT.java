package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hot-data API end to end: the built EAR on a managed WildFly, real PostgreSQL and Redis. */
@ExtendWith(ArquillianExtension.class)
class HotApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonObject createAgent(String name) {
        Reply reply = Http.post("/api/agents", """
                {"name":"%s","role":"planner","model":"gpt-x","description":"test agent"}""".formatted(name));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    static JsonObject createWorkflow(String agentId) {
        Reply reply = Http.post("/api/workflows", """
                {"name":"%s","agentId":"%s"}""".formatted(unique("wf"), agentId));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    @Test
    void agentRoundTripWithCacheHitAndInvalidation() throws Exception {
        String name = unique("agent");
        JsonObject created = createAgent(name);
        String id = created.getString("id");
        assertThat(created.getString("status")).isEqualTo("ACTIVE");
        assertThat(TestDatabase.count("SELECT count(*) FROM agents WHERE id = ?::uuid AND name = ?", id, name)).isEqualTo(1);

        Reply first = Http.get("/api/agents/" + id);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-Cache")).isEqualTo("MISS");
        Reply second = Http.get("/api/agents/" + id);
        assertThat(second.header("X-Cache")).isEqualTo("HIT");
        assertThat(second.json().getString("name")).isEqualTo(name);
        assertThat(second.body()).as("a hit answers the stored JSON as a miss answered it").isEqualTo(first.body());
        assertThat(second.header("Content-Type")).startsWith("application/json");

        Reply updated = Http.put("/api/agents/" + id, """
                {"name":"%s","role":"reviewer","model":"gpt-y","status":"PAUSED"}""".formatted(name));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().getString("status")).isEqualTo("PAUSED");

        Reply afterUpdate = Http.get("/api/agents/" + id);
        assertThat(afterUpdate.header("X-Cache")).as("the write evicted the cached view").isEqualTo("MISS");
        assertThat(afterUpdate.json().getString("role")).isEqualTo("reviewer");
        assertThat(afterUpdate.json().getString("status")).isEqualTo("PAUSED");
        assertThat(Http.get("/api/agents/" + id).header("X-Cache")).isEqualTo("HIT");
    }

    @Test
    void cacheHitsAndEvictionsShowInThePrometheusMetrics() throws Exception {
        double hitsBefore = cacheCounter("agent", "hit");
        double evictionsBefore = cacheCounter("agent", "eviction");
        String id = createAgent(unique("metered")).getString("id");
        Http.get("/api/agents/" + id);
        Http.get("/api/agents/" + id);
        Http.get("/api/agents/" + id);
        Http.put("/api/agents/" + id, """
                {"name":"%s","role":"r","model":"m"}""".formatted(unique("renamed")));
        assertThat(cacheCounter("agent", "hit") - hitsBefore).isEqualTo(2.0);
        assertThat(cacheCounter("agent", "eviction") - evictionsBefore).isEqualTo(1.0);
    }

    static double cacheCounter(String cache, String result) {
        return Prometheus.scrape().counter("tokyoia_cache_requests_total", "cache", cache, "result", result);
    }

    @Test
    void agentListPagesWithKeysetCursorsWithoutRepeats() throws Exception {
        for (int i = 0; i < 5; i++) {
            createAgent(unique("paged"));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = Http.get("/api/agents?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().forEach(v -> assertThat(seen.add(v.asJsonObject().getString("id"))).isTrue());
            JsonValue next = page.json().get("nextCursor");
            cursor = next == null || next.getValueType() == JsonValue.ValueType.NULL ? null : page.json().getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat((long) seen.size()).isEqualTo(TestDatabase.count("SELECT count(*) FROM agents"));
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void workflowLifecycleAndTimeRangeListing() throws Exception {
        String agentId = createAgent(unique("orchestrator")).getString("id");
        JsonObject workflow = createWorkflow(agentId);
        String id = workflow.getString("id");
        // The window comes from the server's own stamp: the test's clock need not agree with the server's.
        Instant created = Instant.parse(workflow.getString("createdAt"));
        Instant before = created.minusSeconds(1);
        assertThat(workflow.getString("status")).isEqualTo("PENDING");
        assertThat(Http.get("/api/workflows/" + id).header("X-Cache")).isEqualTo("MISS");
        assertThat(Http.get("/api/workflows/" + id).header("X-Cache")).isEqualTo("HIT");

        Reply running = Http.post("/api/workflows/" + id + "/status", "{\"status\":\"RUNNING\"}");
        assertThat(running.status()).as(running.body()).isEqualTo(200);
        assertThat(running.json().getString("startedAt")).isNotBlank();
        Reply cached = Http.get("/api/workflows/" + id);
        assertThat(cached.header("X-Cache")).isEqualTo("MISS");
        assertThat(cached.json().getString("status")).isEqualTo("RUNNING");
        Reply done = Http.post("/api/workflows/" + id + "/status", "{\"status\":\"COMPLETED\"}");
        assertThat(done.json().getString("status")).isEqualTo("COMPLETED");
        assertThat(done.json().getString("finishedAt")).isNotBlank();

        Instant after = created.plusSeconds(1);
        Reply list = Http.get("/api/workflows?from=" + before + "&to=" + after + "&status=COMPLETED&limit=500");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.items().stream().map(v -> v.asJsonObject().getString("id"))).contains(id);
        Reply pending = Http.get("/api/workflows?from=" + before + "&to=" + after + "&status=PENDING&limit=500");
        assertThat(pending.items().stream().map(v -> v.asJsonObject().getString("id"))).doesNotContain(id);
        assertThat(TestDatabase.string("SELECT status FROM workflows WHERE id = ?::uuid", id)).isEqualTo("COMPLETED");
    }

    @Test
    void taskLifecycleRecordsTokensCostAndLatency() throws Exception {
        String agentId = createAgent(unique("worker")).getString("id");
        String workflowId = createWorkflow(agentId).getString("id");
        Reply created = Http.post("/api/tasks", """
                {"workflowId":"%s","agentId":"%s","taskType":"summarize"}""".formatted(workflowId, agentId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String taskId = created.json().getString("id");
        assertThat(Http.post("/api/tasks/" + taskId + "/start", null).json().getString("status")).isEqualTo("RUNNING");
        Reply completed = Http.post("/api/tasks/" + taskId + "/complete", """
                {"tokensInput":1200,"tokensOutput":340,"costUsd":0.012345,"latencyMs":2310}""");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        JsonObject task = Http.get("/api/tasks/" + taskId).json();
        assertThat(task.getString("status")).isEqualTo("COMPLETED");
        assertThat(task.getInt("tokensInput")).isEqualTo(1200);
        assertThat(task.getInt("tokensOutput")).isEqualTo(340);
        assertThat(task.getJsonNumber("costUsd").bigDecimalValue()).isEqualByComparingTo("0.012345");
        assertThat(task.getInt("latencyMs")).isEqualTo(2310);
        assertThat(TestDatabase.string("SELECT cost_usd::text FROM agent_tasks WHERE id = ?::uuid", taskId)).isEqualTo("0.012345");

        String failing = Http.post("/api/tasks", """
                {"workflowId":"%s","agentId":"%s","taskType":"translate"}""".formatted(workflowId, agentId)).json().getString("id");
        Reply failed = Http.post("/api/tasks/" + failing + "/fail", """
                {"errorMessage":"model timeout","latencyMs":30000}""");
        assertThat(failed.json().getString("status")).isEqualTo("FAILED");

        Reply byWorkflow = Http.get("/api/tasks?workflowId=" + workflowId);
        assertThat(byWorkflow.items().stream().map(v -> v.asJsonObject().getString("id"))).containsExactly(taskId, failing);
        Reply byAgent = Http.get("/api/tasks?agentId=" + agentId + "&from=" + SystemTime.clock().instant().minusSeconds(300)
                + "&to=" + SystemTime.clock().instant().plusSeconds(60) + "&limit=1");
        assertThat(byAgent.items()).hasSize(1);
        assertThat(byAgent.json().getString("nextCursor")).isNotBlank();
    }

    @Test
    void tenThousandMetricPointsInOneBatchAcrossThreeDays() throws Exception {
        String agentId = createAgent(unique("metrics")).getString("id");
        // Noon of three past days, each point at most 10,000 s earlier: every point stays inside its
        // UTC day whatever the hour the test runs at.
        LocalDate today = LocalDate.now(SystemTime.clock());
        Instant recent = today.minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant before = today.minusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant oldDay = today.minusDays(40).atTime(12, 0).toInstant(ZoneOffset.UTC);
        StringBuilder body = new StringBuilder("{\"points\":[");
        for (int i = 0; i < 10_000; i++) {
            Instant at = switch (i % 3) {
                case 0 -> recent.minusSeconds(i);
                case 1 -> before.minusSeconds(i);
                default -> oldDay.minusSeconds(i);
            };
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"agentId\":\"").append(agentId).append("\",\"name\":\"")
                    .append(i % 2 == 0 ? "latency_ms" : "tokens_per_s").append("\",\"value\":").append(i * 0.5)
                    .append(",\"unit\":\"ms\",\"recordedAt\":\"").append(at).append("\"}");
        }
        body.append("]}");
        long started = System.nanoTime();
        Reply reply = Http.post("/api/metrics", body.toString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.json().getInt("accepted")).isEqualTo(10_000);
        System.out.println("10,000-point metric batch ingested in " + millis + " ms");
        assertThat(TestDatabase.count("SELECT count(*) FROM agent_metrics WHERE agent_id = ?::uuid", agentId)).isEqualTo(10_000);
        assertThat(TestDatabase.count("SELECT count(DISTINCT tableoid) FROM agent_metrics WHERE agent_id = ?::uuid", agentId))
                .as("rows landed in their three day partitions").isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM agent_metrics_p" + oldDay.atZone(ZoneOffset.UTC).toLocalDate()
                .toString().replace("-", "") + " WHERE agent_id = ?::uuid", agentId)).isEqualTo(3333);

        Reply page = Http.get("/api/metrics?agentId=" + agentId + "&name=latency_ms&from=" + recent.minusSeconds(3600)
                + "&to=" + recent.plusSeconds(1) + "&limit=100");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.items()).hasSize(100);
        Instant previous = Instant.MIN;
        for (JsonValue v : page.items()) {
            Instant at = Instant.parse(v.asJsonObject().getString("recordedAt"));
            assertThat(at).isAfterOrEqualTo(previous);
            assertThat(v.asJsonObject().getString("name")).isEqualTo("latency_ms");
            previous = at;
        }
        Reply next = Http.get("/api/metrics?agentId=" + agentId + "&name=latency_ms&from=" + recent.minusSeconds(3600)
                + "&to=" + recent.plusSeconds(1) + "&limit=100&cursor=" + page.json().getString("nextCursor"));
        assertThat(Instant.parse(next.items().getJsonObject(0).getString("recordedAt"))).isAfterOrEqualTo(previous);
    }

    @Test
    void interactionsBatchAndListByAgent() throws Exception {
        String a = createAgent(unique("talker")).getString("id");
        String b = createAgent(unique("listener")).getString("id");
        String workflowId = createWorkflow(a).getString("id");
        Instant t = SystemTime.clock().instant().minusSeconds(60);
        StringBuilder body = new StringBuilder("{\"interactions\":[");
        for (int i = 0; i < 50; i++) {
            body.append(i == 0 ? "" : ",").append("""
                    {"workflowId":"%s","fromAgentId":"%s","toAgentId":"%s","kind":"%s","tokens":%d,"latencyMs":%d,"occurredAt":"%s"}"""
                    .formatted(workflowId, i % 2 == 0 ? a : b, i % 2 == 0 ? b : a, i % 2 == 0 ? "REQUEST" : "RESPONSE",
                            10 + i, 5 * i, t.plusMillis(i)));
        }
        body.append("]}");
        Reply reply = Http.post("/api/interactions", body.toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        Reply list = Http.get("/api/interactions?agentId=" + a + "&from=" + t.minusSeconds(1) + "&to="
                + SystemTime.clock().instant().plusSeconds(1) + "&limit=500");
        assertThat(list.items()).hasSize(50);
        assertThat(TestDatabase.count("SELECT count(*) FROM agent_interactions WHERE workflow_id = ?::uuid AND kind = 'REQUEST'", workflowId)).isEqualTo(25);
    }

    @Test
    void sessionsStartHeartbeatEndAndActiveList() throws Exception {
        String user = unique("user");
        Reply started = Http.post("/api/sessions", "{\"userId\":\"" + user + "\",\"client\":\"web\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = started.json().getString("id");
        Reply heartbeat = Http.post("/api/sessions/" + id + "/heartbeat", null);
        assertThat(heartbeat.status()).as(heartbeat.body()).isEqualTo(200);
        assertThat(Instant.parse(heartbeat.json().getString("lastHeartbeatAt")))
                .isAfterOrEqualTo(Instant.parse(started.json().getString("lastHeartbeatAt")));
        assertThat(Http.get("/api/sessions/active?userId=" + user).items().stream()
                .map(v -> v.asJsonObject().getString("id"))).containsExactly(id);
        assertThat(Http.post("/api/sessions/" + id + "/end", null).json().getString("status")).isEqualTo("ENDED");
        assertThat(Http.get("/api/sessions/active?userId=" + user).items()).isEmpty();
        Reply late = Http.post("/api/sessions/" + id + "/heartbeat", null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
    }

    @Test
    void adminWritesReachTheAuditLogAsynchronously() throws Exception {
        String id = createAgent(unique("audited")).getString("id");
        long rows = 0;
        for (int i = 0; i < 50 && rows == 0; i++) {
            rows = TestDatabase.count("SELECT count(*) FROM audit_log WHERE entity_type = 'agent' AND entity_id = ? AND action = 'agent.created'", id);
            Thread.sleep(100);
        }
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void partitionsExistForTomorrowAfterDeployment() throws Exception {
        LocalDate tomorrow = LocalDate.now(SystemTime.clock()).plusDays(1);
        for (String table : new String[]{"agent_tasks", "agent_metrics", "agent_interactions"}) {
            String partition = table + "_p" + tomorrow.toString().replace("-", "");
            assertThat(TestDatabase.count("SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                    + "JOIN pg_class c ON c.oid = i.inhrelid WHERE p.relname = ? AND c.relname = ?", table, partition))
                    .as(partition).isEqualTo(1);
        }
        PersistedTimers.assertOneLiveTimerDueWithinADay("PartitionMaintenanceTimer");
    }

    @Test
    void readinessReportsPostgresqlAndRedisAndOpenApiDescribesTheApi() throws Exception {
        Reply ready = Http.get(Http.MANAGEMENT + "/health/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        Map<String, JsonObject> checks = Health.checks(ready);
        assertThat(checks).containsKeys("postgresql", "redis", "lake-store", "cold-engine");
        assertThat(Health.state(checks, "postgresql")).isEqualTo("UP");
        for (String dependency : List.of("redis", "lake-store", "cold-engine", "lake-placement")) {
            assertThat(checks.get(dependency).getJsonObject("data").getString("state")).as(dependency).isEqualTo("up");
        }
        assertThat(checks.get("cold-engine").getJsonObject("data").getString("detail")).startsWith("DuckDB ")
                .contains(" in process (memory limit ").endsWith(", 2 threads)");
        assertThat(checks.get("lake-store").getJsonObject("data").getString("detail")).startsWith("directory /");
        Reply live = Http.get(Http.MANAGEMENT + "/health/live");
        assertThat(live.status()).as(live.body()).isEqualTo(200);
        Reply openapi = Http.get("/openapi");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/agents").contains("/api/metrics");
    }
}
