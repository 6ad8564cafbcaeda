package com.tokyoia.faults;

import com.tokyoia.platform.time.SystemTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A week of simulated nights on two nodes: each night both nodes are started on a clock a few
 * minutes before 02:00 UTC of the next day (libfaketime, the same offset for both), the nightly
 * export timer of their shared persistent timer store fires, and the night ends with both nodes
 * stopped. On one night the node that holds the export's lease is SIGKILLed mid-export and the
 * other finishes the work. The timer schedule is the production one, and no startup catch-up runs
 * (TOKYOIA_ETL_CATCH_UP_ON_START=false): what exports each day is the 02:00 timer alone.
 *
 * <p>What must hold (exit 1 otherwise), each night: the timer starts exactly one export (one
 * daily-export job instance, audited as started by the nightly timer), every table's day ends
 * with exactly one manifest version, VALIDATED, agent_tasks with PostgreSQL's row count and one
 * lake file; on the kill night, the dead execution is restarted once by the other node within
 * WEEK_TAKEOVER_SECONDS (180). At the end: every (table, day) of the week has exactly one version,
 * no staging file is left, and the shared store holds the nightly timer once.
 *
 * <p>Arguments: node 1's and node 2's base URLs, a JDBC URL of their database (a superuser), the
 * lake's root; the admin's password on standard input. Environment: WEEK_START_NODES (a command
 * given the clock offset in seconds; it starts both nodes and returns), WEEK_STOP_NODES,
 * WEEK_KILL_NODE1, WEEK_KILL_NODE2 (SIGKILL one node). Optional: WEEK_NIGHTS (7),
 * WEEK_LEAD_SECONDS (150: how long before 02:00 the nodes' clocks start), WEEK_ROWS (20000
 * agent_tasks rows a day), WEEK_KILL_NIGHT (4; 0 for none), WEEK_KILL_ROWS (400000).
 */
public final class SimulatedWeek {
    private static final String NODE2 = "tokyo-ia-node-2";

    private SimulatedWeek() {
    }

    public static void main(String[] args) throws Exception {
        String password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim();
        ServerUnderTest node1 = ServerUnderTest.of(args[0], password);
        ServerUnderTest node2 = ServerUnderTest.of(args[1], password);
        String jdbc = args[2];
        Path lake = Path.of(args[3]);
        String start = Commands.required("WEEK_START_NODES");
        String stop = Commands.required("WEEK_STOP_NODES");
        int nights = (int) Commands.number("WEEK_NIGHTS", 7);
        Duration lead = Commands.seconds("WEEK_LEAD_SECONDS", 150);
        int rows = (int) Commands.number("WEEK_ROWS", 20_000);
        int killNight = (int) Commands.number("WEEK_KILL_NIGHT", 4);
        int killRows = (int) Commands.number("WEEK_KILL_ROWS", 400_000);
        Duration takeoverLimit = Commands.seconds("WEEK_TAKEOVER_SECONDS", 180);
        List<String> violations = new ArrayList<>();

        // The week's days, written while the first node (started by ./tokyo-ia up, on the real clock) still runs.
        LocalDate first = LocalDate.now(SystemTime.clock().withZone(ZoneOffset.UTC));
        LakeDays.Owner owner = LakeDays.owner(node1, "simulated-week");
        for (int night = 1; night <= nights; night++) {
            LakeDays.write(jdbc, first.plusDays(night - 1), owner, night == killNight ? killRows : rows, "simulated-week");
        }
        Commands.run(stop);

        Set<String> tables = new LinkedHashSet<>();
        for (int night = 1; night <= nights; night++) {
            LocalDate day = first.plusDays(night - 1);
            Instant twoAm = day.plusDays(1).atTime(LocalTime.of(2, 0)).toInstant(ZoneOffset.UTC);
            long offset = Duration.between(SystemTime.clock().instant(), twoAm.minus(lead)).toSeconds();
            long instancesBefore = count(jdbc, "SELECT count(*) FROM job_instance WHERE jobname = 'daily-export'");
            long executionsBefore = exportExecutions(jdbc);
            long nightlyBefore = count(jdbc, "SELECT count(*) FROM audit_log WHERE action = 'batch.start' "
                    + "AND actor = 'export timer (nightly)'");
            Commands.run(start, String.valueOf(offset));
            try {
                node1.awaitReady(Duration.ofMinutes(5));
                node2.awaitReady(Duration.ofMinutes(5));
            } catch (IllegalStateException e) {
                // A node whose deployment failed answers nothing: the week ends here (its logs say why).
                violations.add("night " + night + ": " + e.getMessage());
                Commands.run(stop);
                nights = night - 1;
                break;
            }
            // Not a violation: a node that comes up late still shares the night; but then only one node raced for the timer.
            long readyBefore = Duration.between(fakeNow(offset), twoAm).toSeconds();
            String ready = readyBefore >= 0 ? "both nodes answered " + readyBefore + " s before 02:00"
                    : "a node answered only " + (-readyBefore) + " s after 02:00 (raise WEEK_LEAD_SECONDS)";

            Set<String> leaseNodes = new LinkedHashSet<>();
            String killed = "";
            if (night == killNight) {
                awaitStatus(jdbc, day, "EXPORTING", twoAm.plus(Duration.ofMinutes(3)), offset, leaseNodes);
                Thread.sleep(1000);
                String holder = exportLeaseNode(jdbc);
                if (holder == null) {
                    violations.add("night " + night + ": the export of " + day + " holds no lease while it runs");
                } else {
                    boolean second = holder.startsWith(NODE2);
                    Commands.run(Commands.required(second ? "WEEK_KILL_NODE2" : "WEEK_KILL_NODE1"));
                    killed = second ? "node 2" : "node 1";
                    leaseNodes.add(holder);
                }
            }
            long killedAt = System.nanoTime();
            Instant limit = killed.isEmpty() ? twoAm.plus(Duration.ofMinutes(5)) : fakeNow(offset).plus(takeoverLimit);
            awaitExportEnd(jdbc, executionsBefore, !killed.isEmpty(), limit, offset, leaseNodes);
            Duration provenAfter = Duration.between(twoAm, fakeNow(offset));
            double takeover = (System.nanoTime() - killedAt) / 1e9;
            // Long enough for a second firing of the same timer, had one node missed the other's, to start a second export.
            Thread.sleep(15_000);
            Map<String, String> versions = versionsOf(jdbc, day);

            long instances = count(jdbc, "SELECT count(*) FROM job_instance WHERE jobname = 'daily-export'") - instancesBefore;
            long executions = exportExecutions(jdbc) - executionsBefore;
            long nightly = count(jdbc, "SELECT count(*) FROM audit_log WHERE action = 'batch.start' AND actor = 'export timer (nightly)'")
                    - nightlyBefore;
            long expected = LakeDays.count(jdbc, day);
            int files = LakeDays.dayFiles(lake, day).size();
            if (night == 1) {
                tables.addAll(versions.keySet());
            }
            List<String> wrong = new ArrayList<>();
            for (String table : tables) {
                String v = versions.getOrDefault(table, "none");
                boolean right = table.equals(LakeDays.TABLE) ? v.equals("1 VALIDATED " + expected) : v.matches("1 VALIDATED \\d+");
                if (!right) {
                    wrong.add(table + " [" + v + "]");
                }
            }
            if (!versions.containsKey(LakeDays.TABLE) || !wrong.isEmpty() || files != 1) {
                violations.add("night " + night + " (" + day + "): versions " + wrong + " of " + versions.size()
                        + " tables; agent_tasks " + expected + " rows, " + files + " lake files");
            }
            long expectedExecutions = killed.isEmpty() ? 1 : 2;
            if (instances != 1 || nightly != 1 || executions != expectedExecutions) {
                violations.add("night " + night + ": " + instances + " export job instances, " + nightly + " started by the nightly timer, "
                        + executions + " executions (expected 1, 1, " + expectedExecutions + ")");
            }
            if (!killed.isEmpty() && takeover > takeoverLimit.toSeconds()) {
                violations.add("night " + night + ": the export killed with " + killed + " was proven only after " + takeover + " s");
            }
            leaseNodes.removeIf(n -> n == null || n.equals("null"));
            System.out.println("night %d (%s): %s; tables %d, agent_tasks %d rows, proven %d s after 02:00; lease held by %s%s".formatted(night,
                    day, ready, versions.size(), expected, provenAfter.toSeconds(), leaseNodes.stream().map(SimulatedWeek::nodeOf).distinct().toList(),
                    killed.isEmpty() ? "" : "; " + killed + " SIGKILLed mid-export, the other finished it %.1f s later".formatted(takeover)));
            Commands.run(stop);
        }

        long duplicated = count(jdbc, "SELECT count(*) FROM (SELECT 1 FROM export_manifest WHERE day BETWEEN ? AND ? "
                + "GROUP BY table_name, day HAVING count(*) <> 1) d", first, first.plusDays(nights - 1));
        long tableDays = count(jdbc, "SELECT count(DISTINCT (table_name, day)) FROM export_manifest WHERE day BETWEEN ? AND ? "
                + "AND status = 'VALIDATED'", first, first.plusDays(nights - 1));
        List<Path> staging = LakeDays.stagingFiles(lake);
        String timers = LakeDays.string(jdbc, "SELECT count(*) FROM jboss_ejb_timer WHERE timed_object_id LIKE '%.NightlyExportTimer' "
                + "AND timer_state NOT IN ('CANCELED', 'EXPIRED')");
        if (duplicated != 0 || tableDays != (long) tables.size() * nights || !staging.isEmpty() || !timers.equals("1")) {
            violations.add("over the week: " + duplicated + " table-days with other than one version, " + tableDays + " validated of "
                    + tables.size() * nights + ", staging files " + staging + ", nightly timers in the store " + timers);
        }
        System.out.printf("the week (%s to %s): %d table-days validated of %d, %d with other than one version; staging files %d; "
                + "nightly timers in the shared store %s%n", first, first.plusDays(nights - 1), tableDays, tables.size() * nights,
                duplicated, staging.size(), timers);
        violations.forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println(violations.isEmpty() ? "PASS simulated-week" : "FAIL simulated-week (" + violations.size() + " violations)");
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    /** The nodes' clock: the machine's, moved by the offset they were started with. */
    private static Instant fakeNow(long offsetSeconds) {
        return SystemTime.clock().instant().plusSeconds(offsetSeconds);
    }

    private static String nodeOf(String leaseHolder) {
        return leaseHolder.startsWith(NODE2) ? "node 2" : "node 1";
    }

    private static void awaitStatus(String jdbc, LocalDate day, String status, Instant limit, long offset, Set<String> leaseNodes)
            throws Exception {
        while (!LakeDays.manifest(jdbc, day).startsWith(status)) {
            if (fakeNow(offset).isAfter(limit)) {
                throw new IllegalStateException(day + " never became " + status + " by " + limit + "; it is " + LakeDays.manifest(jdbc, day));
            }
            leaseNodes.add(exportLeaseNode(jdbc));
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the night's export has ended: a new execution, the newest one ended (COMPLETED
     * where a restart is expected, since the dead execution is first marked FAILED, then restarted).
     */
    private static void awaitExportEnd(String jdbc, long executionsBefore, boolean mustComplete, Instant limit, long offset,
            Set<String> leaseNodes) throws Exception {
        while (!fakeNow(offset).isAfter(limit)) {
            leaseNodes.add(exportLeaseNode(jdbc));
            String newest = LakeDays.string(jdbc, "SELECT e.batchstatus FROM job_execution e JOIN job_instance i "
                    + "ON i.jobinstanceid = e.jobinstanceid WHERE i.jobname = 'daily-export' ORDER BY e.jobexecutionid DESC LIMIT 1");
            boolean ended = mustComplete ? newest.equals("COMPLETED") : newest.matches("COMPLETED|FAILED|STOPPED|ABANDONED");
            if (exportExecutions(jdbc) > executionsBefore && ended) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** Every table's versions of the day: "version status rows", comma-separated. */
    private static Map<String, String> versionsOf(String jdbc, LocalDate day) throws SQLException {
        Map<String, String> versions = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc); PreparedStatement ps = c.prepareStatement("""
                SELECT table_name, string_agg(version || ' ' || status || ' ' || coalesce(row_count::text, '-'), ', ' ORDER BY version)
                FROM export_manifest WHERE day = ? GROUP BY table_name ORDER BY table_name""")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return versions;
    }

    private static String exportLeaseNode(String jdbc) throws SQLException {
        // Running executions only: a recovered execution's lease row stays with the node that claimed it.
        String node = LakeDays.string(jdbc, "SELECT l.node FROM batch_execution_lease l JOIN job_execution e ON e.jobexecutionid = "
                + "l.execution_id WHERE l.job_name = 'daily-export' AND e.batchstatus IN ('STARTING', 'STARTED') "
                + "ORDER BY l.acquired_at DESC LIMIT 1");
        return node.equals("(none)") ? null : node;
    }

    private static long exportExecutions(String jdbc) throws SQLException {
        return count(jdbc, "SELECT count(*) FROM job_execution e JOIN job_instance i ON i.jobinstanceid = e.jobinstanceid "
                + "WHERE i.jobname = 'daily-export'");
    }

    private static long count(String jdbc, String sql, Object... params) throws SQLException {
        return Long.parseLong(LakeDays.string(jdbc, sql, params));
    }
}
