package com.tokyoia.lake.application.port;

import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ValidatedCopy;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The export manifest: the single source of truth for what the lake holds, one entry per
 * (table, day, version). Each call is its own short transaction: the ETL commits manifest states
 * at exact points of an export, independent of any surrounding work.
 */
public interface Manifest {

    Optional<ManifestEntry> latest(String table, LocalDate day) throws SQLException;

    /**
     * Opens the entry for an export attempt. Empty when the day is already proven and no new
     * version is asked for. An unfinished or failed attempt of the latest version is taken over
     * (same version, same object key: the retry overwrites, never adds).
     */
    Optional<ManifestEntry> begin(String table, LocalDate day, long executionId, boolean newVersion) throws SQLException;

    /** The proof is complete: the manifest now claims this object. */
    void markValidated(long id, ValidatedCopy copy) throws SQLException;

    void markFailed(long id, String error) throws SQLException;

    /** The newest day of the table whose copy is proven, before {@code before}. */
    Optional<LocalDate> lastProvenDay(String table, LocalDate before) throws SQLException;

    /** Latest version of every (table, day) in [from, to]; {@code table} null for all tables. */
    List<ManifestEntry> latestVersions(String table, LocalDate from, LocalDate to) throws SQLException;

    List<ManifestEntry> forExecution(long executionId) throws SQLException;
}
