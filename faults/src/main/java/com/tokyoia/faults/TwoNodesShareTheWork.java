package com.tokyoia.faults;

import com.tokyoia.platform.time.SystemTime;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Two WildFly nodes on one PostgreSQL, one Redis and one lake: the API answers through either,
 * the same backfill asked of both at once exports the day once, and a node SIGKILLed in the middle
 * of an export leaves its work to the other, which finishes it once its lease has expired.
 *
 * <p>What must hold (exit 1 otherwise): an agent written through node 1 reads the same through
 * node 2, and both serve the dashboard; of two simultaneous backfills of one day, at least one
 * starts and the day ends with exactly one manifest version, VALIDATED, with PostgreSQL's row
 * count, and one file in the lake; node 1 killed while its backfill of two more days (every table,
 * so some (table, day)s are still queued) writes the first day's agent_tasks: node 2 fails the dead
 * execution and restarts it (recorded in the audit log), the day is then VALIDATED as version 1
 * with every row, one file and no staging file, within FAULT_TAKEOVER_SECONDS (180), and every
 * (table, day) of the two is proven once; node 2 keeps answering throughout; the persistent timer store
 * both nodes share holds the nightly export's timer once.
 *
 * <p>Arguments: node 1's and node 2's base URLs, a JDBC URL of their database (a superuser), the
 * lake's root; the admin's password on standard input; NODE1_KILL, the command that SIGKILLs node
 * 1's JVM. Optional: FAULT_ROWS (400000) in the killed export's day, FAULT_NODE2_START_SECONDS (300).
 */
public final class TwoNodesShareTheWork {
    private TwoNodesShareTheWork() {
    }

    public static void main(String[] args) throws Exception {
        String password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim();
        ServerUnderTest node1 = ServerUnderTest.of(args[0], password);
        ServerUnderTest node2 = ServerUnderTest.of(args[1], password);
        String jdbc = args[2];
        Path lake = Path.of(args[3]);
        String kill = Commands.required("NODE1_KILL");
        int rows = (int) Commands.number("FAULT_ROWS", 400_000);
        Duration takeoverLimit = Commands.seconds("FAULT_TAKEOVER_SECONDS", 180);
        LocalDate today = LocalDate.now(SystemTime.clock().withZone(ZoneOffset.UTC));
        List<String> violations = new ArrayList<>();

        long waitedFor = node2.awaitReady(Commands.seconds("FAULT_NODE2_START_SECONDS", 300));
        System.out.printf("node 2 answered %d s after it was started%n", waitedFor);

        // Either node: what one writes the other reads, and both serve the dashboard.
        LakeDays.Owner owner = LakeDays.owner(node1, "two-nodes");
        String agent = owner.agent();
        HttpResponse<String> read = node2.send(node2.request("/api/agents/" + agent).GET().build());
        if (read.statusCode() != 200 || !read.body().contains(agent)) {
            violations.add("node 2 does not read the agent node 1 wrote: " + read.statusCode() + " " + read.body());
        }
        for (ServerUnderTest node : List.of(node1, node2)) {
            HttpResponse<String> dashboard = node.send(node.request("/").GET().build());
            if (dashboard.statusCode() != 200 || !dashboard.body().contains("Tokyo-IA")) {
                violations.add(node.base() + "/ (the dashboard) answered " + dashboard.statusCode());
            }
        }

        // The same backfill asked of both nodes at once.
        LocalDate both = today.minusDays(5);
        LakeDays.write(jdbc, both, owner, 50_000, "two-nodes");
        List<HttpResponse<String>> answers = simultaneousBackfills(List.of(node1, node2), both);
        List<Long> started = new ArrayList<>();
        for (HttpResponse<String> answer : answers) {
            if (answer.statusCode() == 202) {
                started.add(LakeDays.executionId(answer));
            } else if (answer.statusCode() != 409) {
                violations.add("a simultaneous backfill answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        for (long execution : started) {
            LakeDays.awaitEnd(node2, execution, Duration.ofMinutes(5));
        }
        String versions = LakeDays.versions(jdbc, both);
        long bothRows = LakeDays.count(jdbc, both);
        if (started.isEmpty() || !versions.equals("1 VALIDATED " + bothRows) || LakeDays.dayFiles(lake, both).size() != 1) {
            violations.add("two simultaneous backfills of " + both + " (" + started.size() + " started) left versions [" + versions
                    + "] for " + bothRows + " rows and " + LakeDays.dayFiles(lake, both).size() + " lake files");
        }
        System.out.printf("simultaneous backfills of %s: answers %s; versions [%s]; lake files %d%n", both,
                answers.stream().map(HttpResponse::statusCode).toList(), versions, LakeDays.dayFiles(lake, both).size());

        // Node 1 killed while it writes version 1 of another day. The backfill covers that day and the
        // next in every table, both days with the large agent_tasks: both batch threads are busy
        // with an agent_tasks day at the kill, and the next day's later tables are still queued.
        LocalDate killed = today.minusDays(9);
        LocalDate queued = killed.plusDays(1);
        LakeDays.write(jdbc, killed, owner, rows, "two-nodes");
        LakeDays.write(jdbc, queued, owner, rows, "two-nodes");
        long expected = LakeDays.count(jdbc, killed);
        List<String> tables = ServerUnderTest.json(node1.send(node1.request("/api/etl/overview?days=1").GET().build()).body())
                .getJsonArray("tables").getValuesAs(JsonString::getString);
        long execution = LakeDays.executionId(LakeDays.backfillAllTables(node1, killed, queued));
        LakeDays.awaitStatus(jdbc, killed, "EXPORTING", Duration.ofMinutes(2));
        Thread.sleep(1000);
        Commands.run(kill);
        long killedAt = System.nanoTime();
        String atKill = LakeDays.manifest(jdbc, killed);
        if (atKill.startsWith("VALIDATED")) {
            violations.add("the kill came after the export was proven: seed more rows (FAULT_ROWS)");
        }
        Set<String> nodes = new LinkedHashSet<>();
        int node2Errors = 0;
        String status = atKill;
        long deadline = killedAt + takeoverLimit.toNanos();
        while (System.nanoTime() < deadline && !status.startsWith("VALIDATED")) {
            nodes.addAll(List.of(LakeDays.string(jdbc, "SELECT string_agg(DISTINCT node, ',') FROM batch_execution_lease "
                    + "WHERE job_name = 'daily-export'").split(",")));
            try {
                if (node2.send(node2.request("/api/etl/runs?limit=5").GET().build()).statusCode() != 200) {
                    node2Errors++;
                }
            } catch (IOException e) {
                node2Errors++;
            }
            Thread.sleep(500);
            status = LakeDays.manifest(jdbc, killed);
        }
        double takeover = (System.nanoTime() - killedAt) / 1e9;
        String restartQuery = "SELECT string_agg(jobexecutionid || ' ' || batchstatus, ', ') FROM job_execution "
                + "WHERE jobinstanceid = (SELECT jobinstanceid FROM job_execution WHERE jobexecutionid = ?) AND jobexecutionid > ?";
        // agent_tasks is proven; the restart may still be exporting the other tables' day.
        long restartDeadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!LakeDays.string(jdbc, restartQuery, execution, execution).matches(".*(COMPLETED|FAILED|STOPPED|ABANDONED).*")
                && System.nanoTime() < restartDeadline) {
            Thread.sleep(500);
        }
        String dead = LakeDays.string(jdbc, "SELECT batchstatus || ' ' || coalesce(exitstatus, '') FROM job_execution "
                + "WHERE jobexecutionid = ?", execution);
        String restart = LakeDays.string(jdbc, restartQuery, execution, execution);
        long tablesProven = Long.parseLong(LakeDays.string(jdbc, "SELECT count(*) FROM (SELECT 1 FROM export_manifest "
                + "WHERE day BETWEEN ? AND ? GROUP BY table_name, day HAVING count(*) = 1 AND bool_and(status = 'VALIDATED')) t",
                killed, queued));
        String audit = LakeDays.string(jdbc, "SELECT count(*) FROM audit_log WHERE entity_type = 'job-execution' "
                + "AND action = 'batch.restart' AND details ~ ?", "restarts execution " + execution + "([^0-9]|$)");
        String killedVersions = LakeDays.versions(jdbc, killed);
        List<Path> files = LakeDays.dayFiles(lake, killed);
        List<Path> staging = LakeDays.stagingFiles(lake);
        if (!status.startsWith("VALIDATED")) {
            violations.add("the day of the killed export is " + status + " " + Math.round(takeover) + " s after the kill");
        }
        if (!dead.startsWith("FAILED") || !restart.contains("COMPLETED") || !audit.equals("1")) {
            violations.add("the dead execution " + execution + " is " + dead + "; restarts [" + restart + "]; audited restarts " + audit);
        }
        if (!killedVersions.equals("1 VALIDATED " + expected) || files.size() != 1 || !staging.isEmpty()) {
            violations.add("after the takeover: versions [" + killedVersions + "] for " + expected + " rows, lake files " + files
                    + ", staging files " + staging);
        }
        if (tablesProven != 2L * tables.size()) {
            violations.add("after the takeover, " + tablesProven + " of the " + 2 * tables.size() + " (table, day)s of " + tables + " on "
                    + killed + " and " + queued + " are proven once: " + LakeDays.string(jdbc, "SELECT string_agg(table_name || ' ' || day "
                    + "|| ' v' || version || ' ' || status, ', ' ORDER BY day, table_name, version) FROM export_manifest "
                    + "WHERE day BETWEEN ? AND ?", killed, queued));
        }
        if (node2Errors > 0) {
            violations.add("node 2 failed " + node2Errors + " requests while node 1 was dead");
        }
        nodes.remove("null");
        System.out.printf("node 1 killed while %s of %s (%d rows) was %s; %s after %.1f s; dead execution %d: %s; restarts: %s; "
                + "audited restarts %s; leases seen: %s; versions [%s]; lake files %d; staging files %d; (table, day)s proven once %d of %d; "
                + "node 2 errors %d%n",
                LakeDays.TABLE, killed, expected, atKill, status, takeover, execution, dead, restart, audit, nodes, killedVersions,
                files.size(), staging.size(), tablesProven, 2 * tables.size(), node2Errors);
        // Both nodes deployed the same automatic timer: the store must hold it once, so 02:00 fires on one node.
        String nightly = LakeDays.string(jdbc, "SELECT count(*) FROM jboss_ejb_timer WHERE timed_object_id LIKE '%.NightlyExportTimer' "
                + "AND timer_state NOT IN ('CANCELED', 'EXPIRED')");
        if (!nightly.equals("1")) {
            violations.add(nightly + " nightly export timers in the shared timer store, not 1");
        }
        System.out.printf("nightly export timers in the shared store: %s%n", nightly);

        violations.forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println(violations.isEmpty() ? "PASS two-nodes" : "FAIL two-nodes (" + violations.size() + " violations)");
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    private static List<HttpResponse<String>> simultaneousBackfills(List<ServerUnderTest> nodes, LocalDate day) {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> sent = nodes.stream().map(node -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
                return LakeDays.backfill(node, day);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        go.countDown();
        return sent.stream().map(CompletableFuture::join).toList();
    }

}
