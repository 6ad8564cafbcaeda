package com.tokyoia.analytics.application;

import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.LakeReach;
import com.tokyoia.analytics.application.port.ManifestView;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits [from, to) by day: days inside the hot window (today - hotWindowDays and later) go to
 * PostgreSQL unless retention purged them there; every other day goes to the lake when the manifest
 * has a current (proven) version, is refused when engines cannot read that copy (archived without a
 * restored copy, or missing from the store) or kept where the configured engine does not read
 * ({@link LakeReach}), and is reported missing otherwise. A day whose stored copy a check found
 * damaged is refused too, whatever engine would read it: its bytes are no longer the proven ones.
 * A newer version still being written never hides the current one.
 */
public record DayRouter(ManifestView manifest, int hotWindowDays, LakeReach reach) {

    /** A router that reads the manifest for every plan. */
    public DayRouter(Manifest manifest, int hotWindowDays, LakeReach reach) {
        this(manifest::currentVersions, hotWindowDays, reach);
    }

    /** A router that trusts every copy to be where the engine reads. */
    public DayRouter(Manifest manifest, int hotWindowDays) {
        this(manifest, hotWindowDays, LakeReach.ANY);
    }

    public DayPlan plan(LakeTable table, LocalDate from, LocalDate to, LocalDate today) throws SQLException {
        return plan(table, from, to, today.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** {@code now} decides today and whether a restored copy of an archived object is still there. */
    public DayPlan plan(LakeTable table, LocalDate from, LocalDate to, Instant now) throws SQLException {
        LocalDate hotStart = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(hotWindowDays);
        Map<LocalDate, ManifestEntry> current = new HashMap<>();
        for (ManifestEntry row : manifest.currentVersions(table.name(), from, to.minusDays(1))) {
            current.put(row.day(), row);
        }
        List<LocalDate> hot = new ArrayList<>();
        List<DayPlan.ColdDay> cold = new ArrayList<>();
        List<LocalDate> missing = new ArrayList<>();
        List<LocalDate> archived = new ArrayList<>();
        List<DayPlan.UnreachableDay> unreachable = new ArrayList<>();
        List<DayPlan.DamagedDay> damaged = new ArrayList<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            ManifestEntry row = current.get(day);
            boolean purged = row != null && row.status() == ManifestStatus.PURGED;
            if (!day.isBefore(hotStart) && !purged) {
                hot.add(day);
            } else if (row == null) {
                missing.add(day);
            } else if (!row.trusted()) {
                damaged.add(new DayPlan.DamagedDay(day, row.version(), row.damage()));
            } else if (!row.readableAt(now)) {
                archived.add(day);
            } else {
                Optional<String> elsewhere = reach.whyNot(row);
                if (elsewhere.isPresent()) {
                    unreachable.add(new DayPlan.UnreachableDay(day, elsewhere.get()));
                } else {
                    cold.add(new DayPlan.ColdDay(day, row.version(), row.objectKey(), row.columnSizes(), row.bytes(), row.sha256()));
                }
            }
        }
        return new DayPlan(hot, cold, missing, archived, unreachable, damaged);
    }
}
