package com.tokyoia.etl.domain;

import java.time.LocalDate;

/** The outcome of exporting one (table, day). */
public record DayExportResult(String table, LocalDate day, Status status, int version, long rows, long bytes,
                              String objectUri, long millis) {
    public enum Status { EXPORTED, SKIPPED_ALREADY_PROVEN }
}
