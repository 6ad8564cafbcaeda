package com.tokyoia.bench;

import com.tokyoia.bench.RawHttpLoad.Request;
import com.tokyoia.bench.RawHttpLoad.Step;
import com.tokyoia.faults.OpenLoop;
import com.tokyoia.faults.ServerUnderTest;
import com.tokyoia.platform.time.SystemTime;
import java.io.IOException;
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
 * on the same two cores as the server, so each step also reports the CPU the server and the
 * generator spent per request.
 *
 * <p>Arguments: the base URL; the admin's password on standard input. SCENARIOS (all by default:
 * catalog,agent-read,task-read,task-list,task-create,metric-ingest), STEP_SECONDS (10), POINTS per
 * ingested batch (100), CONNECTIONS (64), SERVER_PID (the server's JVM, for its CPU time).
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
        Map<String, IntFunction<Request>> requests = new LinkedHashMap<>();
        requests.put("catalog", i -> Request.get("/api/analytics"));
        requests.put("agent-read", i -> Request.get("/api/agents/" + agents.get(i % agents.size())));
        requests.put("task-read", i -> Request.get("/api/tasks/" + tasks.get(i % tasks.size())));
        requests.put("task-list", i -> Request.get("/api/tasks?workflowId=" + workflow + "&limit=50"));
        requests.put("task-create", i -> Request.post("/api/tasks", task(workflow, agents.get(i % agents.size())), null));
        String run = UUID.randomUUID().toString();
        // Each batch a key of its own across warm-up and steps (OpenLoop numbers each step's requests from 0).
        AtomicInteger batches = new AtomicInteger();
        requests.put("metric-ingest", i -> Request.post("/api/metrics", metrics(agents.get(i % agents.size()), i, points),
                run + "-" + batches.incrementAndGet()));

        RawHttpLoad load = new RawHttpLoad(server.base(), server.authorization(),
                Integer.parseInt(System.getenv().getOrDefault("CONNECTIONS", "64")));
        String serverPid = System.getenv().getOrDefault("SERVER_PID", "");
        System.out.printf("open-loop steps of %d s; each line: offered rate, answered 2xx per second, latency from the intended send time,"
                + " CPU per request of the server and of this generator%n", step.toSeconds());
        for (String scenario : scenarios) {
            IntFunction<Request> request = requests.get(scenario);
            if (request == null) {
                throw new IllegalArgumentException("unknown scenario " + scenario + "; known: " + requests.keySet());
            }
            // Warm-up at the first rate, not reported: the JIT compiles this path first.
            load.run(RATES.get(scenario)[0], Duration.ofSeconds(5), request);
            for (double rate : RATES.get(scenario)) {
                long serverCpuBefore = cpuNanos(serverPid);
                Step sent = load.run(rate, step, request);
                long serverCpu = cpuNanos(serverPid) - serverCpuBefore;
                Histogram latencies = sent.latencies();
                double p99 = latencies.getValueAtPercentile(99) / 1000.0;
                String unit = scenario.equals("metric-ingest") ? " (" + Math.round(sent.ok() * points / (double) step.toSeconds()) + " points/s)" : "";
                System.out.printf("%-14s offered %6.0f/s  answered %7.1f/s%s  %s  not 2xx %d, no answer %d  CPU/request: server %s, generator %.3f ms%n",
                        scenario, rate, sent.ok() / (double) step.toSeconds(), unit, OpenLoop.summary(latencies), sent.notOk(), sent.failed(),
                        serverPid.isEmpty() ? "?" : "%.3f ms".formatted(serverCpu / 1e6 / sent.sent()), sent.generatorCpuNanos() / 1e6 / sent.sent());
                if (p99 > P99_LIMIT_MS || sent.sent() - sent.ok() > sent.sent() / 100) {
                    break;
                }
            }
        }
    }

    /** A process's user and system CPU time from /proc, 0 without a pid or once it has ended. */
    private static long cpuNanos(String pid) throws IOException {
        return pid.isEmpty() ? 0 : ProcStat.of(Long.parseLong(pid)).map(ProcStat::ownNanos).orElse(0L);
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
