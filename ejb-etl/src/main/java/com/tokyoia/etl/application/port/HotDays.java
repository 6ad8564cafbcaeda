package com.tokyoia.etl.application.port;

import com.tokyoia.lake.domain.schema.LakeTable;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The days PostgreSQL holds, as retention sees them, and their removal. */
public interface HotDays {

    /** Days before {@code cutoff} of which PostgreSQL still holds rows (or, for a partitioned table, a partition). */
    List<LocalDate> heldBefore(LakeTable table, LocalDate cutoff) throws SQLException;

    /** The same for the days in [{@code from}, {@code cutoff}), reading only those. */
    List<LocalDate> heldBetween(LakeTable table, LocalDate from, LocalDate cutoff) throws SQLException;

    /** Why the day's rows cannot leave yet (unfinished rows, rows newer hot rows refer to); empty when nothing holds them. */
    Optional<String> blockers(LakeTable table, LocalDate day) throws SQLException;

    /**
     * Removes the day from PostgreSQL if its content checksum is still {@code expectedChecksum},
     * recording the purge on manifest entry {@code manifestId} in the same transaction, so the
     * manifest never says PURGED for rows still in use nor VALIDATED for rows gone. Returns the
     * rows removed, or empty when the day changed (then nothing is removed). A plain table's day is
     * only marked here; {@link #deletePurgedRows} removes its rows in bounded batches.
     */
    OptionalLong purge(LakeTable table, LocalDate day, String expectedChecksum, long manifestId, long executionId)
            throws SQLException;

    /** Deletes what PostgreSQL still holds of a purged plain-table day, in batches of its own transactions. */
    long deletePurgedRows(LakeTable table, LocalDate day, int batchRows) throws SQLException;

    /** Whether the table is partitioned by day (its days leave as whole partitions). */
    boolean partitioned(LakeTable table);
}
