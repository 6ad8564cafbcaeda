package com.tokyoia.lake.application.port;

import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ValidatedCopy;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The export manifest: the single source of truth for what the lake holds, one entry per
 * (table, day, version). Each call is its own short transaction: the ETL commits manifest states
 * at exact points of an export, independent of any surrounding work.
 */
public interface Manifest {

    /** The newest version of the day, whatever its status (an attempt may be running or have failed). */
    Optional<ManifestEntry> latest(String table, LocalDate day) throws SQLException;

    /**
     * The version readers use: the newest proven one. An attempt at a newer version, running,
     * crashed or failed, never hides it.
     */
    Optional<ManifestEntry> current(String table, LocalDate day) throws SQLException;

    /**
     * Opens the entry for an export attempt. Empty when the day is already proven and no new
     * version is asked for. An unfinished or failed attempt of the latest version is taken over
     * (same version, same folder: the retry overwrites its own files, never adds); one whose copy
     * was already proven in its folder (it has a SHA-256) is resumed from there by the exporter.
     */
    Optional<ManifestEntry> begin(String table, LocalDate day, long executionId, boolean newVersion) throws SQLException;

    /** The copy is proven in its own folder (EXPORTED); readers do not use it yet. */
    void markExported(long id, ValidatedCopy copy) throws SQLException;

    /** The catalog points at the proven copy: it becomes the day's current version (VALIDATED). */
    void markValidated(long id) throws SQLException;

    /** The attempt gave up; what it proved (if anything) is kept, so a later attempt can resume. */
    void markFailed(long id, String error) throws SQLException;

    /** The newest day of the table whose copy is proven, before {@code before}. */
    Optional<LocalDate> lastProvenDay(String table, LocalDate before) throws SQLException;

    /** Newest version, whatever its status, of every (table, day) in [from, to]; {@code table} null for all tables. */
    List<ManifestEntry> latestVersions(String table, LocalDate from, LocalDate to) throws SQLException;

    /** The current (newest proven) version of every (table, day) in [from, to] that has one; {@code table} null for all. */
    List<ManifestEntry> currentVersions(String table, LocalDate from, LocalDate to) throws SQLException;

    List<ManifestEntry> forExecution(long executionId) throws SQLException;

    /** Proven versions a newer proven version replaced before {@code before}: their files may go. */
    List<ManifestEntry> supersededBefore(Instant before) throws SQLException;

    /** The version's files were deleted (it had been replaced). */
    void markRemoved(long id) throws SQLException;

    /** What the store says of the version's object now: its storage class, and until when a restored copy is readable. */
    void markStorage(long id, String storageClass, Instant restoredUntil, Instant checkedAt) throws SQLException;

    /**
     * A check of the version's stored object found it damaged (other bytes, cut off, missing): readers
     * must not trust it. The first finding's time is kept.
     */
    void markDamaged(long id, String damage, Instant foundAt) throws SQLException;

    /** A check found the version's stored object whole again. */
    void markWhole(long id) throws SQLException;

    /** A restore from the archive was asked for the version's object. */
    void markRestoreRequested(long id, String tier, Instant at) throws SQLException;
}
