package com.tokyoia.etl.application.retention;

import com.tokyoia.etl.application.DamagedCopies;
import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.application.port.DaySource;
import com.tokyoia.etl.application.port.ExportLocks;
import com.tokyoia.etl.application.port.HotDays;
import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides whether one table's day may leave PostgreSQL, and removes it when it may. Every check
 * must hold: the day's current version is proven (VALIDATED) and no newer one is being written; the
 * stored object is there with the recorded size and SHA-256 (read back where the store keeps no
 * checksum); nothing still refers to or changes the rows; and PostgreSQL's content checksum of the
 * day is the one the export recorded, checked again inside the purge's own transaction. A day that
 * fails a check stays, with the reason; a stored copy found damaged is recorded and announced as such
 * ({@link DamagedCopies}), except in a dry run, which changes nothing.
 */
public final class DayRetention {
    private final Manifest manifest;
    private final ObjectStore store;
    private final DaySource source;
    private final HotDays hot;
    private final ExportLocks locks;
    private final Retry retry;
    private final Path workDir;
    private final int deleteBatchRows;
    private final DamagedCopies damaged;

    public DayRetention(Manifest manifest, ObjectStore store, DaySource source, HotDays hot, ExportLocks locks, Retry retry,
                        Path workDir, int deleteBatchRows, DamagedCopies damaged) {
        this.manifest = manifest;
        this.store = store;
        this.source = source;
        this.hot = hot;
        this.locks = locks;
        this.retry = retry;
        this.workDir = workDir;
        this.deleteBatchRows = deleteBatchRows;
        this.damaged = damaged;
    }

    /** Checks the day and, unless {@code dryRun}, removes it from PostgreSQL. */
    public RetentionVerdict apply(LakeTable table, LocalDate day, long executionId, boolean dryRun) throws IOException, SQLException {
        String name = table.name();
        Optional<ManifestEntry> found = manifest.current(name, day);
        if (found.isEmpty()) {
            return RetentionVerdict.held(name, day, null, "no proven copy in the lake yet: export the day first");
        }
        ManifestEntry current = found.get();
        if (current.status() == ManifestStatus.PURGED) {
            return alreadyPurged(table, day, current, dryRun);
        }
        if (current.status() != ManifestStatus.VALIDATED) {
            return RetentionVerdict.held(name, day, current.version(), "version " + current.version() + " is "
                    + current.status() + ", not a validated copy in the lake");
        }
        Optional<ManifestEntry> latest = manifest.latest(name, day);
        if (latest.isPresent() && latest.get().version() > current.version()
                && (latest.get().status() == ManifestStatus.EXPORTING || latest.get().status() == ManifestStatus.EXPORTED)) {
            return RetentionVerdict.held(name, day, current.version(), "version " + latest.get().version() + " is being written");
        }
        Optional<String> copyProblem = copyProblem(current);
        if (copyProblem.isPresent()) {
            if (!dryRun) {
                damaged.found(current, copyProblem.get(), "retention", executionId);
            }
            return RetentionVerdict.heldForDamage(name, day, current.version(), copyProblem.get());
        }
        if (!current.trusted() && !dryRun) {
            damaged.whole(current);
        }
        Optional<String> blockers = hot.blockers(table, day);
        if (blockers.isPresent()) {
            return RetentionVerdict.held(name, day, current.version(), blockers.get());
        }
        SourceFacts facts = source.facts(table, day);
        if (!facts.checksum().equals(current.contentChecksum())) {
            return RetentionVerdict.held(name, day, current.version(), "the rows changed since version " + current.version()
                    + " was exported (" + current.contentChecksum() + " then, " + facts.checksum() + " now); reconcile exports "
                    + "a new version");
        }
        if (dryRun) {
            return new RetentionVerdict(name, day, RetentionVerdict.Outcome.WOULD_PURGE, facts.rows(), current.version(),
                    "version " + current.version() + " is proven");
        }
        try (ExportLocks.Held lock = locks.acquire(name, day)) {
            OptionalLong removed = hot.purge(table, day, current.contentChecksum(), current.id(), executionId);
            if (removed.isEmpty()) {
                return RetentionVerdict.held(name, day, current.version(), "the rows changed while the purge checked them");
            }
            long rows = hot.partitioned(table) ? removed.getAsLong() : hot.deletePurgedRows(table, day, deleteBatchRows);
            return new RetentionVerdict(name, day, RetentionVerdict.Outcome.PURGED, rows, current.version(),
                    "version " + current.version() + " is proven");
        } catch (ExportLocks.ExportInProgressException e) {
            return RetentionVerdict.held(name, day, current.version(), "an export of the day is running");
        }
    }

    /** A purged day PostgreSQL still holds rows of: a plain-table purge interrupted between its batches. */
    private RetentionVerdict alreadyPurged(LakeTable table, LocalDate day, ManifestEntry current, boolean dryRun) throws SQLException {
        if (hot.partitioned(table)) {
            return RetentionVerdict.held(table.name(), day, current.version(),
                    "the day was purged but a partition of it exists again; its rows are not in the lake");
        }
        long rows = dryRun ? 0 : hot.deletePurgedRows(table, day, deleteBatchRows);
        return new RetentionVerdict(table.name(), day, RetentionVerdict.Outcome.ALREADY_PURGED, rows, current.version(),
                "purged before; " + rows + " leftover rows deleted");
    }

    /** What is wrong with the stored copy, if anything: missing, truncated, other bytes. */
    private Optional<String> copyProblem(ManifestEntry current) throws IOException, SQLException {
        String key = current.objectKey();
        Optional<StoredObject> head = retry.call("check " + key, () -> store.head(key));
        if (head.isEmpty()) {
            return Optional.of("the copy " + key + " is missing from the lake");
        }
        if (current.bytes() == null || head.get().size() != current.bytes()) {
            return Optional.of("the copy " + key + " has " + head.get().size() + " bytes, the manifest recorded " + current.bytes());
        }
        String sha = head.get().sha256Hex();
        if (sha == null) {
            Files.createDirectories(workDir);
            Path copy = workDir.resolve("retention-" + key.replace('/', '_'));
            try {
                retry.call("download " + key, () -> {
                    store.download(key, copy);
                    return null;
                });
                sha = Sha256.ofFile(copy);
            } finally {
                Files.deleteIfExists(copy);
            }
        }
        if (!sha.equals(current.sha256())) {
            return Optional.of("the copy " + key + " has SHA-256 " + sha + ", the manifest recorded " + current.sha256());
        }
        return Optional.empty();
    }
}
