package com.tokyoia.faults;

import com.tokyoia.faults.OpenLoop.Sent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Redis killed (SIGKILL) while clients read agents through the cache at a fixed rate, then started
 * again. Three phases of the same open-loop load: Redis up (the baseline), Redis dead, Redis back.
 *
 * <p>What must hold (exit 1 otherwise): every answer in every phase is a 200 with the agent's own
 * name; while Redis is dead every answer is a MISS and the p99 stays within twice the baseline's
 * (or FAULT_P99_FLOOR ms, whichever is larger: the API's own 50 ms budget; at a few milliseconds, twice is noise); the server log
 * says the outage once (one warning, however many requests) and its end once; once Redis is back,
 * answers are HITs again within the cache's retry interval and a few seconds.
 *
 * <p>Arguments: the server's base URL and its server.log; the admin's password on standard input;
 * REDIS_KILL and REDIS_START, the commands that kill and start Redis. Optional: FAULT_RATE reads/s
 * (200), FAULT_PHASE s per phase (15), FAULT_AGENTS (50), FAULT_P99_FLOOR ms (50), FAULT_HITS_WITHIN
 * s after Redis is back (10), FAULT_WARMUP s (15) of the same load first, reported but not checked.
 */
public final class RedisKilledUnderReads {
    private RedisKilledUnderReads() {
    }

    public static void main(String[] args) throws Exception {
        ServerUnderTest server = ServerUnderTest.of(args[0], new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim());
        Path serverLog = Path.of(args[1]);
        String kill = Commands.required("REDIS_KILL");
        String start = Commands.required("REDIS_START");
        double rate = Commands.number("FAULT_RATE", 200);
        Duration phase = Commands.seconds("FAULT_PHASE", 15);
        int agentCount = (int) Commands.number("FAULT_AGENTS", 50);
        double p99Floor = Commands.number("FAULT_P99_FLOOR", 50);
        Duration hitsWithin = Commands.seconds("FAULT_HITS_WITHIN", 10);
        Duration warmup = Commands.seconds("FAULT_WARMUP", 15);

        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < agentCount; i++) {
            String id = server.newAgent("fault-redis");
            ids.add(id);
            names.add(ServerUnderTest.json(server.send(server.request("/api/agents/" + id).GET().build()).body()).getString("name"));
        }
        List<String> violations = new ArrayList<>();
        // Warm-up (not checked: a server that has just started compiles as it goes), then the baseline.
        List<Sent> warm = reads(server, ids, rate, warmup);
        System.out.printf("warm-up: %d s, statuses %s, %s%n", warmup.toSeconds(), statuses(warm), OpenLoop.summary(OpenLoop.latencies(warm)));
        List<Sent> up = reads(server, ids, rate, phase);
        long logBefore = Files.size(serverLog);
        Commands.run(kill);
        long killedAt = System.nanoTime();
        List<Sent> down = reads(server, ids, rate, phase);
        Commands.run(start);
        long startedAt = System.nanoTime();
        List<Sent> back = reads(server, ids, rate, phase);

        check("Redis up", up, names, violations);
        check("Redis dead", down, names, violations);
        check("Redis back", back, names, violations);
        Histogram upLatency = OpenLoop.latencies(up);
        Histogram downLatency = OpenLoop.latencies(down);
        double upP99 = upLatency.getValueAtPercentile(99) / 1000.0;
        double downP99 = downLatency.getValueAtPercentile(99) / 1000.0;
        if (downP99 > Math.max(2 * upP99, p99Floor)) {
            violations.add("p99 with Redis dead %.2f ms, over twice the %.2f ms with Redis up (floor %.0f ms)".formatted(downP99, upP99, p99Floor));
        }
        long deadHits = down.stream().filter(s -> "HIT".equals(cache(s))).count();
        if (deadHits > 0) {
            violations.add(deadHits + " answers said HIT while Redis was dead");
        }
        long upHits = up.stream().filter(s -> "HIT".equals(cache(s))).count();
        if (upHits < up.size() * 0.9) {
            violations.add("only " + upHits + " of " + up.size() + " answers were HITs with Redis up: the cache was not in use");
        }
        Sent firstHit = back.stream().filter(s -> "HIT".equals(cache(s))).findFirst().orElse(null);
        if (firstHit == null || firstHit.intendedNanos() > hitsWithin.toNanos()) {
            violations.add("no HIT within " + hitsWithin.toSeconds() + " s of Redis being back" + (firstHit == null ? " (none at all)" : ""));
        }
        String appended = appendedSince(serverLog, logBefore);
        long warnings = appended.lines().filter(l -> l.contains("is unreachable (")).count();
        long recovered = appended.lines().filter(l -> l.contains("is reachable again after an outage")).count();
        if (warnings != 1 || recovered != 1) {
            violations.add("the server log says the outage " + warnings + " times and its end " + recovered + " times (once each expected)");
        }

        System.out.printf("load: %.0f agent reads/s over %d agents, %d s per phase%n", rate, agentCount, phase.toSeconds());
        System.out.printf("Redis up:   statuses %s, hits %d/%d, %s%n", statuses(up), upHits, up.size(), OpenLoop.summary(upLatency));
        System.out.printf("Redis dead: statuses %s, hits %d/%d, %s (p99 %.2fx the baseline's)%n", statuses(down), deadHits, down.size(),
                OpenLoop.summary(downLatency), downP99 / upP99);
        System.out.printf("Redis back: statuses %s, hits %d/%d, first hit %.2f s into the phase, %s%n", statuses(back),
                back.stream().filter(s -> "HIT".equals(cache(s))).count(), back.size(), firstHit == null ? Double.NaN
                        : firstHit.intendedNanos() / 1e9, OpenLoop.summary(OpenLoop.latencies(back)));
        System.out.printf("server log during the outage: %d warning(s), %d recovery line(s); Redis dead for %.1f s%n", warnings, recovered,
                (startedAt - killedAt) / 1e9);
        violations.stream().limit(20).forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println(violations.isEmpty() ? "PASS redis-killed-under-reads" : "FAIL redis-killed-under-reads (" + violations.size()
                + " violations)");
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    private static String appendedSince(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(offset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private static List<Sent> reads(ServerUnderTest server, List<String> ids, double rate, Duration phase) {
        return OpenLoop.run(server.client(), rate, phase, i -> server.request("/api/agents/" + ids.get(i % ids.size())).GET().build());
    }

    private static void check(String phase, List<Sent> sent, List<String> names, List<String> violations) {
        for (Sent s : sent) {
            if (s.status() != 200) {
                violations.add(phase + ": read " + s.index() + " got " + (s.answered() ? s.status() + " " + s.body() : s.error()));
            } else if (!ServerUnderTest.json(s.body()).getString("name").equals(names.get(s.index() % names.size()))) {
                violations.add(phase + ": read " + s.index() + " answered another agent: " + s.body());
            }
        }
    }

    private static String cache(Sent s) {
        return s.headers() == null ? null : s.headers().firstValue("X-Cache").orElse(null);
    }

    private static Map<Integer, Integer> statuses(List<Sent> sent) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        sent.forEach(s -> statuses.merge(s.status(), 1, Integer::sum));
        return statuses;
    }
}
