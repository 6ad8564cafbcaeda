package com.tokyoia.faults;

import com.tokyoia.platform.time.SystemTime;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL stopped (fast shutdown) while a day of agent_tasks is being exported, and started
 * again 8 s later.
 *
 * <p>What must hold (exit 1 otherwise): the export either rides the outage out or fails and is
 * finished by what the platform does next (its lease recovery, or one more backfill, as the next
 * nightly run would send); at the end the day has exactly one manifest version, VALIDATED with
 * PostgreSQL's row count, one file in the lake and no staging file, and no execution of the job is
 * left running; PostgreSQL's rows of the day are unchanged; the API answers again without a restart.
 *
 * <p>Arguments: the server's base URL, a JDBC URL of its database (a superuser), the lake's root;
 * the admin's password on standard input; PG_CTL, the command that stops and starts PostgreSQL.
 * Optional: FAULT_ROWS (400000), FAULT_DOWN_SECONDS (8), FAULT_EXPORT_DAYS_BACK (7).
 */
public final class PostgresRestartDuringExport {
    private PostgresRestartDuringExport() {
    }

    public static void main(String[] args) throws Exception {
        ServerUnderTest server = ServerUnderTest.of(args[0], new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim());
        String jdbc = args[1];
        Path lake = Path.of(args[2]);
        String pgCtl = Commands.required("PG_CTL");
        int rows = (int) Commands.number("FAULT_ROWS", 400_000);
        Duration down = Commands.seconds("FAULT_DOWN_SECONDS", 8);
        LocalDate day = LocalDate.now(SystemTime.clock().withZone(ZoneOffset.UTC)).minusDays((long) Commands.number("FAULT_EXPORT_DAYS_BACK", 7));
        List<String> violations = new ArrayList<>();

        LakeDays.Owner owner = LakeDays.owner(server, "fault-pg-export");
        LakeDays.write(jdbc, day, owner, rows, "pg-restart");
        long before = LakeDays.count(jdbc, day);

        long execution = LakeDays.executionId(LakeDays.backfill(server, day));
        LakeDays.awaitStatus(jdbc, day, "EXPORTING", Duration.ofMinutes(2));
        Thread.sleep(1000);
        Commands.run(pgCtl, "stop", "-m", "fast");
        long stoppedAt = System.nanoTime();
        Thread.sleep(down.toMillis());
        Commands.run(pgCtl, "start");
        long startedAt = System.nanoTime();

        JsonObject first = LakeDays.awaitEnd(server, execution, Duration.ofMinutes(4));
        String firstOutcome = first.getString("status");
        String path = "the export " + firstOutcome;
        String status = LakeDays.manifest(jdbc, day);
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        boolean backfilled = false;
        long idleSince = System.nanoTime();
        while (!status.startsWith("VALIDATED") && System.nanoTime() < deadline) {
            if (running(jdbc) != 0) {
                idleSince = System.nanoTime();
            }
            // Nothing running for longer than a lease (15 s) and its renewal: the recovery is not going to restart it.
            if (!backfilled && System.nanoTime() - idleSince > Duration.ofSeconds(25).toNanos()) {
                // What the next nightly run (or an operator) does with a FAILED day: export it again.
                LakeDays.awaitEnd(server, LakeDays.executionId(LakeDays.backfill(server, day)), Duration.ofMinutes(4));
                backfilled = true;
                path += ", then one more backfill";
            }
            Thread.sleep(500);
            status = LakeDays.manifest(jdbc, day);
        }
        double recovered = (System.nanoTime() - startedAt) / 1e9;
        String versions = LakeDays.versions(jdbc, day);
        List<Path> files = LakeDays.dayFiles(lake, day);
        List<Path> staging = LakeDays.stagingFiles(lake);
        long after = LakeDays.count(jdbc, day);
        long stillRunning = running(jdbc);
        String executions = LakeDays.string(jdbc, "SELECT string_agg(jobexecutionid || ' ' || batchstatus || coalesce(' (' || exitstatus "
                + "|| ')', ''), '; ' ORDER BY jobexecutionid) FROM job_execution WHERE jobinstanceid = (SELECT jobinstanceid "
                + "FROM job_execution WHERE jobexecutionid = ?) OR jobexecutionid > ?", execution, execution);
        int api = server.send(server.request("/api/etl/runs?limit=5").GET().build()).statusCode();

        if (!versions.equals("1 VALIDATED " + before) || files.size() != 1 || !staging.isEmpty()) {
            violations.add("the day ended with versions [" + versions + "] for " + before + " rows, lake files " + files
                    + ", staging files " + staging);
        }
        if (stillRunning != 0) {
            violations.add(stillRunning + " executions still running at the end");
        }
        if (after != before) {
            violations.add("PostgreSQL's rows of the day changed: " + before + " -> " + after);
        }
        if (api != 200) {
            violations.add("the API answered " + api + " after the restart");
        }
        System.out.printf("day %s: %d rows of %s; PostgreSQL down %.1f s from %s%n", day, before, LakeDays.TABLE,
                (startedAt - stoppedAt) / 1e9, "1 s into the export");
        System.out.printf("%s; day %s %.1f s after PostgreSQL was back; executions: %s; versions [%s]; lake files %d; "
                + "staging files %d; executions still running %d%n", path, status, recovered, executions, versions, files.size(),
                staging.size(), stillRunning);
        violations.forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println(violations.isEmpty() ? "PASS postgresql-restart-during-export"
                : "FAIL postgresql-restart-during-export (" + violations.size() + " violations)");
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    private static long running(String jdbc) throws Exception {
        return Long.parseLong(LakeDays.string(jdbc, "SELECT count(*) FROM job_execution WHERE batchstatus IN ('STARTING', 'STARTED', "
                + "'STOPPING')"));
    }
}
