package com.tokyoia.etl.application.port;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** When the scrub last re-read each lake copy, and what it found. */
public interface CopyChecks {
    /** What a check found. */
    enum Outcome { WHOLE, DAMAGED, NOT_READABLE }

    /** A current proven copy and its last check, if it had one. */
    record Due(long manifestId, String table, LocalDate day, int version, long bytes, Optional<Instant> lastChecked) {
    }

    /** How much of the lake the checks cover. */
    record Coverage(int copies, int neverChecked, Optional<Instant> oldestCheck) {
    }

    /**
     * The current proven copies of the days in [from, to] in a class the store serves without a
     * restore, never-checked first, then the longest unchecked; ties by day, then table.
     */
    List<Due> leastRecentlyChecked(LocalDate from, LocalDate to, int limit) throws SQLException;

    void record(long manifestId, Instant at, Outcome outcome) throws SQLException;

    /** Over the same copies as {@link #leastRecentlyChecked}. */
    Coverage coverage(LocalDate from, LocalDate to) throws SQLException;
}
