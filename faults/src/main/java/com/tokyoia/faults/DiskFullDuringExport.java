package com.tokyoia.faults;

import com.tokyoia.platform.time.SystemTime;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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
    private static final String TABLE = LakeDays.TABLE;

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

        LakeDays.Owner owner = LakeDays.owner(server, "fault-disk");
        LakeDays.write(jdbc, day, owner, rows, "disk-full");
        long before = LakeDays.count(jdbc, day);
        List<String> violations = new ArrayList<>();

        JsonObject full = LakeDays.export(server, day);
        String fullStatus = full.getString("status");
        if (!"FAILED".equals(fullStatus)) {
            violations.add("with the work directory full the export ended " + fullStatus + ", not FAILED");
        }
        List<Path> dayObjects = LakeDays.dayFiles(lake, day);
        if (!dayObjects.isEmpty()) {
            violations.add("the lake holds files of the failed day: " + dayObjects);
        }
        List<Path> staging = LakeDays.stagingFiles(lake);
        if (!staging.isEmpty()) {
            violations.add("staging files left in the lake: " + staging);
        }
        String failedManifest = LakeDays.manifest(jdbc, day);
        if (!failedManifest.startsWith("FAILED") || !failedManifest.contains("No space left on device")) {
            violations.add("the manifest should mark the day FAILED for want of space; it says " + failedManifest);
        }
        List<Path> leftInWork = LakeDays.files(work);
        long usable = Files.getFileStore(work).getUsableSpace();
        long total = Files.getFileStore(work).getTotalSpace();
        if (!leftInWork.isEmpty() || usable < total * 9 / 10) {
            violations.add("the work directory was not freed: " + leftInWork + ", " + usable + " of " + total + " bytes usable");
        }
        if (LakeDays.count(jdbc, day) != before) {
            violations.add("PostgreSQL's rows of the day changed: " + before + " -> " + LakeDays.count(jdbc, day));
        }

        Commands.run(enlarge);
        JsonObject roomy = LakeDays.export(server, day);
        String roomyStatus = roomy.getString("status");
        String provenManifest = LakeDays.manifest(jdbc, day);
        if (!"COMPLETED".equals(roomyStatus) || !"VALIDATED".equals(provenManifest)) {
            violations.add("with room again the export ended " + roomyStatus + " and the manifest says " + provenManifest);
        }
        if (LakeDays.dayFiles(lake, day).isEmpty()) {
            violations.add("with room again the lake still holds no file of the day");
        }

        System.out.printf("day %s: %d rows of %s in PostgreSQL%n", day, before, TABLE);
        System.out.printf("work directory full (%d bytes): job %s; manifest %s; lake files of the day %d, staging files %d; files left "
                + "in the work directory %d (%d bytes usable); rows afterwards %d%n", total, fullStatus, failedManifest, dayObjects.size(),
                staging.size(), leftInWork.size(), usable, LakeDays.count(jdbc, day));
        System.out.printf("with room again: job %s, %d rows, manifest %s, lake files of the day %d%n", roomyStatus,
                roomy.getJsonNumber("rows").longValue(), provenManifest, LakeDays.dayFiles(lake, day).size());
        violations.forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println(violations.isEmpty() ? "PASS disk-full-during-export" : "FAIL disk-full-during-export (" + violations.size()
                + " violations)");
        System.exit(violations.isEmpty() ? 0 : 1);
    }
}
