package com.tokyoia.etl.application;

import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Which days the nightly run must export: every day since the last proven one of each table up to
 * yesterday (so days missed while the server was down, or whose export failed, are caught up), at
 * least yesterday, at most {@code maxDays} back.
 */
public record CatchUpPlanner(Manifest manifest, int maxDays) {
    /** The first day to export; the range ends yesterday. Empty when everything is proven. */
    public Optional<LocalDate> firstMissingDay(List<LakeTable> tables, LocalDate today) throws SQLException {
        LocalDate yesterday = today.minusDays(1);
        LocalDate earliestAllowed = today.minusDays(maxDays);
        LocalDate first = null;
        for (LakeTable table : tables) {
            LocalDate next = manifest.lastProvenDay(table.name(), today).map(d -> d.plusDays(1)).orElse(yesterday);
            if (next.isBefore(earliestAllowed)) {
                next = earliestAllowed;
            }
            if (!next.isAfter(yesterday) && (first == null || next.isBefore(first))) {
                first = next;
            }
        }
        return Optional.ofNullable(first);
    }
}
