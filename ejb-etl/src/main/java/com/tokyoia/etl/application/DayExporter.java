package com.tokyoia.etl.application;

import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.etl.application.port.DaySource;
import com.tokyoia.etl.application.port.ExportLocks;
import com.tokyoia.etl.application.port.ExportProgressLog;
import com.tokyoia.etl.application.port.LakeFiles;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.domain.ExtractedDay;
import com.tokyoia.etl.domain.ParquetFooter;
import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.etl.domain.WrittenFile;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.manifest.ValidatedCopy;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Exports one table's day as a new version in its own folder: extract (one snapshot, streamed) and
 * write Parquet locally, upload to {@code v=NNNN/}, prove the copy, record the proof (EXPORTED),
 * point the catalog at the folder, and only then make the version current (VALIDATED). The proof:
 * the file, read back and every value encoded again into the source's binary form, digests to
 * exactly the tuples the source streamed; the stored object has the written file's SHA-256 and
 * size; its footer has the source's row count and the content checksum of the same snapshot.
 * Readers keep the previous proven version until the last step, whatever happens in between; an
 * attempt that died after its proof was recorded is resumed from the catalog step after checking
 * the stored copy again. The source itself is only read.
 */
public final class DayExporter {
    private static final Logger LOG = Logger.getLogger(DayExporter.class.getName());

    private final DaySource source;
    private final Manifest manifest;
    private final ExportLocks locks;
    private final ObjectStore store;
    private final CatalogPublisher catalog;
    private final LakeFiles files;
    private final Retry retry;
    private final Path workDir;
    private final ExportObserver observer;
    private final ExportProgressLog progress;
    private final Executor executor;
    private final Clock clock;

    public DayExporter(DaySource source, Manifest manifest, ExportLocks locks, ObjectStore store, CatalogPublisher catalog,
                       LakeFiles files, Retry retry, Path workDir, ExportObserver observer, ExportProgressLog progress,
                       Executor executor, Clock clock) {
        this.source = source;
        this.manifest = manifest;
        this.locks = locks;
        this.store = store;
        this.catalog = catalog;
        this.files = files;
        this.retry = retry;
        this.workDir = workDir;
        this.observer = observer;
        this.progress = progress;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * @param newVersion export again even if the day is already proven (late data, re-export)
     */
    public DayExportResult export(LakeTable table, LocalDate day, long executionId, boolean newVersion)
            throws IOException, SQLException {
        long started = System.nanoTime();
        try (ExportLocks.Held lock = locks.acquire(table.name(), day)) {
            Optional<ManifestEntry> before = manifest.current(table.name(), day);
            if (newVersion && before.isPresent() && before.get().status() == ManifestStatus.PURGED) {
                // PostgreSQL no longer holds the day: a new version would replace the lake's copy with nothing.
                throw new ExportVerificationException(table.name() + " " + day + " was purged from PostgreSQL; its lake copy "
                        + "(version " + before.get().version() + ") is the only one and is not exported again");
            }
            Optional<ManifestEntry> opened = manifest.begin(table.name(), day, executionId, newVersion);
            if (opened.isEmpty()) {
                ManifestEntry proven = manifest.current(table.name(), day).orElseThrow();
                return new DayExportResult(table.name(), day, DayExportResult.Status.SKIPPED_ALREADY_PROVEN,
                        proven.version(), proven.rowCount() == null ? 0 : proven.rowCount(),
                        proven.bytes() == null ? 0 : proven.bytes(), store.uri(proven.objectKey()), 0);
            }
            ManifestEntry entry = opened.get();
            try {
                ValidatedCopy copy = stillProven(entry).orElse(null);
                if (copy == null) {
                    copy = writeAndProve(table, day, entry);
                    manifest.markExported(entry.id(), copy);
                } else {
                    LOG.info(() -> "Resuming " + table.name() + " " + day + " v" + entry.version() + ": its copy was proven before");
                }
                observer.reached(ExportObserver.Step.RECORDED, table, day);
                String folder = store.uri(LakeKeys.versionFolder(table.name(), day, entry.version()));
                retry.call("publish " + folder + " to the catalog", () -> {
                    catalog.publish(table, day, folder);
                    return null;
                });
                observer.reached(ExportObserver.Step.PUBLISHED, table, day);
                manifest.markValidated(entry.id());
                observer.reached(ExportObserver.Step.CURRENT, table, day);
                DayExportResult result = new DayExportResult(table.name(), day, DayExportResult.Status.EXPORTED, entry.version(),
                        copy.rows(), copy.bytes(), store.uri(copy.objectKey()), (System.nanoTime() - started) / 1_000_000);
                LOG.info(() -> "Exported " + table.name() + " " + day + " v" + result.version() + ": " + result.rows()
                        + " rows, " + result.bytes() + " bytes in " + result.millis() + " ms to " + result.objectUri());
                return result;
            } catch (IOException | SQLException | RuntimeException e) {
                manifest.markFailed(entry.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e;
            }
        }
    }

    /** Extract, write, upload into the version's folder, and prove the stored copy; the manifest is not touched. */
    private ValidatedCopy writeAndProve(LakeTable table, LocalDate day, ManifestEntry entry) throws IOException, SQLException {
        Instant exportStarted = clock.instant();
        Files.createDirectories(workDir);
        // One local name per version: a retry after a crash replaces the killed attempt's file instead of leaving it.
        Path local = workDir.resolve(table.name() + "-" + day + "-v" + entry.version() + ".parquet");
        Files.deleteIfExists(local);
        try {
            ProgressReport report = new ProgressReport(entry.id(), estimatedRows(table, day));
            report.rowsWritten(0);
            ExtractedDay extracted = retry.call("extract " + table.name() + " " + day, () -> source.extract(table, day, local, report));
            SourceFacts facts = extracted.source();
            WrittenFile file = extracted.file();
            report.written(file.rows());
            if (file.rows() != facts.rows() || !file.contentChecksum().equals(facts.checksum())) {
                throw new ExportVerificationException(table.name() + " " + day + ": extracted " + file.contentChecksum()
                        + " but PostgreSQL computed " + facts.checksum() + " over the same snapshot");
            }
            observer.reached(ExportObserver.Step.EXTRACTED, table, day);

            // The read-back proof runs while the file uploads (both only read it): the file read back by
            // another reader, every value encoded again into PostgreSQL's binary form, must digest to
            // exactly the tuples COPY sent. A wrong conversion fails the day and the upload is removed.
            String key = LakeKeys.dataFile(table.name(), day, entry.version());
            CompletableFuture<String> readBack = CompletableFuture.supplyAsync(() -> tupleDigest(table, local), executor);
            StoredObject stored;
            try {
                stored = retry.call("upload " + key, () -> store.put(key, local, file.sha256()));
            } finally {
                readBack.exceptionally(e -> null).join(); // the local file stays until its reader is done
            }
            String digest;
            try {
                digest = join(readBack);
            } catch (IOException | RuntimeException e) {
                removeUnproven(key);
                throw new ExportVerificationException(table.name() + " " + day + ": the file could not be read back as PostgreSQL's "
                        + "tuples (" + e.getMessage() + "); a value changed between the database and the file, or the file is unreadable", e);
            }
            if (facts.tupleDigest() == null || !facts.tupleDigest().equals(digest)) {
                removeUnproven(key);
                throw new ExportVerificationException(table.name() + " " + day + ": the file reads back as " + digest
                        + " but PostgreSQL sent " + facts.tupleDigest() + "; a value changed between the database and the file");
            }
            observer.reached(ExportObserver.Step.UPLOADED, table, day);

            confirmStored(key, file.bytes(), file.sha256());
            ParquetFooter footer = files.footer(local);
            if (footer.rows() != facts.rows() || !facts.checksum().equals(footer.contentChecksum())) {
                throw new ExportVerificationException(key + ": footer says " + footer.rows() + " rows / "
                        + footer.contentChecksum() + ", PostgreSQL " + facts.rows() + " / " + facts.checksum());
            }
            observer.reached(ExportObserver.Step.PROVEN, table, day);
            return new ValidatedCopy(facts.rows(), file.bytes(), columnSizesJson(footer.columnBytes()), facts.checksum(),
                    file.sha256(), key, stored.etag(), stored.storageClass(), exportStarted);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** A report only: without an estimate the progress shows rows without a total. */
    private long estimatedRows(LakeTable table, LocalDate day) {
        try {
            return source.estimatedRows(table, day);
        } catch (SQLException | RuntimeException e) {
            LOG.warning(() -> "No row estimate for " + table.name() + " " + day + ": " + e.getMessage());
            return -1;
        }
    }

    /**
     * Reports the rows written to the progress log at most every two seconds, on the executor: the
     * writing thread never waits for a database connection (the export already holds two or three),
     * and while one report is still being written the next ones are skipped. A failed report is logged.
     */
    private final class ProgressReport implements DaySource.Progress {
        private static final long EVERY_NANOS = 2_000_000_000L;
        private final long manifestId;
        private final long expected;
        private final AtomicBoolean writing = new AtomicBoolean();
        private long last = System.nanoTime() - EVERY_NANOS;

        ProgressReport(long manifestId, long expected) {
            this.manifestId = manifestId;
            this.expected = expected;
        }

        @Override
        public void rowsWritten(long rows) {
            long now = System.nanoTime();
            if (now - last < EVERY_NANOS || !writing.compareAndSet(false, true)) {
                return;
            }
            last = now;
            try {
                executor.execute(() -> {
                    try {
                        progress.record(manifestId, rows, expected);
                    } catch (SQLException | RuntimeException e) {
                        LOG.warning(() -> "Could not report the progress of manifest version " + manifestId + ": " + e.getMessage());
                    } finally {
                        writing.set(false);
                    }
                });
            } catch (RuntimeException rejected) {
                writing.set(false);
            }
        }

        /** The final count once the file is written (recorded on this thread, before the proof). */
        void written(long rows) {
            try {
                progress.record(manifestId, rows, expected);
            } catch (SQLException e) {
                LOG.warning(() -> "Could not report the progress of manifest version " + manifestId + ": " + e.getMessage());
            }
        }
    }

    private String tupleDigest(LakeTable table, Path local) {
        try {
            return files.tupleDigest(table, local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(CompletableFuture<String> readBack) throws IOException {
        try {
            return readBack.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** This attempt wrote the object under its own version's key and it failed its proof: nobody else can be reading it. */
    private void removeUnproven(String key) {
        try {
            store.delete(key);
        } catch (IOException e) {
            LOG.warning(() -> "Could not remove the unproven " + key + " (its version is FAILED, no reader uses it): " + e.getMessage());
        }
    }

    /**
     * The copy an earlier attempt of this version proved, when the store still holds it byte for
     * byte; empty when there was none or it no longer matches (then the version is written again).
     */
    private Optional<ValidatedCopy> stillProven(ManifestEntry entry) throws IOException, SQLException {
        if (entry.sha256() == null || entry.objectKey() == null || entry.bytes() == null) {
            return Optional.empty();
        }
        try {
            confirmStored(entry.objectKey(), entry.bytes(), entry.sha256());
        } catch (ExportVerificationException e) {
            LOG.warning(() -> "The proven copy of " + entry.table() + " " + entry.day() + " v" + entry.version()
                    + " no longer matches (" + e.getMessage() + "): writing it again");
            return Optional.empty();
        }
        return Optional.of(new ValidatedCopy(entry.rowCount(), entry.bytes(), entry.columnSizes(), entry.contentChecksum(),
                entry.sha256(), entry.objectKey(), entry.etag(), entry.storageClass(), entry.exportedAt()));
    }

    /** The object under the key must be byte for byte the file written (its size and SHA-256). */
    private void confirmStored(String key, long bytes, String sha256) throws IOException, SQLException {
        StoredObject head = retry.call("verify " + key, () -> store.head(key))
                .orElseThrow(() -> new ExportVerificationException(key + " is not in the store"));
        if (head.size() != bytes) {
            throw new ExportVerificationException(key + " has " + head.size() + " bytes in the store, " + bytes + " written");
        }
        String storedSha = head.sha256Hex();
        if (storedSha == null) {
            // The store keeps no checksum (some S3-compatible servers): read the object back.
            Files.createDirectories(workDir);
            Path copy = workDir.resolve("verify-" + key.replace('/', '_'));
            try {
                retry.call("download " + key, () -> {
                    store.download(key, copy);
                    return null;
                });
                storedSha = Sha256.ofFile(copy);
            } finally {
                Files.deleteIfExists(copy);
            }
        }
        if (!storedSha.equals(sha256)) {
            throw new ExportVerificationException(key + " has SHA-256 " + storedSha + " in the store, " + sha256 + " written");
        }
    }

    static String columnSizesJson(Map<String, Long> sizes) {
        return sizes.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
