package com.tokyoia.etl.application;

import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.etl.application.port.DaySource;
import com.tokyoia.etl.application.port.ExportLocks;
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
import com.tokyoia.lake.domain.manifest.ValidatedCopy;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Exports one table's day: extract (one snapshot, streamed) and write Parquet locally, upload
 * (staging, then publish), publish to the catalog, validate, record the manifest. The manifest row
 * becomes VALIDATED only after every proof holds: the uploaded object has the written file's
 * SHA-256 and size, its footer has the source's row count, and its content checksum equals the one
 * the source computed over the same snapshot. The source itself is only read.
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
    private final Clock clock;

    public DayExporter(DaySource source, Manifest manifest, ExportLocks locks, ObjectStore store, CatalogPublisher catalog,
                       LakeFiles files, Retry retry, Path workDir, ExportObserver observer, Clock clock) {
        this.source = source;
        this.manifest = manifest;
        this.locks = locks;
        this.store = store;
        this.catalog = catalog;
        this.files = files;
        this.retry = retry;
        this.workDir = workDir;
        this.observer = observer;
        this.clock = clock;
    }

    /**
     * @param newVersion export again even if the day is already proven (late data, re-export)
     */
    public DayExportResult export(LakeTable table, LocalDate day, long executionId, boolean newVersion)
            throws IOException, SQLException {
        long started = System.nanoTime();
        try (ExportLocks.Held lock = locks.acquire(table.name(), day)) {
            Optional<ManifestEntry> opened = manifest.begin(table.name(), day, executionId, newVersion);
            if (opened.isEmpty()) {
                ManifestEntry proven = manifest.latest(table.name(), day).orElseThrow();
                return new DayExportResult(table.name(), day, DayExportResult.Status.SKIPPED_ALREADY_PROVEN,
                        proven.version(), proven.rowCount() == null ? 0 : proven.rowCount(),
                        proven.bytes() == null ? 0 : proven.bytes(), store.uri(proven.objectKey()), 0);
            }
            ManifestEntry entry = opened.get();
            Files.createDirectories(workDir);
            Path local = Files.createTempFile(workDir, table.name() + "-" + day + "-", ".parquet");
            try {
                DayExportResult result = exportOpened(table, day, entry, local, started);
                LOG.info(() -> "Exported " + table.name() + " " + day + " v" + result.version() + ": " + result.rows()
                        + " rows, " + result.bytes() + " bytes in " + result.millis() + " ms to " + result.objectUri());
                return result;
            } catch (IOException | SQLException | RuntimeException e) {
                manifest.markFailed(entry.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e;
            } finally {
                Files.deleteIfExists(local);
            }
        }
    }

    private DayExportResult exportOpened(LakeTable table, LocalDate day, ManifestEntry entry, Path local, long started)
            throws IOException, SQLException {
        Instant exportStarted = clock.instant();
        ExtractedDay extracted = retry.call("extract " + table.name() + " " + day, () -> source.extract(table, day, local));
        SourceFacts facts = extracted.source();
        WrittenFile file = extracted.file();
        if (file.rows() != facts.rows() || !file.contentChecksum().equals(facts.checksum())) {
            throw new ExportVerificationException(table.name() + " " + day + ": extracted " + file.contentChecksum()
                    + " but PostgreSQL computed " + facts.checksum() + " over the same snapshot");
        }
        observer.reached(ExportObserver.Step.EXTRACTED, table, day);

        String key = LakeKeys.dataFile(table.name(), day);
        StoredObject stored = retry.call("upload " + key, () -> store.put(key, local, file.sha256()));
        confirmStored(key, file);
        observer.reached(ExportObserver.Step.UPLOADED, table, day);

        String partitionUri = store.uri(LakeKeys.partition(table.name(), day));
        retry.call("publish " + key + " to the catalog", () -> {
            catalog.publish(table, day, partitionUri);
            return null;
        });
        observer.reached(ExportObserver.Step.PUBLISHED, table, day);

        ParquetFooter footer = files.footer(local);
        if (footer.rows() != facts.rows() || !facts.checksum().equals(footer.contentChecksum())) {
            throw new ExportVerificationException(key + ": footer says " + footer.rows() + " rows / "
                    + footer.contentChecksum() + ", PostgreSQL " + facts.rows() + " / " + facts.checksum());
        }
        observer.reached(ExportObserver.Step.VALIDATED, table, day);
        manifest.markValidated(entry.id(), new ValidatedCopy(facts.rows(), file.bytes(), columnSizesJson(footer.columnBytes()),
                facts.checksum(), file.sha256(), key, stored.etag(), stored.storageClass(), exportStarted));
        return new DayExportResult(table.name(), day, DayExportResult.Status.EXPORTED, entry.version(), facts.rows(),
                file.bytes(), store.uri(key), (System.nanoTime() - started) / 1_000_000);
    }

    /** The object under the key must be byte for byte the file written here. */
    private void confirmStored(String key, WrittenFile file) throws IOException, SQLException {
        StoredObject head = retry.call("verify " + key, () -> store.head(key))
                .orElseThrow(() -> new ExportVerificationException(key + " is not in the store after upload"));
        if (head.size() != file.bytes()) {
            throw new ExportVerificationException(key + " has " + head.size() + " bytes in the store, " + file.bytes() + " written");
        }
        String storedSha = head.sha256Hex();
        if (storedSha == null) {
            // The store keeps no checksum (some S3-compatible servers): read the object back.
            Path copy = Files.createTempFile(workDir, "verify-", ".parquet");
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
        if (!storedSha.equals(file.sha256())) {
            throw new ExportVerificationException(key + " has SHA-256 " + storedSha + " in the store, " + file.sha256() + " written");
        }
    }

    static String columnSizesJson(Map<String, Long> sizes) {
        return sizes.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
