package com.tokyoia.analytics.application;

import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits [from, to) by day: days inside the hot window (today - hotWindowDays and later) go to
 * PostgreSQL; older days go to the lake if the manifest proves their copy, are refused if their copy
 * is archived, and are reported missing otherwise.
 */
public record DayRouter(Manifest manifest, int hotWindowDays) {

    public DayPlan plan(LakeTable table, LocalDate from, LocalDate to, LocalDate today) throws SQLException {
        LocalDate hotStart = today.minusDays(hotWindowDays);
        Map<LocalDate, ManifestEntry> exported = new HashMap<>();
        if (from.isBefore(hotStart)) {
            LocalDate lastCold = (to.isBefore(hotStart) ? to : hotStart).minusDays(1);
            for (ManifestEntry row : manifest.latestVersions(table.name(), from, lastCold)) {
                exported.put(row.day(), row);
            }
        }
        List<LocalDate> hot = new ArrayList<>();
        List<DayPlan.ColdDay> cold = new ArrayList<>();
        List<LocalDate> missing = new ArrayList<>();
        List<LocalDate> archived = new ArrayList<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            if (!day.isBefore(hotStart)) {
                hot.add(day);
                continue;
            }
            ManifestEntry row = exported.get(day);
            if (row == null) {
                missing.add(day);
            } else if (row.status() == ManifestStatus.ARCHIVED || "DEEP_ARCHIVE".equals(row.storageClass())
                    || "GLACIER".equals(row.storageClass())) {
                archived.add(day);
            } else if (row.isProven()) {
                cold.add(new DayPlan.ColdDay(day, row.version(), row.objectKey(), row.columnSizes(), row.bytes()));
            } else {
                missing.add(day);
            }
        }
        return new DayPlan(hot, cold, missing, archived);
    }
}
