package com.tokyoia.lake.domain.manifest;

import java.time.LocalDate;

/** How many current proven versions (table-days) are at one location, and the first and last of their days. */
public record LakePlacement(LakeLocation location, long tableDays, LocalDate firstDay, LocalDate lastDay) {
    @Override
    public String toString() {
        return tableDays + " table-day(s) from " + firstDay + " to " + lastDay + " in " + location;
    }
}
