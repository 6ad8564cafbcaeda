package com.tokyoia.etl.application;

import com.tokyoia.etl.infrastructure.catalog.CatalogPublisher;
import com.tokyoia.etl.infrastructure.extract.DayExtractor;
import com.tokyoia.etl.infrastructure.extract.DayExtractor.SourceFacts;
import com.tokyoia.etl.infrastructure.extract.OutsideServerThreads;
import com.tokyoia.etl.infrastructure.extract.PipelinedExtract;
import com.tokyoia.etl.infrastructure.manifest.ExportLock;
import com.tokyoia.etl.infrastructure.manifest.ManifestRepository;
import com.tokyoia.etl.infrastructure.manifest.ManifestRow;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter.WrittenFile;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.store.LakeKeys;
import com.tokyoia.etl.infrastructure.store.ObjectStore;
import com.tokyoia.etl.infrastructure.store.Sha256;
import com.tokyoia.etl.infrastructure.store.StoredObject;
import com.tokyoia.persistence.lake.LakeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Exports one table's day: extract (one snapshot, streamed) and write Parquet locally, upload
 * (staging, then publish), publish to the catalog, validate, record the manifest. The manifest row
 * becomes VALIDATED only after every proof holds: the uploaded object has the written file's
 * SHA-256 and size, its footer has PostgreSQL's row count, and its content checksum equals the one
 * PostgreSQL computed over the same snapshot. PostgreSQL itself is only read.
 */
public final class DayExporter {
    private static final Logger LOG = Logger.getLogger(DayExporter.class.getName());

    private final DataSource dataSource;
    private final ManifestRepository manifest;
    private final DayExtractor extractor;
    private final ObjectStore store;
    private final CatalogPublisher catalog;
    private final Retry retry;
    private final Path workDir;
    private final long rowGroupBytes;
    private final ExportObserver observer;
    private final Executor executor;

    public DayExporter(DataSource dataSource, ObjectStore store, CatalogPublisher catalog, Retry retry, Path workDir,
                       long rowGroupBytes, ExportObserver observer) {
        this(dataSource, store, catalog, retry, workDir, rowGroupBytes, observer, OutsideServerThreads.POOL);
    }

    /** {@code executor} runs the extract side of the pipeline (a managed executor in the server). */
    public DayExporter(DataSource dataSource, ObjectStore store, CatalogPublisher catalog, Retry retry, Path workDir,
                       long rowGroupBytes, ExportObserver observer, Executor executor) {
        this.executor = executor;
        this.dataSource = dataSource;
        this.manifest = new ManifestRepository(dataSource);
        this.extractor = new DayExtractor(dataSource, executor);
        this.store = store;
        this.catalog = catalog;
        this.retry = retry;
        this.workDir = workDir;
        this.rowGroupBytes = rowGroupBytes;
        this.observer = observer;
    }

    /**
     * @param newVersion export again even if the day is already proven (late data, re-export)
     */
    public DayExportResult export(LakeTable table, LocalDate day, long executionId, boolean newVersion) throws Exception {
        long started = System.nanoTime();
        try (ExportLock lock = ExportLock.acquire(dataSource, table.name(), day)) {
            Optional<ManifestRow> opened = manifest.begin(table.name(), day, executionId, newVersion);
            if (opened.isEmpty()) {
                ManifestRow proven = manifest.latest(table.name(), day).orElseThrow();
                return new DayExportResult(table.name(), day, DayExportResult.Status.SKIPPED_ALREADY_PROVEN,
                        proven.version(), proven.rowCount() == null ? 0 : proven.rowCount(),
                        proven.bytes() == null ? 0 : proven.bytes(), store.uri(proven.objectKey()), 0);
            }
            ManifestRow row = opened.get();
            Files.createDirectories(workDir);
            Path local = Files.createTempFile(workDir, table.name() + "-" + day + "-", ".parquet");
            try {
                DayExportResult result = exportOpened(table, day, row, local, started);
                LOG.info(() -> "Exported " + table.name() + " " + day + " v" + result.version() + ": " + result.rows()
                        + " rows, " + result.bytes() + " bytes in " + result.millis() + " ms to " + result.objectUri());
                return result;
            } catch (Exception e) {
                manifest.markFailed(row.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e;
            } finally {
                Files.deleteIfExists(local);
            }
        }
    }

    private DayExportResult exportOpened(LakeTable table, LocalDate day, ManifestRow row, Path local, long started)
            throws Exception {
        Instant exportStarted = Instant.now();
        Extracted extracted = retry.call("extract " + table.name() + " " + day, () -> extract(table, day, local));
        SourceFacts source = extracted.source();
        WrittenFile file = extracted.file();
        if (file.rows() != source.rows() || !file.contentChecksum().equals(source.checksum())) {
            throw new ExportVerificationException(table.name() + " " + day + ": extracted " + file.contentChecksum()
                    + " but PostgreSQL computed " + source.checksum() + " over the same snapshot");
        }

        String key = LakeKeys.dataFile(table.name(), day);
        StoredObject stored = retry.call("upload " + key, () -> store.put(key, local, file.sha256()));
        confirmStored(key, stored, file, local);
        observer.afterUpload(table, day);

        String partitionUri = store.uri(LakeKeys.partition(table.name(), day));
        retry.call("publish " + key + " to the catalog", () -> {
            catalog.publish(table, day, partitionUri);
            return null;
        });

        ParquetFiles.Footer footer = ParquetFiles.footer(local);
        if (footer.rows() != source.rows()
                || !source.checksum().equals(footer.metadata().get(DayParquetWriter.META_CHECKSUM))) {
            throw new ExportVerificationException(key + ": footer says " + footer.rows() + " rows / "
                    + footer.metadata().get(DayParquetWriter.META_CHECKSUM) + ", PostgreSQL " + source.rows() + " / "
                    + source.checksum());
        }
        manifest.markValidated(row.id(), source.rows(), file.bytes(), columnSizesJson(footer.columnBytes()),
                source.checksum(), file.sha256(), key, stored.etag(), stored.storageClass(), exportStarted);
        return new DayExportResult(table.name(), day, DayExportResult.Status.EXPORTED, row.version(), source.rows(),
                file.bytes(), store.uri(key), (System.nanoTime() - started) / 1_000_000);
    }

    private record Extracted(SourceFacts source, WrittenFile file) {
    }

    private Extracted extract(LakeTable table, LocalDate day, Path local) throws Exception {
        try (DayParquetWriter writer = new DayParquetWriter(table, day.toString(), local, rowGroupBytes)) {
            PipelinedExtract.Result result = PipelinedExtract.run(extractor, table, day, writer, executor);
            return new Extracted(result.source(), result.file());
        }
    }

    /** The object under the key must be byte for byte the file written here. */
    private void confirmStored(String key, StoredObject stored, WrittenFile file, Path local) throws Exception {
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
