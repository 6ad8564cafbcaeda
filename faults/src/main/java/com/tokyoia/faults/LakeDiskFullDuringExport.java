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
 * The lake's own disk is full where a day of agent_tasks is being put (a tiny tmpfs mounted on the
 * day's folder of the local lake), then the disk has room and the day is exported again. The
 * work directory has room throughout: the export gets as far as the store.
 *
 * <p>What must hold (exit 1 otherwise): the export job ends FAILED and the manifest marks the day
 * FAILED for want of space; the lake holds no object (nor staging file) of the day; PostgreSQL's
 * rows of the day are unchanged. Once the disk has room, the same backfill COMPLETES, the manifest
 * marks the day VALIDATED, and the lake holds one file of the day.
 *
 * <p>Arguments: the server's base URL, a JDBC URL of its database (a superuser: rows are written
 * straight into a past day), the lake's root; the admin's password on standard input;
 * FAULT_FILL_LAKE, the command that makes the folder given as its last argument a full disk, and
 * FAULT_EMPTY_LAKE, the one that gives it back. Optional: FAULT_ROWS (200000), FAULT_DAYS_BACK (6).
 */
public final class LakeDiskFullDuringExport {
    private LakeDiskFullDuringExport() {
    }

    public static void main(String[] args) throws Exception {
        ServerUnderTest server = ServerUnderTest.of(args[0], new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim());
        String jdbc = args[1];
        Path lake = Path.of(args[2]);
        String fill = Commands.required("FAULT_FILL_LAKE");
        String empty = Commands.required("FAULT_EMPTY_LAKE");
        int rows = (int) Commands.number("FAULT_ROWS", 200_000);
        LocalDate day = LocalDate.now(SystemTime.clock().withZone(ZoneOffset.UTC)).minusDays((long) Commands.number("FAULT_DAYS_BACK", 6));
        Path dayFolder = LakeDays.dayFolder(lake, day);

        LakeDays.Owner owner = LakeDays.owner(server, "fault-lake-disk");
        LakeDays.write(jdbc, day, owner, rows, "lake-disk-full");
        long before = LakeDays.count(jdbc, day);
        List<String> violations = new ArrayList<>();

        Files.createDirectories(dayFolder);
        Commands.run(fill, "'" + dayFolder + "'");
        JsonObject full;
        List<Path> dayObjects;
        List<Path> staging;
        try {
            full = LakeDays.export(server, day);
            dayObjects = LakeDays.dayFiles(lake, day);
            staging = LakeDays.stagingFiles(lake);
        } finally {
            Commands.run(empty, "'" + dayFolder + "'");
        }
        String fullStatus = full.getString("status");
        if (!"FAILED".equals(fullStatus)) {
            violations.add("with the lake's disk full the export ended " + fullStatus + ", not FAILED");
        }
        if (!dayObjects.isEmpty()) {
            violations.add("the lake held files of the failed day: " + dayObjects);
        }
        if (!staging.isEmpty()) {
            violations.add("staging files were left in the lake: " + staging);
        }
        String failedManifest = LakeDays.manifest(jdbc, day);
        if (!failedManifest.startsWith("FAILED") || !failedManifest.contains("No space left on device")) {
            violations.add("the manifest should mark the day FAILED for want of space; it says " + failedManifest);
        }
        if (LakeDays.count(jdbc, day) != before) {
            violations.add("PostgreSQL's rows of the day changed: " + before + " -> " + LakeDays.count(jdbc, day));
        }

        JsonObject roomy = LakeDays.export(server, day);
        String roomyStatus = roomy.getString("status");
        String provenManifest = LakeDays.manifest(jdbc, day);
        if (!"COMPLETED".equals(roomyStatus) || !"VALIDATED".equals(provenManifest)) {
            violations.add("with room again the export ended " + roomyStatus + " and the manifest says " + provenManifest);
        }
        if (LakeDays.dayFiles(lake, day).size() != 1) {
            violations.add("with room again the lake holds " + LakeDays.dayFiles(lake, day) + ", not one file of the day");
        }

        System.out.printf("day %s: %d rows of %s in PostgreSQL; its lake folder on a full disk%n", day, before, LakeDays.TABLE);
        System.out.printf("lake's disk full: job %s; manifest %s; lake files of the day %d, staging files %d; rows afterwards %d%n",
                fullStatus, failedManifest, dayObjects.size(), staging.size(), LakeDays.count(jdbc, day));
        System.out.printf("with room again: job %s, %d rows, manifest %s, lake files of the day %d%n", roomyStatus,
                roomy.getJsonNumber("rows").longValue(), provenManifest, LakeDays.dayFiles(lake, day).size());
        violations.forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println(violations.isEmpty() ? "PASS lake-disk-full-during-export" : "FAIL lake-disk-full-during-export ("
                + violations.size() + " violations)");
        System.exit(violations.isEmpty() ? 0 : 1);
    }
}
