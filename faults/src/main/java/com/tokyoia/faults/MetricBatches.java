package com.tokyoia.faults;

import com.tokyoia.faults.OpenLoop.Sent;
import com.tokyoia.platform.time.SystemTime;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The metric-ingest load the ingest faults send, and what they check of it afterwards: batches of
 * points of one agent of the fault's own, each batch with its own Idempotency-Key (as a client that
 * retries sends it) and each point's value naming its batch and place, so PostgreSQL's rows tell a
 * partial batch or a duplicate.
 */
final class MetricBatches {
    /** Batch i of one agent: {@code request.apply(i)} is the same request (the same key) however often it is built. */
    record Load(String agentId, IntFunction<HttpRequest> request) {
    }

    /** How many batches were sent again, and how many of those had been stored by their first attempt. */
    record Retried(int batches, int replayed) {
    }

    private final ServerUnderTest server;
    private final int points;
    private final String run = UUID.randomUUID().toString();
    private final Instant recordedFrom = SystemTime.clock().instant().minusSeconds(60);

    MetricBatches(ServerUnderTest server, int points) {
        this.server = server;
        this.points = points;
    }

    int points() {
        return points;
    }

    /** The batches of a new agent named after {@code prefix}. */
    Load newAgent(String prefix) throws IOException, InterruptedException {
        String agentId = server.newAgent(prefix);
        return new Load(agentId, i -> server.post("/api/metrics", body(agentId, i), run + "-" + prefix + "-" + i));
    }

    /**
     * The same load on a server that has just started, before the measured one: its answers are
     * printed, not checked (a cold server's first seconds are a capacity question, not the fault's).
     */
    void warmUp(double rate, Duration duration, String prefix) throws IOException, InterruptedException {
        List<Sent> warm = OpenLoop.run(server.client(), rate, duration, newAgent(prefix + "-warmup").request());
        Map<Integer, Integer> statuses = new TreeMap<>();
        warm.forEach(s -> statuses.merge(s.status(), 1, Integer::sum));
        System.out.printf("warm-up: %d s, statuses %s, %s%n", duration.toSeconds(), statuses, OpenLoop.summary(OpenLoop.latencies(warm)));
    }

    /** Sends each batch that got no 202 again with its key, each second, until it is accepted; one deadline for all. */
    Retried retryUnacknowledged(List<Sent> sent, Load load, Duration deadline, List<String> violations) throws InterruptedException {
        int retried = 0;
        int replayed = 0;
        // One deadline for all retries: a server that never recovers fails the fault in minutes, not hours.
        long until = System.nanoTime() + deadline.toNanos();
        for (Sent s : sent) {
            if (s.status() == 202) {
                continue;
            }
            retried++;
            HttpResponse<String> answer = retryUntilAccepted(load.request().apply(s.index()), until);
            if (answer == null) {
                violations.add("batch " + s.index() + " was never accepted on retry");
            } else if (answer.headers().firstValue("Idempotent-Replayed").isPresent()) {
                replayed++;
            }
        }
        return new Retried(retried, replayed);
    }

    private HttpResponse<String> retryUntilAccepted(HttpRequest request, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = server.send(request);
                if (answer.statusCode() == 202) {
                    return answer;
                }
            } catch (IOException e) {
                // Not answered: tried again below.
            }
            Thread.sleep(1000);
        }
        return null;
    }

    /** Rows, batches, duplicate rows and batches not whole, as PostgreSQL counts them; a difference from what was sent is a violation. */
    int[] stored(String jdbc, Load load, int batches, List<String> violations) throws SQLException {
        String sql = "SELECT (metric_value::bigint / 1000)::int AS batch, count(*), count(DISTINCT metric_value) "
                + "FROM agent_metrics WHERE agent_id = ?::uuid GROUP BY 1";
        int rows = 0;
        int found = 0;
        int duplicates = 0;
        int partial = 0;
        try (Connection c = DriverManager.getConnection(jdbc); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, load.agentId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found++;
                    rows += rs.getInt(2);
                    duplicates += rs.getInt(2) - rs.getInt(3);
                    if (rs.getInt(3) != points) {
                        partial++;
                        violations.add("batch " + rs.getInt(1) + " has " + rs.getInt(3) + " of its " + points + " points");
                    }
                }
            }
        }
        if (found != batches || duplicates != 0 || rows != batches * points) {
            violations.add("PostgreSQL holds " + rows + " points in " + found + " batches (" + duplicates + " duplicates); "
                    + batches * points + " in " + batches + " were acknowledged");
        }
        return new int[] {rows, found, duplicates, partial};
    }

    private String body(String agentId, int batch) {
        StringBuilder json = new StringBuilder("{\"points\":[");
        String at = recordedFrom.plusMillis(batch).toString();
        for (int p = 0; p < points; p++) {
            // Each point's value names its batch and place: stored() finds partial batches and duplicates by it.
            json.append(p == 0 ? "" : ",").append("{\"agentId\":\"").append(agentId).append("\",\"name\":\"fault.pg\",\"value\":")
                    .append((long) batch * 1000 + p).append(",\"recordedAt\":\"").append(at).append("\"}");
        }
        return json.append("]}").toString();
    }
}
