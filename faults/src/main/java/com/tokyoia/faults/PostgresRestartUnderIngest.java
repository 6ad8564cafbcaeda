package com.tokyoia.faults;

import com.tokyoia.faults.OpenLoop.Sent;
import com.tokyoia.platform.time.SystemTime;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * PostgreSQL stopped and started again while clients ingest metric batches at a fixed rate, each
 * batch with its own Idempotency-Key, as a client that retries should send them.
 *
 * <p>What must hold (exit 1 otherwise): every answer during the load is a 202, or a 503
 * problem+json with Retry-After (no 500, no request without an answer, none slower than the
 * bound); some 503s were seen (the fault bit); every request sent once the database has been back
 * for the recovery bound gets a 202 from the same server process; after the load, each batch that
 * was not acknowledged is sent again with its key until it is, and then PostgreSQL holds every
 * batch exactly once and whole (no partial batch, no duplicate).
 *
 * <p>Readers run beside the writers on the same schedule's clock: keyset list pages of agents,
 * one read in 20 a hot-days analytics question (PostgreSQL's side of the router, its answer cached
 * in Redis), and three in 20 what the dashboard's pages load (the lake's day map, job runs, alerts).
 * Each read gets a 200 or the same 503 problem+json with Retry-After (no 500, none without an answer),
 * and every read sent once the database has been back for the recovery bound gets a 200.
 *
 * <p>Arguments: the server's base URL, a JDBC URL that reads its database; the admin's password on
 * standard input; PG_CTL, the command that stops and starts PostgreSQL (its {@code stop -m fast}
 * and {@code start} are appended). Optional: FAULT_RATE batches/s (40), FAULT_POINTS per batch (100),
 * FAULT_SECONDS of load (45), FAULT_STOP_AT s (10), FAULT_OUTAGE s (8), FAULT_MAX_LATENCY s (10),
 * FAULT_RECOVERY s (10), FAULT_WARMUP s (15) of the same load before, reported but not checked,
 * FAULT_RETRY_DEADLINE s (120) for all the retries after the load, FAULT_READ_RATE reads/s (10; 0: none).
 */
public final class PostgresRestartUnderIngest {
    private PostgresRestartUnderIngest() {
    }

    public static void main(String[] args) throws Exception {
        ServerUnderTest server = ServerUnderTest.of(args[0], new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim());
        String jdbc = args[1];
        String pgCtl = Commands.required("PG_CTL");
        double rate = Commands.number("FAULT_RATE", 40);
        int points = (int) Commands.number("FAULT_POINTS", 100);
        Duration load = Commands.seconds("FAULT_SECONDS", 45);
        Duration stopAt = Commands.seconds("FAULT_STOP_AT", 10);
        Duration outage = Commands.seconds("FAULT_OUTAGE", 8);
        Duration maxLatency = Commands.seconds("FAULT_MAX_LATENCY", 10);
        Duration recovery = Commands.seconds("FAULT_RECOVERY", 10);

        Duration warmup = Commands.seconds("FAULT_WARMUP", 15);
        double readRate = Commands.number("FAULT_READ_RATE", 10);

        MetricBatches batches = new MetricBatches(server, points);
        batches.warmUp(rate, warmup, "fault-pg");
        MetricBatches.Load batch = batches.newAgent("fault-pg");

        long start = System.nanoTime();
        long[] events = new long[3]; // stop issued, stopped, started (ns from start)
        Thread fault = new Thread(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(stopAt.toNanos());
                events[0] = System.nanoTime() - start;
                Commands.run(pgCtl, "stop", "-m", "fast");
                events[1] = System.nanoTime() - start;
                TimeUnit.NANOSECONDS.sleep(outage.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.out.println("VIOLATION could not stop PostgreSQL: " + e.getMessage());
            } finally {
                // Whatever happened above, PostgreSQL runs again.
                Commands.run(pgCtl, "start");
                events[2] = System.nanoTime() - start;
            }
        }, "postgresql-outage");
        fault.start();
        List<List<Sent>> readsSent = new ArrayList<>();
        Thread readers = new Thread(() -> readsSent.add(readRate > 0 ? OpenLoop.run(server.client(), readRate, load, read(server), start)
                : List.of()), "readers");
        readers.start();
        List<Sent> sent = OpenLoop.run(server.client(), rate, load, batch.request(), start);
        fault.join();
        readers.join();
        List<Sent> reads = readsSent.isEmpty() ? List.of() : readsSent.get(0);

        List<String> violations = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long firstError = Long.MAX_VALUE;
        long lastError = -1;
        for (Sent s : sent) {
            statuses.merge(s.status(), 1, Integer::sum);
            if (s.status() == 202) {
                continue;
            }
            firstError = Math.min(firstError, s.intendedNanos());
            lastError = Math.max(lastError, s.intendedNanos() + s.latencyNanos());
            if (s.status() != 503) {
                violations.add("batch " + s.index() + ": " + (s.answered() ? s.status() + " " + s.body() : "no answer: " + s.error()));
            } else if (!s.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    || s.headers().firstValue("Retry-After").isEmpty()) {
                violations.add("batch " + s.index() + ": a 503 without problem+json or Retry-After: " + s.headers().map());
            }
            if (s.intendedNanos() > events[2] + recovery.toNanos()) {
                violations.add("batch " + s.index() + " sent " + ms(s.intendedNanos() - events[2])
                        + " ms after PostgreSQL was back still got " + s.status());
            }
        }
        var latencies = OpenLoop.latencies(sent);
        if (latencies.getMaxValue() > maxLatency.toNanos() / 1000) {
            violations.add("the slowest answer took " + latencies.getMaxValue() / 1000 + " ms, over the " + maxLatency.toSeconds() + " s bound");
        }
        if (lastError < 0) {
            violations.add("no request failed: the outage did not reach the server (is PG_CTL the server's PostgreSQL?)");
        }
        if (readRate > 0 && reads.isEmpty()) {
            violations.add("the readers sent nothing");
        }
        Map<String, Map<Integer, Integer>> readStatuses = new TreeMap<>();
        long[] readWindow = {Long.MAX_VALUE, -1};
        for (Sent r : reads) {
            readStatuses.computeIfAbsent(readKind(r.index()), k -> new TreeMap<>()).merge(r.status(), 1, Integer::sum);
            if (r.status() == 200) {
                continue;
            }
            readWindow[0] = Math.min(readWindow[0], r.intendedNanos());
            readWindow[1] = Math.max(readWindow[1], r.intendedNanos() + r.latencyNanos());
            String what = "read " + r.index() + " (" + readKind(r.index()) + ")";
            if (r.status() != 503) {
                violations.add(what + ": " + (r.answered() ? r.status() + " " + r.body() : "no answer: " + r.error()));
            } else if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    || r.headers().firstValue("Retry-After").isEmpty()) {
                violations.add(what + ": a 503 without problem+json or Retry-After: " + r.headers().map());
            }
            if (r.intendedNanos() > events[2] + recovery.toNanos()) {
                violations.add(what + " sent " + ms(r.intendedNanos() - events[2]) + " ms after PostgreSQL was back still got " + r.status());
            }
        }
        var readLatencies = OpenLoop.latencies(reads);
        if (!reads.isEmpty() && readLatencies.getMaxValue() > maxLatency.toNanos() / 1000) {
            violations.add("the slowest read took " + readLatencies.getMaxValue() / 1000 + " ms, over the " + maxLatency.toSeconds() + " s bound");
        }

        MetricBatches.Retried retried = batches.retryUnacknowledged(sent, batch, Commands.seconds("FAULT_RETRY_DEADLINE", 120), violations);
        int[] stored = batches.stored(jdbc, batch, sent.size(), violations);

        System.out.printf("load: %d batches of %d points at %.0f batches/s for %d s; statuses %s%n", sent.size(), points, rate,
                load.toSeconds(), statuses);
        System.out.printf("latency from the intended send time: %s%n", OpenLoop.summary(latencies));
        if (!reads.isEmpty()) {
            System.out.printf("reads beside them: %d at %.0f/s, statuses %s; %s%n", reads.size(), readRate, readStatuses,
                    OpenLoop.summary(readLatencies));
            System.out.println(readWindow[1] < 0 ? "reads: none failed (answered from Redis or between the outage's edges)"
                    : "reads' error window: %.1f s (first failed read sent at %.1f s, last failure answered at %.1f s)".formatted(
                    (readWindow[1] - readWindow[0]) / 1e9, readWindow[0] / 1e9, readWindow[1] / 1e9));
        }
        System.out.printf("PostgreSQL: stop issued at %.1f s, down at %.1f s, up again at %.1f s (outage %.1f s)%n",
                events[0] / 1e9, events[1] / 1e9, events[2] / 1e9, (events[2] - events[1]) / 1e9);
        if (lastError >= 0) {
            System.out.printf("error window: %.1f s (first failed request sent at %.1f s, last failure answered at %.1f s, %.1f s after "
                    + "PostgreSQL was up)%n", (lastError - firstError) / 1e9, firstError / 1e9, lastError / 1e9, (lastError - events[2]) / 1e9);
        }
        System.out.printf("retried with the same key: %d batches, of which %d had been stored by their first attempt (answer replayed)%n",
                retried.batches(), retried.replayed());
        System.out.printf("stored: %d points in %d batches, expected %d; duplicates %d; partial batches %d%n",
                stored[0], stored[1], sent.size() * points, stored[2], stored[3]);
        violations.stream().limit(20).forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println(violations.isEmpty() ? "PASS postgresql-restart-under-ingest" : "FAIL postgresql-restart-under-ingest ("
                + violations.size() + " violations)");
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    /**
     * What the readers ask: keyset list pages of agents; one read in 20 an analytics question over
     * the hot days (at 10 reads/s, 0.5 a second: under the per-user limit on analytics, 60 a minute),
     * and three in 20 what the dashboard's pages load: the lake's day map, the job runs, the alerts.
     */
    static String readKind(int index) {
        return switch (index % 20) {
            case 4 -> "dashboard: lake overview";
            case 9 -> "dashboard: job runs";
            case 14 -> "dashboard: alerts";
            case 19 -> "task_throughput over the hot days";
            default -> "agents list page";
        };
    }

    private static IntFunction<HttpRequest> read(ServerUnderTest server) {
        LocalDate today = LocalDate.now(SystemTime.clock().withZone(ZoneOffset.UTC));
        Map<String, String> paths = Map.of(
                "dashboard: lake overview", "/api/etl/overview?days=30",
                "dashboard: job runs", "/api/etl/runs",
                "dashboard: alerts", "/api/alerts/incidents?limit=20",
                "task_throughput over the hot days", "/api/analytics/task_throughput?from=" + today.minusDays(1) + "&to=" + today,
                "agents list page", "/api/agents?limit=50");
        return i -> server.request(paths.get(readKind(i))).GET().build();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
