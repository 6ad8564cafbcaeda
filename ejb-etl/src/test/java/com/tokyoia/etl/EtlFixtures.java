package com.tokyoia.etl;

import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.DayExportTask;
import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.application.ExportObserver;
import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.etl.application.port.AlertChannel;
import com.tokyoia.etl.application.port.DaySource;
import com.tokyoia.etl.infrastructure.extract.OutsideServerThreads;
import com.tokyoia.etl.infrastructure.extract.PostgresDaySource;
import com.tokyoia.etl.infrastructure.failure.TransientFailures;
import com.tokyoia.etl.infrastructure.lock.PostgresExportLocks;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.etl.infrastructure.progress.JdbcExportProgressLog;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.lake.infrastructure.config.S3Settings;
import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.S3ProxyServer;
import com.tokyoia.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The ETL's real classes wired as the server wires them, against the test database. */
public final class EtlFixtures {
    private EtlFixtures() {
    }

    public static JdbcManifest manifest() {
        return new JdbcManifest(TestDatabase.dataSource(), SystemTime.clock());
    }

    public static PostgresDaySource source() {
        return new PostgresDaySource(TestDatabase.dataSource(), 8L * 1024 * 1024, true);
    }

    /** Another file layout (codec, pages), PostgreSQL's checksum still checked. */
    public static PostgresDaySource source(ParquetLayout layout) {
        return new PostgresDaySource(TestDatabase.dataSource(), OutsideServerThreads.POOL, layout, true);
    }

    public static DayExporter exporter(ObjectStore store, Path workDir) {
        return exporter(store, CatalogPublisher.NONE, workDir, ExportObserver.NONE);
    }

    public static DayExporter exporter(ObjectStore store, Path workDir, ExportObserver observer) {
        return exporter(store, CatalogPublisher.NONE, workDir, observer);
    }

    public static DayExporter exporter(ObjectStore store, CatalogPublisher catalog, Path workDir, ExportObserver observer) {
        return exporter(source(), store, catalog, workDir, observer);
    }

    /** With another source (a decoder with an injected fault, the SQL proof off). */
    public static DayExporter exporter(DaySource source, ObjectStore store, Path workDir) {
        return exporter(source, store, CatalogPublisher.NONE, workDir, ExportObserver.NONE);
    }

    private static DayExporter exporter(DaySource source, ObjectStore store, CatalogPublisher catalog, Path workDir,
                                        ExportObserver observer) {
        return new DayExporter(source, manifest(), new PostgresExportLocks(TestDatabase.dataSource()), store, catalog,
                new ParquetFiles(), new Retry(3, Duration.ofMillis(50), TransientFailures::isTransient), workDir, observer,
                new JdbcExportProgressLog(TestDatabase.dataSource(), SystemTime.clock()), OutsideServerThreads.POOL, SystemTime.clock());
    }

    public static DayExportTask task(DayExporter exporter, AlertChannel... channels) {
        return new DayExportTask(exporter, new Alerts(List.of(channels)));
    }

    /** The settings of a bucket on the test S3 server (or on a proxy in front of it). */
    public static S3Settings s3(String endpoint, String prefix) {
        return s3(endpoint, prefix, 64L * 1024 * 1024, 8L * 1024 * 1024);
    }

    public static S3Settings s3(String endpoint, String prefix, long multipartThresholdBytes, long partSizeBytes) {
        return new S3Settings(S3ProxyServer.BUCKET, prefix, Optional.of("us-east-1"), Optional.of(URI.create(endpoint)), true,
                Optional.empty(), Optional.empty(), multipartThresholdBytes, partSizeBytes);
    }
}
