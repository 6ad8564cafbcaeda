package com.tokyoia.bench;

import com.tokyoia.faults.Commands;
import com.tokyoia.faults.LakeDays;
import com.tokyoia.faults.OpenLoop;
import com.tokyoia.faults.OpenLoop.Sent;
import com.tokyoia.faults.ServerUnderTest;
import com.tokyoia.platform.time.SystemTime;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Dashboard users while the nightly export runs, then a soak (issue 16), against the server
 * ./tokyo-ia up runs. Open-loop, latency from the intended send time.
 *
 * <p>Mixed: USERS (20) dashboard users, one request a second each, cycling through an analytics
 * question answered from the cache, the same question for one agent (a miss until that agent's
 * answer is cached), a page of tasks and the lake overview. The same day of EXPORT_ROWS (1,000,000)
 * high-entropy tasks is exported once alone and once under that load (two days alike): the report
 * gives the users' p50/p99 without and with the export, and the export's slowdown.
 *
 * <p>Soak: SOAK_MINUTES (30) of the users plus INGEST (5) metric batches of 100 points a second;
 * after each minute, a full collection is asked for and the server's heap after it, its threads
 * and open files (from /proc, SERVER_PID) and the database's connections are printed with that
 * minute's p99 and failures. Flat columns at the end are the result.
 *
 * <p>Every request goes out as the admin, so the server must run without the analytics rate limit
 * for that user (bench/run-soak.sh says how), on a database whose two export days are not exported
 * yet. Arguments: the server's base URL, a JDBC URL of its database (a superuser); the admin's
 * password on standard input.
 */
public final class MixedLoadSoak {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private MixedLoadSoak() {
    }

    public static void main(String[] args) throws Exception {
        ServerUnderTest server = ServerUnderTest.of(args[0], new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim());
        String jdbc = args[1];
        int users = (int) Commands.number("USERS", 20);
        int rows = (int) Commands.number("EXPORT_ROWS", 1_000_000);
        int soakMinutes = (int) Commands.number("SOAK_MINUTES", 30);
        double ingest = Commands.number("INGEST", 5);
        long pid = (long) Commands.number("SERVER_PID", 0);
        LocalDate today = LocalDate.now(SystemTime.clock().withZone(ZoneOffset.UTC));

        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            agents.add(server.newAgent("mixed"));
        }
        String workflow = ServerUnderTest.json(server.send(server.post("/api/workflows",
                "{\"name\":\"mixed\",\"agentId\":\"" + agents.get(0) + "\"}", null)).body()).getString("id");
        for (int i = 0; i < 200; i++) {
            server.send(server.post("/api/tasks", "{\"workflowId\":\"" + workflow + "\",\"agentId\":\"" + agents.get(i % 50)
                    + "\",\"taskType\":\"mixed\"}", null));
        }
        // The last week, which the export days (11 and 12 days back) are not part of: a dashboard's view of
        // recent work. (Over 14 days, with those 2M rows in PostgreSQL, the misses alone saturated the server.)
        String range = "from=" + today.minusDays(7) + "&to=" + today;
        // Misses: each one another (agent, start day), 350 in all.
        AtomicInteger misses = new AtomicInteger();
        IntFunction<HttpRequest> miss = i -> {
            int n = misses.getAndIncrement();
            return server.request("/api/analytics/task_throughput?from=" + today.minusDays(1 + n / agents.size() % 7) + "&to=" + today
                    + "&agentId=" + agents.get(n % agents.size())).GET().build();
        };
        List<IntFunction<HttpRequest>> dashboard = List.of(
                i -> server.request("/api/analytics/task_throughput?" + range).GET().build(),
                miss,
                i -> server.request("/api/tasks?workflowId=" + workflow + "&limit=50").GET().build(),
                i -> server.request("/api/etl/overview?days=30").GET().build());
        IntFunction<HttpRequest> user = i -> dashboard.get(i % dashboard.size()).apply(i);

        // Mixed: the export alone, the users alone, both together.
        LocalDate alone = today.minusDays(12);
        LocalDate loaded = today.minusDays(11);
        for (LocalDate day : List.of(alone, loaded)) {
            if (!LakeDays.manifest(jdbc, day).equals("(none)")) {
                throw new IllegalStateException(day + " was exported before (" + LakeDays.manifest(jdbc, day) + "): run on a fresh "
                        + "database (./tokyo-ia down; drop it, or TOKYOIA_DB_NAME=another) so both exports write the same rows");
            }
        }
        LakeDays.write(jdbc, alone, new LakeDays.Owner(agents.get(1), workflow), rows, "mixed");
        LakeDays.write(jdbc, loaded, new LakeDays.Owner(agents.get(2), workflow), rows, "mixed");
        OpenLoop.run(server.client(), users, Duration.ofSeconds(10), user); // warm-up, not reported
        double exportAlone = timedExport(server, alone);
        List<Sent> usersAlone = OpenLoop.run(server.client(), users, Duration.ofSeconds(60), user);
        long started = System.nanoTime();
        long[] exportEnded = new long[1];
        CompletableFuture<Double> export = CompletableFuture.supplyAsync(() -> {
            try {
                double seconds = timedExport(server, loaded);
                exportEnded[0] = System.nanoTime();
                return seconds;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Sent> usersDuring = new ArrayList<>();
        List<Long> chunkStarts = new ArrayList<>();
        List<List<Sent>> chunks = new ArrayList<>();
        while (!export.isDone()) {
            long chunkStart = System.nanoTime();
            chunkStarts.add(chunkStart);
            chunks.add(OpenLoop.run(server.client(), users, Duration.ofSeconds(5), user, chunkStart));
        }
        double exportLoaded = export.join();
        // Only what was meant to go out while the export ran.
        for (int c = 0; c < chunks.size(); c++) {
            long chunkStart = chunkStarts.get(c);
            chunks.get(c).stream().filter(s -> chunkStart + s.intendedNanos() < exportEnded[0]).forEach(usersDuring::add);
        }
        System.out.printf("export of %d %s rows: alone %.1f s; under %d dashboard users %.1f s (%.2fx; the users ran %.0f s)%n", rows,
                LakeDays.TABLE, exportAlone, users, exportLoaded, exportLoaded / exportAlone, (System.nanoTime() - started) / 1e9);
        System.out.printf("%d dashboard users (%d req/s), no export:    %s, failed %d%n", users, users,
                OpenLoop.summary(OpenLoop.latencies(usersAlone)), failed(usersAlone));
        System.out.printf("%d dashboard users (%d req/s), during export: %s, failed %d%n", users, users,
                OpenLoop.summary(OpenLoop.latencies(usersDuring)), failed(usersDuring));
        for (int kind = 0; kind < dashboard.size(); kind++) {
            int k = kind;
            System.out.printf("  request kind %d: no export p99 %.1f ms, during export p99 %.1f ms%n", kind,
                    p99(usersAlone.stream().filter(s -> s.index() % dashboard.size() == k).toList()),
                    p99(usersDuring.stream().filter(s -> s.index() % dashboard.size() == k).toList()));
        }

        // Soak: the users and a steady ingest, minute by minute.
        String run = UUID.randomUUID().toString();
        AtomicInteger batches = new AtomicInteger();
        IntFunction<HttpRequest> batch = i -> server.post("/api/metrics", points(agents.get(i % agents.size()), 100),
                run + "-" + batches.incrementAndGet());
        System.out.println("minute  requests  failed  p99 ms   heap after GC MB  threads  open files  db connections");
        for (int minute = 1; minute <= soakMinutes; minute++) {
            CompletableFuture<List<Sent>> writes = CompletableFuture.supplyAsync(
                    () -> OpenLoop.run(server.client(), ingest, Duration.ofSeconds(60), batch));
            List<Sent> reads = OpenLoop.run(server.client(), users, Duration.ofSeconds(60), user);
            List<Sent> all = new ArrayList<>(reads);
            all.addAll(writes.join());
            System.out.printf("%6d  %8d  %6d  %7.1f  %16s  %7s  %10s  %14s%n", minute, all.size(), failed(all), p99(all),
                    heapAfterGc(pid), proc(pid, "Threads"), openFiles(pid),
                    LakeDays.string(jdbc, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"));
        }
    }

    private static double timedExport(ServerUnderTest server, LocalDate day) throws Exception {
        long start = System.nanoTime();
        String status = LakeDays.export(server, day).getString("status");
        if (!status.equals("COMPLETED")) {
            throw new IllegalStateException("the export of " + day + " ended " + status);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String points(String agent, int count) {
        Instant at = SystemTime.clock().instant().minusSeconds(1);
        StringBuilder json = new StringBuilder("{\"points\":[");
        for (int p = 0; p < count; p++) {
            json.append(p == 0 ? "" : ",").append("{\"agentId\":\"").append(agent).append("\",\"name\":\"soak\",\"value\":")
                    .append(ThreadLocalRandom.current().nextDouble()).append(",\"recordedAt\":\"").append(at).append("\"}");
        }
        return json.append("]}").toString();
    }

    private static long failed(List<Sent> sent) {
        return sent.stream().filter(s -> s.status() / 100 != 2).count();
    }

    private static double p99(List<Sent> sent) {
        Histogram h = OpenLoop.latencies(sent);
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0;
    }

    /** Asks the server's JVM for a full collection, then reads what is left (jcmd, the JDK's own tool). */
    private static String heapAfterGc(long pid) {
        if (pid <= 0) {
            return "-";
        }
        try {
            run("jcmd", String.valueOf(pid), "GC.run");
            String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
            // One line per heap space ("... total ..., used 123456K [..."): G1 has one, Parallel two.
            long usedKb = 0;
            boolean found = false;
            for (String line : info.split("\n")) {
                Matcher used = USED.matcher(line);
                if (line.contains("total") && used.find()) {
                    usedKb += Long.parseLong(used.group(1));
                    found = true;
                }
            }
            return found ? String.valueOf(usedKb / 1024) : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static String proc(long pid, String field) {
        if (pid <= 0) {
            return "-";
        }
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
            return lines.filter(l -> l.startsWith(field + ":")).map(l -> l.substring(field.length() + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String openFiles(long pid) {
        if (pid <= 0) {
            return "-";
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return String.valueOf(fds.count());
        } catch (IOException e) {
            return "?";
        }
    }

}
