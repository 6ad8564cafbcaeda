package com.tokyoia.bench;

import com.tokyoia.faults.OpenLoop;
import com.tokyoia.faults.OpenLoop.Sent;
import com.tokyoia.faults.ServerUnderTest;
import com.tokyoia.platform.time.SystemTime;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The hot API under an open-loop load (issue 16), against the server ./tokyo-ia up runs: for each
 * kind of request, rates step up until the p99 (from each request's intended send time) crosses
 * 50 ms or more than 1 % of requests fail. The floor of the API, the static query catalog through
 * the same authentication, filters and JSON, is measured in the same run. The load generator runs
 * on the same two cores as the server.
 *
 * <p>Arguments: the base URL; the admin's password on standard input. SCENARIOS (all by default:
 * catalog,agent-read,task-read,task-list,task-create,metric-ingest), STEP_SECONDS (10), POINTS per
 * ingested batch (100).
 */
public final class HotApiLoadBenchmark {
    private static final double P99_LIMIT_MS = 50;
    private static final Map<String, double[]> RATES = new LinkedHashMap<>();

    static {
        RATES.put("catalog", new double[] {250, 500, 1000, 1500, 2000, 3000});
        RATES.put("agent-read", new double[] {250, 500, 1000, 1500, 2000, 3000});
        RATES.put("task-read", new double[] {250, 500, 1000, 1500, 2000, 3000});
        RATES.put("task-list", new double[] {100, 200, 300, 500, 800, 1200});
        RATES.put("task-create", new double[] {50, 100, 200, 400, 800, 1200});
        RATES.put("metric-ingest", new double[] {25, 50, 100, 200, 300, 400});
    }

    private HotApiLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ServerUnderTest server = ServerUnderTest.of(args[0], new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim());
        Duration step = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("STEP_SECONDS", "10")));
        int points = Integer.parseInt(System.getenv().getOrDefault("POINTS", "100"));
        List<String> scenarios = Arrays.asList(System.getenv().getOrDefault("SCENARIOS", String.join(",", RATES.keySet())).split(","));
        // RATES=20 STEP_SECONDS=300: one sustained rate instead of the steps (the 5 minutes of ingest).
        String fixedRates = System.getenv("RATES");
        if (fixedRates != null && !fixedRates.isBlank()) {
            double[] rates = Arrays.stream(fixedRates.split(",")).mapToDouble(Double::parseDouble).toArray();
            scenarios.forEach(scenario -> RATES.put(scenario, rates));
        }

        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            agents.add(server.newAgent("load"));
        }
        String workflow = ServerUnderTest.json(server.send(server.post("/api/workflows",
                "{\"name\":\"load\",\"agentId\":\"" + agents.get(0) + "\"}", null)).body()).getString("id");
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tasks.add(ServerUnderTest.json(server.send(server.post("/api/tasks", task(workflow, agents.get(i % agents.size())), null))
                    .body()).getString("id"));
        }
        Map<String, IntFunction<HttpRequest>> requests = new LinkedHashMap<>();
        requests.put("catalog", i -> server.request("/api/analytics").GET().build());
        requests.put("agent-read", i -> server.request("/api/agents/" + agents.get(i % agents.size())).GET().build());
        requests.put("task-read", i -> server.request("/api/tasks/" + tasks.get(i % tasks.size())).GET().build());
        requests.put("task-list", i -> server.request("/api/tasks?workflowId=" + workflow + "&limit=50").GET().build());
        requests.put("task-create", i -> server.post("/api/tasks", task(workflow, agents.get(i % agents.size())), null));
        String run = UUID.randomUUID().toString();
        // Each batch a key of its own across warm-up and steps (OpenLoop numbers each step's requests from 0).
        AtomicInteger batches = new AtomicInteger();
        requests.put("metric-ingest", i -> server.post("/api/metrics", metrics(agents.get(i % agents.size()), i, points),
                run + "-" + batches.incrementAndGet()));

        System.out.printf("open-loop steps of %d s; each line: offered rate, answered 2xx per second, latency from the intended send time%n",
                step.toSeconds());
        for (String scenario : scenarios) {
            IntFunction<HttpRequest> request = requests.get(scenario);
            if (request == null) {
                throw new IllegalArgumentException("unknown scenario " + scenario + "; known: " + requests.keySet());
            }
            // Warm-up at the first rate, not reported: the JIT compiles this path first.
            OpenLoop.run(server.client(), RATES.get(scenario)[0], Duration.ofSeconds(5), request);
            for (double rate : RATES.get(scenario)) {
                List<Sent> sent = OpenLoop.run(server.client(), rate, step, request);
                long ok = sent.stream().filter(s -> s.status() / 100 == 2).count();
                Histogram latencies = OpenLoop.latencies(sent);
                double p99 = latencies.getValueAtPercentile(99) / 1000.0;
                String unit = scenario.equals("metric-ingest") ? " (" + Math.round(ok * points / (double) step.toSeconds()) + " points/s)" : "";
                System.out.printf("%-14s offered %6.0f/s  answered %7.1f/s%s  %s  failed %d%n", scenario, rate,
                        ok / (double) step.toSeconds(), unit, OpenLoop.summary(latencies), sent.size() - ok);
                if (p99 > P99_LIMIT_MS || sent.size() - ok > sent.size() / 100) {
                    break;
                }
            }
        }
    }

    private static String task(String workflow, String agent) {
        return "{\"workflowId\":\"" + workflow + "\",\"agentId\":\"" + agent + "\",\"taskType\":\"load\"}";
    }

    private static String metrics(String agent, int batch, int points) {
        Instant at = SystemTime.clock().instant().minusSeconds(1);
        StringBuilder json = new StringBuilder("{\"points\":[");
        for (int p = 0; p < points; p++) {
            // High-entropy values: no two points alike.
            json.append(p == 0 ? "" : ",").append("{\"agentId\":\"").append(agent).append("\",\"name\":\"load.m").append(p % 7)
                    .append("\",\"value\":").append(Math.random() * 1e6).append(",\"recordedAt\":\"").append(at.minusMillis(p)).append("\"}");
        }
        return json.append("]}").toString();
    }
}
