package com.tokyoia.faults;

import com.tokyoia.faults.OpenLoop.Sent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The server killed (SIGKILL) while clients ingest metric batches at a fixed rate, each with its own
 * Idempotency-Key, and started again at once, as a supervisor would. A batch whose transaction
 * committed just before the kill never got its answer: its client cannot know it was stored, and
 * retries it with the same key.
 *
 * <p>What must hold (exit 1 otherwise): every answer the server gave is a 202 or a 503 problem+json
 * (requests the dead server could not answer fail at the connection, which is what a client sees of
 * a crash); the server answers again within the bound; each batch not acknowledged is then sent again
 * with its key until it is accepted, and PostgreSQL holds every batch exactly once and whole. Retries
 * answered as replays ({@code Idempotent-Replayed}) are the batches committed before the kill whose
 * answer was lost: counted and reported, as their number depends on where the kill fell.
 *
 * <p>Arguments: the server's base URL, a JDBC URL that reads its database; the admin's password on
 * standard input; FAULT_KILL, the command that kills the server, FAULT_START, the one that starts it
 * again (both return at once). Optional: FAULT_RATE batches/s (40), FAULT_POINTS per batch (100),
 * FAULT_SECONDS of load (20), FAULT_KILL_AT s (8), FAULT_READY_WITHIN s (180), FAULT_WARMUP s (10),
 * FAULT_RETRY_DEADLINE s (120).
 */
public final class ServerKilledUnderIngest {
    private ServerKilledUnderIngest() {
    }

    public static void main(String[] args) throws Exception {
        ServerUnderTest server = ServerUnderTest.of(args[0], new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim());
        String jdbc = args[1];
        String kill = Commands.required("FAULT_KILL");
        String start = Commands.required("FAULT_START");
        double rate = Commands.number("FAULT_RATE", 40);
        int points = (int) Commands.number("FAULT_POINTS", 100);
        Duration load = Commands.seconds("FAULT_SECONDS", 20);
        Duration killAt = Commands.seconds("FAULT_KILL_AT", 8);
        Duration readyWithin = Commands.seconds("FAULT_READY_WITHIN", 180);
        Duration warmup = Commands.seconds("FAULT_WARMUP", 10);

        MetricBatches batches = new MetricBatches(server, points);
        batches.warmUp(rate, warmup, "fault-kill");
        MetricBatches.Load batch = batches.newAgent("fault-kill");
        long began = System.nanoTime();
        long[] events = new long[2]; // killed, start issued (ns from began)
        Thread fault = new Thread(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(killAt.toNanos());
                Commands.run(kill);
                events[0] = System.nanoTime() - began;
                Commands.run(start);
                events[1] = System.nanoTime() - began;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "server-kill");
        fault.start();
        List<Sent> sent = OpenLoop.run(server.client(), rate, load, batch.request(), began);
        fault.join();

        List<String> violations = new ArrayList<>();
        long back = awaitAnswering(server, began, readyWithin);
        if (back < 0) {
            violations.add("the server did not answer within " + readyWithin.toSeconds() + " s of its start");
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Sent s : sent) {
            outcomes.merge(s.answered() ? String.valueOf(s.status()) : "no answer", 1, Integer::sum);
            if (s.answered() && s.status() != 202 && s.status() != 503) {
                violations.add("batch " + s.index() + ": " + s.status() + " " + s.body());
            }
        }

        MetricBatches.Retried retried = batches.retryUnacknowledged(sent, batch, Commands.seconds("FAULT_RETRY_DEADLINE", 120), violations);
        int[] stored = batches.stored(jdbc, batch, sent.size(), violations);

        System.out.printf("load: %d batches of %d points at %.0f batches/s for %d s; outcomes %s%n", sent.size(), points, rate,
                load.toSeconds(), outcomes);
        System.out.printf("server: killed at %.1f s, start issued at %.1f s, answering again at %s%n", events[0] / 1e9, events[1] / 1e9,
                back < 0 ? "never" : "%.1f s (%.1f s without a server)".formatted(back / 1e9, (back - events[0]) / 1e9));
        System.out.printf("retried with the same key: %d batches, of which %d had been stored before the kill (answer lost, replayed)%n",
                retried.batches(), retried.replayed());
        System.out.printf("stored: %d points in %d batches, expected %d; duplicates %d; partial batches %d%n",
                stored[0], stored[1], sent.size() * points, stored[2], stored[3]);
        violations.stream().limit(20).forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println(violations.isEmpty() ? "PASS server-killed-under-ingest" : "FAIL server-killed-under-ingest ("
                + violations.size() + " violations)");
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    /** When (ns from {@code began}) the server answered a read again, or -1. */
    private static long awaitAnswering(ServerUnderTest server, long began, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (server.send(server.request("/api/agents?limit=1").GET().build()).statusCode() == 200) {
                    return System.nanoTime() - began;
                }
            } catch (IOException e) {
                // Not up yet.
            }
            Thread.sleep(250);
        }
        return -1;
    }
}
