package com.tokyoia.faults;

import com.tokyoia.platform.time.SystemTime;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ETL's work directory is full (a small tmpfs) when a day of agent_tasks is exported, then
 * gets room and the day is exported again.
 *
 * <p>What must hold (exit 1 otherwise): the export job ends FAILED and the manifest marks the day
 * FAILED for want of space; the lake holds no object (nor staging file) of the day; the work
 * directory is empty again (the space is freed); PostgreSQL's rows of the day are unchanged. Once the directory has
 * room, the same backfill COMPLETES and the manifest marks the day VALIDATED.
 *
 * <p>Arguments: the server's base URL, a JDBC URL of its database (a superuser: rows are written
 * straight into a past day), the lake's root and the work directory; the admin's password on
 * standard input; FAULT_ENLARGE, the command that gives the work directory room. Optional:
 * FAULT_ROWS (200000) written into the day, FAULT_DAYS_BACK (3).
 */
public final class DiskFullDuringExport {
    private static final String TABLE = "agent_tasks";

    private DiskFullDuringExport() {
    }

    public static void main(String[] args) throws Exception {
        ServerUnderTest server = ServerUnderTest.of(args[0], new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim());
        String jdbc = args[1];
        Path lake = Path.of(args[2]);
        Path work = Path.of(args[3]);
        String enlarge = Commands.required("FAULT_ENLARGE");
        int rows = (int) Commands.number("FAULT_ROWS", 200_000);
        LocalDate day = LocalDate.now(SystemTime.clock().withZone(ZoneOffset.UTC)).minusDays((long) Commands.number("FAULT_DAYS_BACK", 3));

        String agent = server.newAgent("fault-disk");
        String workflow = ServerUnderTest.json(server.send(server.post("/api/workflows",
                "{\"name\":\"disk-full\",\"agentId\":\"" + agent + "\"}", null)).body()).getString("id");
        writeDay(jdbc, day, workflow, agent, rows);
        long before = count(jdbc, day);
        List<String> violations = new ArrayList<>();

        JsonObject full = export(server, day);
        String fullStatus = full.getString("status");
        if (!"FAILED".equals(fullStatus)) {
            violations.add("with the work directory full the export ended " + fullStatus + ", not FAILED");
        }
        List<Path> dayObjects = dayFiles(lake, day);
        if (!dayObjects.isEmpty()) {
            violations.add("the lake holds files of the failed day: " + dayObjects);
        }
        List<Path> staging = files(lake).stream().filter(p -> p.getFileName().toString().contains("staging")).toList();
        if (!staging.isEmpty()) {
            violations.add("staging files left in the lake: " + staging);
        }
        String failedManifest = manifest(jdbc, day);
        if (!failedManifest.startsWith("FAILED") || !failedManifest.contains("No space left on device")) {
            violations.add("the manifest should mark the day FAILED for want of space; it says " + failedManifest);
        }
        List<Path> leftInWork = files(work);
        long usable = Files.getFileStore(work).getUsableSpace();
        long total = Files.getFileStore(work).getTotalSpace();
        if (!leftInWork.isEmpty() || usable < total * 9 / 10) {
            violations.add("the work directory was not freed: " + leftInWork + ", " + usable + " of " + total + " bytes usable");
        }
        if (count(jdbc, day) != before) {
            violations.add("PostgreSQL's rows of the day changed: " + before + " -> " + count(jdbc, day));
        }

        Commands.run(enlarge);
        JsonObject roomy = export(server, day);
        String roomyStatus = roomy.getString("status");
        String provenManifest = manifest(jdbc, day);
        if (!"COMPLETED".equals(roomyStatus) || !"VALIDATED".equals(provenManifest)) {
            violations.add("with room again the export ended " + roomyStatus + " and the manifest says " + provenManifest);
        }
        if (dayFiles(lake, day).isEmpty()) {
            violations.add("with room again the lake still holds no file of the day");
        }

        System.out.printf("day %s: %d rows of %s in PostgreSQL%n", day, before, TABLE);
        System.out.printf("work directory full (%d bytes): job %s; manifest %s; lake files of the day %d, staging files %d; files left "
                + "in the work directory %d (%d bytes usable); rows afterwards %d%n", total, fullStatus, failedManifest, dayObjects.size(),
                staging.size(), leftInWork.size(), usable, count(jdbc, day));
        System.out.printf("with room again: job %s, %d rows, manifest %s, lake files of the day %d%n", roomyStatus,
                roomy.getJsonNumber("rows").longValue(), provenManifest, dayFiles(lake, day).size());
        violations.forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println(violations.isEmpty() ? "PASS disk-full-during-export" : "FAIL disk-full-during-export (" + violations.size()
                + " violations)");
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    /** High-entropy rows (random ids, times over the whole day, two md5s of text each) straight into the day's partition. */
    private static void writeDay(String jdbc, LocalDate day, String workflow, String agent, int rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc)) {
            try (PreparedStatement ensure = c.prepareStatement("SELECT tokyoia_ensure_day_partition(?, ?)")) {
                ensure.setString(1, TABLE);
                ensure.setObject(2, day);
                ensure.executeQuery().close();
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, completed_at, tokens_input,
                                             cost_usd, latency_ms, error_message, updated_at)
                    SELECT gen_random_uuid(), ?::uuid, ?::uuid, 'disk-full', 'COMPLETED', t, t, (random() * 10000)::int,
                           round((random() * 5)::numeric, 6), (random() * 100000)::int, md5(random()::text) || md5(random()::text), t
                    FROM (SELECT (?::date)::timestamp AT TIME ZONE 'UTC' + random() * interval '86399 seconds' AS t
                          FROM generate_series(1, ?)) g""")) {
                insert.setString(1, workflow);
                insert.setString(2, agent);
                insert.setObject(3, day);
                insert.setInt(4, rows);
                insert.executeUpdate();
            }
        }
    }

    private static JsonObject export(ServerUnderTest server, LocalDate day) throws Exception {
        var started = server.send(server.post("/api/etl/backfill",
                "{\"from\":\"" + day + "\",\"to\":\"" + day + "\",\"tables\":\"" + TABLE + "\"}", null));
        if (started.statusCode() != 202) {
            throw new IllegalStateException("the backfill was refused: " + started.statusCode() + " " + started.body());
        }
        long execution = ServerUnderTest.json(started.body()).getJsonNumber("executionId").longValue();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject run = ServerUnderTest.json(server.send(server.request("/api/etl/runs/" + execution).GET().build()).body());
            String status = run.getString("status");
            if (!status.equals("STARTING") && !status.equals("STARTED") && !status.equals("STOPPING")) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("export " + execution + " still runs after 5 minutes");
    }

    private static String manifest(String jdbc, LocalDate day) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc);
             PreparedStatement ps = c.prepareStatement("SELECT status || coalesce(': ' || error_message, '') FROM export_manifest "
                     + "WHERE table_name = ? AND day = ? ORDER BY version DESC LIMIT 1")) {
            ps.setString(1, TABLE);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(none)";
            }
        }
    }

    private static long count(String jdbc, LocalDate day) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM agent_tasks WHERE created_at >= (?::date)::timestamp AT TIME ZONE "
                     + "'UTC' AND created_at < ((?::date) + 1)::timestamp AT TIME ZONE 'UTC'")) {
            ps.setObject(1, day);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The lake's files of this table and day (its year=/month=/day= folders). */
    private static List<Path> dayFiles(Path lake, LocalDate day) {
        String folder = "year=%04d/month=%02d/day=%02d".formatted(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
        return files(lake).stream().filter(p -> p.toString().contains("/" + TABLE + "/") && p.toString().contains(folder)).toList();
    }

    private static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
