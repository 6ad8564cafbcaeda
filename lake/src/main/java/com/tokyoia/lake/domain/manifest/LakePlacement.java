package com.tokyoia.lake.domain.manifest;

import java.time.LocalDate;

/**
 * How many current proven versions (table-days) are at one location, and the first and last of their
 * days; {@code movedFrom}: where a lake migration moved them from (its copies stayed there), or null.
 */
public record LakePlacement(LakeLocation location, long tableDays, LocalDate firstDay, LocalDate lastDay, LakeLocation movedFrom) {

    /** Versions no migration moved. */
    public LakePlacement(LakeLocation location, long tableDays, LocalDate firstDay, LocalDate lastDay) {
        this(location, tableDays, firstDay, lastDay, null);
    }

    @Override
    public String toString() {
        return tableDays + " table-day(s) from " + firstDay + " to " + lastDay + " in " + location;
    }
}
