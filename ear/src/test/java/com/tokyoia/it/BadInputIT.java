package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of bad input gets an RFC 9457 problem+json with a useful status and the offending
 * field, never a stack trace, and changes no row in any hot table.
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {
    private static String agentId;
    private static String agentName;
    private static String workflowId;
    private static String taskId;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @BeforeAll
    static void fixtures() {
        agentName = "bad-input-" + UUID.randomUUID().toString().substring(0, 8);
        agentId = Http.post("/api/agents", """
                {"name":"%s","role":"r","model":"m"}""".formatted(agentName)).json().getString("id");
        workflowId = Http.post("/api/workflows", """
                {"name":"wf","agentId":"%s"}""".formatted(agentId)).json().getString("id");
        taskId = Http.post("/api/tasks", """
                {"workflowId":"%s","agentId":"%s","taskType":"t"}""".formatted(workflowId, agentId)).json().getString("id");
    }

    /** Sends the request and checks status, problem+json shape, the named field and that nothing changed. */
    private static JsonObject rejected(int status, String field, Supplier<Reply> request) throws SQLException {
        Map<String, String> before = TestDatabase.fingerprints(TestDatabase.HOT_TABLES);
        Reply reply = request.get();
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonObject problem = reply.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("type")).startsWith("urn:tokyo-ia:problem:");
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception", "\tat ", ".java:");
        if (field != null) {
            assertThat(problem.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                    .as(reply.body()).contains(field);
        }
        assertThat(TestDatabase.fingerprints(TestDatabase.HOT_TABLES)).as("no row changed").isEqualTo(before);
        return problem;
    }

    @Test
    void missingRequiredField() throws Exception {
        rejected(400, "name", () -> Http.post("/api/agents", "{\"role\":\"r\",\"model\":\"m\"}"));
    }

    @Test
    void blankAndOverlongFieldsAreAllReported() throws Exception {
        JsonObject problem = rejected(400, "role", () -> Http.post("/api/agents",
                "{\"name\":\"" + "x".repeat(201) + "\",\"role\":\" \",\"model\":\"m\"}"));
        assertThat(problem.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                .contains("name", "role");
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        rejected(400, "tokensInput", () -> Http.post("/api/tasks/" + taskId + "/complete", "{\"tokensInput\":\"many\"}"));
    }

    @Test
    void malformedJson() throws Exception {
        rejected(400, "body", () -> Http.post("/api/agents", "{\"name\":\"x\", \"role\": "));
    }

    @Test
    void emptyBody() throws Exception {
        rejected(400, "body", () -> Http.post("/api/agents", ""));
    }

    @Test
    void negativeTokensAndCost() throws Exception {
        Http.post("/api/tasks/" + taskId + "/start", null);
        JsonObject problem = rejected(400, "tokensInput", () -> Http.post("/api/tasks/" + taskId + "/complete",
                "{\"tokensInput\":-5,\"tokensOutput\":1,\"costUsd\":-0.5,\"latencyMs\":3}"));
        assertThat(problem.toString()).contains("costUsd");
        assertThat(TestDatabase.string("SELECT status FROM agent_tasks WHERE id = ?::uuid", taskId)).isEqualTo("RUNNING");
    }

    @Test
    void unknownEnumValue() throws Exception {
        rejected(400, "status", () -> Http.post("/api/workflows/" + workflowId + "/status", "{\"status\":\"DANCING\"}"));
        rejected(400, "status", () -> Http.get("/api/agents?status=SLEEPING"));
    }

    @Test
    void rangeEndBeforeStart() throws Exception {
        Instant now = SystemTime.clock().instant();
        rejected(400, "to", () -> Http.get("/api/workflows?from=" + now + "&to=" + now.minusSeconds(3600)));
        rejected(400, "from", () -> Http.get("/api/metrics?from=yesterday&to=" + now));
        rejected(400, "from", () -> Http.get("/api/interactions?to=" + now));
    }

    @Test
    void tenMegabyteBody() throws Exception {
        String huge = "{\"name\":\"" + "x".repeat(10 * 1024 * 1024) + "\",\"role\":\"r\",\"model\":\"m\"}";
        rejected(413, null, () -> Http.post("/api/agents", huge));
    }

    @Test
    void batchOverTheLimit() throws Exception {
        StringBuilder body = new StringBuilder("{\"points\":[");
        String now = SystemTime.clock().instant().toString();
        for (int i = 0; i <= 20_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"agentId\":\"").append(agentId)
                    .append("\",\"name\":\"m\",\"value\":1,\"recordedAt\":\"").append(now).append("\"}");
        }
        body.append("]}");
        JsonObject problem = rejected(413, null, () -> Http.post("/api/metrics", body.toString()));
        assertThat(problem.getString("detail")).contains("20001").contains("20000");
    }

    @Test
    void unknownIds() throws Exception {
        String missing = UUID.randomUUID().toString();
        rejected(404, null, () -> Http.get("/api/agents/" + missing));
        rejected(404, null, () -> Http.get("/api/workflows/" + missing));
        rejected(404, null, () -> Http.post("/api/tasks/" + missing + "/start", null));
        rejected(404, null, () -> Http.post("/api/sessions/" + missing + "/end", null));
        rejected(404, null, () -> Http.put("/api/agents/" + missing, "{\"name\":\"n\",\"role\":\"r\",\"model\":\"m\"}"));
        rejected(404, "agentId", () -> Http.post("/api/workflows", "{\"name\":\"w\",\"agentId\":\"" + missing + "\"}"));
        rejected(404, "points[1].agentId", () -> Http.post("/api/metrics", """
                {"points":[{"agentId":"%s","name":"m","value":1,"recordedAt":"%s"},
                           {"agentId":"%s","name":"m","value":2,"recordedAt":"%s"}]}"""
                .formatted(agentId, SystemTime.clock().instant(), missing, SystemTime.clock().instant())));
    }

    @Test
    void illegalTransitions() throws Exception {
        String wf = Http.post("/api/workflows", "{\"name\":\"done\"}").json().getString("id");
        Http.post("/api/workflows/" + wf + "/status", "{\"status\":\"CANCELLED\"}");
        rejected(409, "status", () -> Http.post("/api/workflows/" + wf + "/status", "{\"status\":\"RUNNING\"}"));
        assertThat(TestDatabase.string("SELECT status FROM workflows WHERE id = ?::uuid", wf)).isEqualTo("CANCELLED");
        String fresh = Http.post("/api/tasks", """
                {"workflowId":"%s","agentId":"%s","taskType":"t"}""".formatted(workflowId, agentId)).json().getString("id");
        rejected(409, "status", () -> Http.post("/api/tasks/" + fresh + "/complete", "{\"tokensInput\":1}"));
        rejected(409, "workflowId", () -> Http.post("/api/tasks", """
                {"workflowId":"%s","agentId":"%s","taskType":"t"}""".formatted(wf, agentId)));
    }

    @Test
    void badCursorAndLimit() throws Exception {
        rejected(400, "cursor", () -> Http.get("/api/agents?cursor=garbage!"));
        rejected(400, "cursor", () -> Http.get("/api/agents?cursor=MXwxfDF8bm90LWEtdXVpZA"));
        rejected(400, "limit", () -> Http.get("/api/agents?limit=0"));
        rejected(400, "limit", () -> Http.get("/api/agents?limit=abc"));
    }

    @Test
    void malformedIdsInPathAndQuery() throws Exception {
        rejected(400, "id", () -> Http.get("/api/agents/not-a-uuid"));
        rejected(400, "workflowId", () -> Http.get("/api/tasks?workflowId=42"));
        rejected(400, "agentId", () -> Http.post("/api/workflows", "{\"name\":\"w\",\"agentId\":\"nope\"}"));
        rejected(400, "points[0].agentId", () -> Http.post("/api/metrics", """
                {"points":[{"agentId":"zz","name":"m","value":1,"recordedAt":"%s"}]}""".formatted(SystemTime.clock().instant())));
        rejected(400, "recordedAt", () -> Http.post("/api/metrics", """
                {"points":[{"agentId":"%s","name":"m","value":1,"recordedAt":"yesterday"}]}""".formatted(agentId)));
    }

    @Test
    void duplicateAgentName() throws Exception {
        rejected(409, "name", () -> Http.post("/api/agents", """
                {"name":"%s","role":"r","model":"m"}""".formatted(agentName)));
    }

    @Test
    void eventTimesInTheFarFutureOrPast() throws Exception {
        rejected(400, "points[0].recordedAt", () -> Http.post("/api/metrics", """
                {"points":[{"agentId":"%s","name":"m","value":1,"recordedAt":"%s"}]}"""
                .formatted(agentId, SystemTime.clock().instant().plusSeconds(86_400))));
        rejected(400, "interactions[0].occurredAt", () -> Http.post("/api/interactions", """
                {"interactions":[{"fromAgentId":"%s","toAgentId":"%s","kind":"REQUEST","occurredAt":"2001-01-01T00:00:00Z"}]}"""
                .formatted(agentId, agentId)));
    }

    @Test
    void failedTaskNeedsAnErrorMessage() throws Exception {
        String fresh = Http.post("/api/tasks", """
                {"workflowId":"%s","agentId":"%s","taskType":"t"}""".formatted(workflowId, agentId)).json().getString("id");
        rejected(400, "errorMessage", () -> Http.post("/api/tasks/" + fresh + "/fail", "{\"latencyMs\":5}"));
    }

    @Test
    void protocolErrorsAreProblemsToo() throws Exception {
        rejected(404, null, () -> Http.get("/api/nothing-here"));
        rejected(405, null, () -> Http.send(HttpRequest.newBuilder(URI.create(Http.APP + "/api/agents")).DELETE()));
        rejected(415, null, () -> Http.send(HttpRequest.newBuilder(URI.create(Http.APP + "/api/agents"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("name=x"))));
    }
}
