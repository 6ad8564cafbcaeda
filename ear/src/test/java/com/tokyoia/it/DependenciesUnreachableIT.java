package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The EAR deployed with its Redis pool and its cold engine (Trino) pointed at closed ports
 * (127.0.0.1:1) and its lake at a directory that does not exist: every hot endpoint must still
 * answer correctly from PostgreSQL, readiness stays UP with Redis, the lake store and the cold
 * engine each "degraded" and saying why, and the Redis outage is logged once, not once per request.
 */
@ExtendWith(ArquillianExtension.class)
class DependenciesUnreachableIT {
    private static final Path SERVER_LOG = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    private static long logOffset;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.earWithDependenciesUnreachable();
    }

    @BeforeAll
    static void rememberLogPosition() throws IOException {
        logOffset = Files.exists(SERVER_LOG) ? Files.size(SERVER_LOG) : 0;
    }

    @Test
    void everyEndpointAnswersCorrectlyWithoutTheCache() throws Exception {
        String name = "uncached-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = Http.post("/api/agents", "{\"name\":\"" + name + "\",\"role\":\"r\",\"model\":\"m\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String agentId = created.json().getString("id");
        for (int i = 0; i < 20; i++) {
            Reply read = Http.get("/api/agents/" + agentId);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("X-Cache")).isEqualTo("MISS");
            assertThat(read.json().getString("name")).isEqualTo(name);
        }
        Reply updated = Http.put("/api/agents/" + agentId, "{\"name\":\"" + name + "\",\"role\":\"changed\",\"model\":\"m\",\"status\":\"PAUSED\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(Http.get("/api/agents/" + agentId).json().getString("role")).isEqualTo("changed");
        assertThat(Http.get("/api/agents?status=PAUSED&limit=500").items().stream()
                .map(v -> v.asJsonObject().getString("id"))).contains(agentId);

        String workflowId = Http.post("/api/workflows", "{\"name\":\"w\",\"agentId\":\"" + agentId + "\"}").json().getString("id");
        assertThat(Http.get("/api/workflows/" + workflowId).json().getString("status")).isEqualTo("PENDING");
        assertThat(Http.post("/api/workflows/" + workflowId + "/status", "{\"status\":\"RUNNING\"}").status()).isEqualTo(200);
        assertThat(Http.get("/api/workflows/" + workflowId).json().getString("status")).isEqualTo("RUNNING");
        assertThat(Http.get("/api/workflows?status=RUNNING&from=" + SystemTime.clock().instant().minusSeconds(600) + "&limit=500").status()).isEqualTo(200);

        String taskId = Http.post("/api/tasks", """
                {"workflowId":"%s","agentId":"%s","taskType":"t"}""".formatted(workflowId, agentId)).json().getString("id");
        assertThat(Http.post("/api/tasks/" + taskId + "/start", null).status()).isEqualTo(200);
        assertThat(Http.post("/api/tasks/" + taskId + "/complete", "{\"tokensInput\":3,\"costUsd\":0.1}").status()).isEqualTo(200);
        assertThat(Http.get("/api/tasks/" + taskId).json().getString("status")).isEqualTo("COMPLETED");
        assertThat(Http.get("/api/tasks?workflowId=" + workflowId).items()).hasSize(1);

        Reply metrics = Http.post("/api/metrics", """
                {"points":[{"agentId":"%s","name":"m","value":1.5,"recordedAt":"%s"}]}""".formatted(agentId, SystemTime.clock().instant()));
        assertThat(metrics.status()).isEqualTo(202);
        assertThat(Http.get("/api/metrics?agentId=" + agentId + "&from=" + SystemTime.clock().instant().minusSeconds(60) + "&to="
                + SystemTime.clock().instant().plusSeconds(60)).items()).hasSize(1);
        assertThat(Http.post("/api/interactions", """
                {"interactions":[{"fromAgentId":"%s","toAgentId":"%s","kind":"BROADCAST","occurredAt":"%s"}]}"""
                .formatted(agentId, agentId, SystemTime.clock().instant())).status()).isEqualTo(202);
        assertThat(Http.get("/api/interactions?agentId=" + agentId + "&from=" + SystemTime.clock().instant().minusSeconds(60) + "&to="
                + SystemTime.clock().instant().plusSeconds(60)).items()).hasSize(1);

        String sessionId = Http.post("/api/sessions", "{\"userId\":\"u-" + agentId + "\"}").json().getString("id");
        assertThat(Http.post("/api/sessions/" + sessionId + "/heartbeat", null).status()).isEqualTo(200);
        assertThat(Http.get("/api/sessions/active?userId=u-" + agentId).items()).hasSize(1);
        assertThat(Http.post("/api/sessions/" + sessionId + "/end", null).status()).isEqualTo(200);
    }

    @Test
    void readinessStaysUpAndReportsEachUnreachableDependencyDegraded() throws Exception {
        Reply ready = Http.get(Http.MANAGEMENT + "/health/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        Map<String, JsonObject> checks = Health.checks(ready);
        assertThat(Health.state(checks, "postgresql")).isEqualTo("UP");
        assertThat(checks.get("redis").getJsonObject("data").getString("state")).isEqualTo("degraded");
        assertThat(checks.get("redis").getJsonObject("data").getString("endpoint")).isEqualTo("127.0.0.1:1");
        JsonObject lake = checks.get("lake-store").getJsonObject("data");
        assertThat(lake.getString("state")).isEqualTo("degraded");
        assertThat(lake.getString("error")).contains(Deployments.MISSING_LAKE, "cannot be created");
        JsonObject engine = checks.get("cold-engine").getJsonObject("data");
        assertThat(engine.getString("state")).isEqualTo("degraded");
        assertThat(engine.getString("error")).contains("127.0.0.1:1");
        assertThat(engine.getString("impact")).contains("hot-only questions answer");
    }

    @Test
    void theOutageIsLoggedOnceNotPerRequest() throws IOException {
        for (int i = 0; i < 30; i++) {
            assertThat(Http.get("/api/agents?limit=1").status()).isEqualTo(200);
        }
        // Its own agent: this class may be the first to run on an empty database.
        Reply created = Http.post("/api/agents", "{\"name\":\"outage-" + UUID.randomUUID() + "\",\"role\":\"r\",\"model\":\"m\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String agentId = created.json().getString("id");
        for (int i = 0; i < 30; i++) {
            assertThat(Http.get("/api/agents/" + agentId).status()).isEqualTo(200);
        }
        byte[] all = Files.readAllBytes(SERVER_LOG);
        String written = new String(all, (int) Math.min(logOffset, all.length), (int) (all.length - Math.min(logOffset, all.length)),
                StandardCharsets.UTF_8);
        long warnings = written.lines().filter(l -> l.contains("Redis at 127.0.0.1:1 is unreachable")).count();
        assertThat(warnings).as(written.lines().filter(l -> l.contains("Redis")).toList().toString()).isEqualTo(1);
    }
}
