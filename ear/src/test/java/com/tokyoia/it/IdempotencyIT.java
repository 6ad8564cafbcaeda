package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.Http.User;
import com.tokyoia.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client retrying a write (after a timeout, or a 503 while PostgreSQL restarts) with the same
 * Idempotency-Key header has it stored once and gets the first answer again.
 */
@ExtendWith(ArquillianExtension.class)
class IdempotencyIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    private static Reply post(User user, String path, String json, String key) {
        return Http.send(user, HttpRequest.newBuilder(URI.create(Http.APP + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Reply post(String path, String json, String key) {
        return post(User.ADMIN, path, json, key);
    }

    private static String newAgent() {
        Reply created = Http.post("/api/agents", """
                {"name":"idem-%s","role":"r","model":"m"}""".formatted(UUID.randomUUID()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }

    private static String points(String agentId, double... values) {
        Instant at = SystemTime.clock().instant().minusSeconds(5);
        List<String> points = new ArrayList<>();
        for (double value : values) {
            points.add("""
                    {"agentId":"%s","name":"idem.m","value":%s,"recordedAt":"%s"}""".formatted(agentId, value, at));
        }
        return "{\"points\":[" + String.join(",", points) + "]}";
    }

    private static List<Double> storedValues(String agentId) {
        Instant now = SystemTime.clock().instant();
        Reply listed = Http.get("/api/metrics?agentId=" + agentId + "&from=" + now.minusSeconds(3600) + "&to=" + now.plusSeconds(60)
                + "&limit=500");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.items().stream().map(v -> v.asJsonObject().getJsonNumber("value").doubleValue()).sorted().toList();
    }

    @Test
    void aMetricBatchSentTwiceWithOneKeyIsStoredOnceAndAnsweredTheSame() {
        String agentId = newAgent();
        String batch = points(agentId, 1.5, 2.5, 3.5);
        String key = UUID.randomUUID().toString();

        Reply first = post("/api/metrics", batch, key);
        Reply retry = post("/api/metrics", batch, key);

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).as(retry.body()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(first.json().getInt("accepted")).isEqualTo(3);
        assertThat(storedValues(agentId)).containsExactly(1.5, 2.5, 3.5);
    }

    @Test
    void aTaskCreatedTwiceWithOneKeyIsOneTaskWithOneLocation() {
        String agentId = newAgent();
        String workflowId = Http.post("/api/workflows", "{\"name\":\"w\",\"agentId\":\"" + agentId + "\"}").json().getString("id");
        String task = """
                {"workflowId":"%s","agentId":"%s","taskType":"summarize"}""".formatted(workflowId, agentId);
        String key = "task-" + UUID.randomUUID();

        Reply first = post("/api/tasks", task, key);
        Reply retry = post("/api/tasks", task, key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.json().getString("id")).isEqualTo(first.json().getString("id"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location")).endsWith(first.json().getString("id"));
        assertThat(Http.get("/api/tasks?workflowId=" + workflowId).items()).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndChangesNothing() throws Exception {
        String agentId = newAgent();
        String key = UUID.randomUUID().toString();
        String batch = points(agentId, 1.0);
        assertThat(post("/api/metrics", batch, key).status()).isEqualTo(202);
        Map<String, String> before = TestDatabase.fingerprints(TestDatabase.APPLICATION_TABLES);

        Reply otherBody = post("/api/metrics", points(agentId, 2.0), key);
        // The same JSON with other bytes (spaces after commas): a retry repeats the request exactly, or it is another one.
        Reply otherBytes = post("/api/metrics", batch.replace(",", ", "), key);
        Reply otherOperation = post("/api/interactions", """
                {"interactions":[{"fromAgentId":"%s","toAgentId":"%s","kind":"BROADCAST","occurredAt":"%s"}]}"""
                .formatted(agentId, agentId, SystemTime.clock().instant().minusSeconds(5)), key);

        for (Reply refused : List.of(otherBody, otherBytes, otherOperation)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().getString("type")).endsWith("idempotency-key-reused");
            assertThat(refused.json().getString("detail")).contains(key, "POST /api/metrics");
        }
        assertThat(TestDatabase.fingerprints(TestDatabase.APPLICATION_TABLES)).as("nothing changed").isEqualTo(before);
        assertThat(storedValues(agentId)).containsExactly(1.0);
    }

    @Test
    void aRefusedRequestKeepsNoKeySoItsCorrectedRetryRuns() {
        String agentId = newAgent();
        String key = UUID.randomUUID().toString();
        String tooFarAhead = """
                {"points":[{"agentId":"%s","name":"idem.m","value":7.0,"recordedAt":"%s"}]}"""
                .formatted(agentId, SystemTime.clock().instant().plusSeconds(86_400));

        Reply refused = post("/api/metrics", tooFarAhead, key);
        Reply corrected = post("/api/metrics", points(agentId, 7.0), key);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(202);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
        assertThat(storedValues(agentId)).containsExactly(7.0);
    }

    @Test
    void concurrentRetriesOfOneBatchStoreItOnce() throws Exception {
        String agentId = newAgent();
        String batch = points(agentId, 4.0, 5.0);
        String key = UUID.randomUUID().toString();
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Reply>> sends = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                sends.add(() -> post("/api/metrics", batch, key));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : pool.invokeAll(sends)) {
                replies.add(f.get());
            }
            assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(202));
            assertThat(replies).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
            assertThat(replies.stream().map(Reply::body).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(storedValues(agentId)).containsExactly(4.0, 5.0);
    }

    /**
     * A first attempt that holds its key longer than the 10 s a retry waits (here: another
     * transaction that inserted the key and has not committed) makes the retry a 409 that says
     * when to come back, and the retry stores nothing; once the holder is gone, the retry runs.
     */
    @Test
    void aRetryWaitingMoreThanTenSecondsForTheFirstAttemptGetsA409AndStoresNothing() throws Exception {
        String agentId = newAgent();
        String batch = points(agentId, 6.0, 7.0);
        String key = UUID.randomUUID().toString();
        try (Connection holder = TestDatabase.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement claim = holder.prepareStatement("INSERT INTO idempotency_keys (principal, idempotency_key, operation, "
                    + "request_sha256, created_at) VALUES (?, ?, 'POST /api/metrics', '\\x00', ?)")) {
                claim.setString(1, User.ADMIN.name());
                claim.setString(2, key);
                claim.setTimestamp(3, Timestamp.from(SystemTime.clock().instant()));
                claim.executeUpdate();
            }
            long started = System.nanoTime();
            Reply waited = post("/api/metrics", batch, key);
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(waited.status()).as(waited.body()).isEqualTo(409);
            assertThat(waited.contentType()).startsWith("application/problem+json");
            assertThat(waited.json().getString("type")).endsWith("idempotency-key-in-use");
            assertThat(waited.header("Retry-After")).isEqualTo("1");
            assertThat(waitedMillis).as("the retry waited for the key's lock, then gave up").isBetween(9_000L, 30_000L);
            assertThat(storedValues(agentId)).isEmpty();
            holder.rollback();
        }
        Reply retried = post("/api/metrics", batch, key);
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(storedValues(agentId)).containsExactly(6.0, 7.0);
    }

    @Test
    void aMalformedKeyIsRefusedNamingTheHeader() throws Exception {
        String agentId = newAgent();
        Map<String, String> before = TestDatabase.fingerprints(TestDatabase.APPLICATION_TABLES);
        for (String bad : List.of("has space", "x".repeat(256))) {
            Reply refused = post("/api/metrics", points(agentId, 9.0), bad);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().getString("detail")).startsWith("Idempotency-Key ");
        }
        assertThat(TestDatabase.fingerprints(TestDatabase.APPLICATION_TABLES)).as("nothing changed").isEqualTo(before);
    }

    @Test
    void keysAreEachUsersOwn() {
        String agentId = newAgent();
        String batch = points(agentId, 6.0);
        String key = UUID.randomUUID().toString();

        Reply byAdmin = post(User.ADMIN, "/api/metrics", batch, key);
        Reply byIngest = post(User.INGEST, "/api/metrics", batch, key);

        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(202);
        assertThat(byIngest.status()).as(byIngest.body()).isEqualTo(202);
        assertThat(byIngest.header("Idempotent-Replayed")).isNull();
        assertThat(storedValues(agentId)).containsExactly(6.0, 6.0);
    }
}
