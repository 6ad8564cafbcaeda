package com.tokyoia.etl.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.LakeAssertions;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.etl.infrastructure.store.S3ObjectStore;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.testing.FaultInjectingProxy;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.S3ProxyServer;
import com.tokyoia.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three generated days of every exported table, exported to a real S3-compatible server (S3Proxy
 * process) and to a local directory, then read back by DuckDB and compared with PostgreSQL.
 */
class ExportToLakeTest {
    static final List<LocalDate> DAYS = List.of(LocalDate.of(2025, 2, 10), LocalDate.of(2025, 2, 11), LocalDate.of(2025, 2, 12));
    static S3ProxyServer s3;

    @BeforeAll
    static void data() throws Exception {
        TestDatabase.resetDays(DAYS);
        HotDataGenerator generator = new HotDataGenerator(17);
        generator.createAgents(5, "export-");
        for (int i = 0; i < DAYS.size(); i++) {
            generator.day(DAYS.get(i), new HotDataGenerator.Volume(40, 3000 + 500 * i, 2000, 300, 50));
        }
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void exportsThreeDaysToS3AndDuckDbReadsBackExactlyWhatPostgresHolds(@TempDir Path work) throws Exception {
        TestDatabase.resetManifest(DAYS);
        try (S3ObjectStore store = S3ObjectStore.anonymous(EtlFixtures.s3(s3.endpoint(), "lake"))) {
            exportAll(store, work);
            List<String> keys = store.list("");
            assertThat(keys).hasSize(DAYS.size() * LakeSchemaRegistry.tables().size())
                    .allMatch(k -> k.matches("[a-z_]+/year=\\d{4}/month=\\d{2}/day=\\d{2}/v=0001/part-00000\\.parquet"));
            assertThat(keys).contains("agent_tasks/year=2025/month=02/day=10/v=0001/part-00000.parquet");
            // S3Proxy's filesystem backend keeps each object as a file: read those bytes independently.
            LakeAssertions.assertLakeEqualsPostgres(s3.bucketDirectory().resolve("lake"), DAYS);
            assertManifestValidated(store, work);
        }
    }

    @Test
    void exportsThreeDaysToALocalDirectoryTheSameWay(@TempDir Path work, @TempDir Path lake) throws Exception {
        TestDatabase.resetManifest(DAYS);
        LocalDirectoryStore store = new LocalDirectoryStore(lake);
        exportAll(store, work);
        LakeAssertions.assertLakeEqualsPostgres(lake, DAYS);
        assertManifestValidated(store, work);
        try (var staging = Files.walk(lake)) {
            assertThat(staging.filter(p -> p.getFileName().toString().startsWith(".staging"))).isEmpty();
        }
    }

    /** The layout the configuration offers beside Snappy v1: ZSTD with version 2 pages, read back by DuckDB alike. */
    @Test
    void exportsWithZstdAndVersion2PagesThatDuckDbReadsTheSame(@TempDir Path work, @TempDir Path lake) throws Exception {
        TestDatabase.resetManifest(DAYS);
        LocalDirectoryStore store = new LocalDirectoryStore(lake);
        DayExporter exporter = EtlFixtures.exporter(EtlFixtures.source(new ParquetLayout(8L << 20, ParquetLayout.Codec.ZSTD, true)),
                store, work);
        for (LakeTable table : LakeSchemaRegistry.tables()) {
            for (LocalDate day : DAYS) {
                assertThat(exporter.export(table, day, -1, false).status()).isEqualTo(DayExportResult.Status.EXPORTED);
            }
        }
        LakeAssertions.assertLakeEqualsPostgres(lake, DAYS, "ZSTD");
        DeepVerifier verifier = new DeepVerifier(EtlFixtures.manifest(), store, new ParquetFiles(), work);
        assertThat(verifier.verify(LakeSchemaRegistry.AGENT_TASKS, DAYS.get(1)).ok()).isTrue();
    }

    @Test
    void multipartUploadAboveTheThresholdPublishesTheSameBytes(@TempDir Path work) throws Exception {
        TestDatabase.resetManifest(List.of(DAYS.get(0)));
        try (FaultInjectingProxy recorder = new FaultInjectingProxy(s3.endpoint(), 0);
             S3ObjectStore store = S3ObjectStore.anonymous(EtlFixtures.s3(recorder.endpoint(), "multipart", 1, 5L * 1024 * 1024))) {
            DayExportResult result = EtlFixtures.exporter(store, work).export(LakeSchemaRegistry.AGENT_TASKS, DAYS.get(0), -5, false);
            assertThat(result.status()).isEqualTo(DayExportResult.Status.EXPORTED);
            ManifestEntry row = EtlFixtures.manifest().latest("agent_tasks", DAYS.get(0)).orElseThrow();
            assertThat(row.status()).isEqualTo(ManifestStatus.VALIDATED);
            assertThat(recorder.requests()).anyMatch(r -> r.startsWith("POST") && r.contains("uploads"))
                    .anyMatch(r -> r.startsWith("PUT") && r.contains("partNumber=1") && r.contains("uploadId="))
                    .anyMatch(r -> r.startsWith("POST") && r.contains("uploadId="));
            DeepVerifier verifier = new DeepVerifier(EtlFixtures.manifest(), store, new ParquetFiles(), work);
            assertThat(verifier.verify(LakeSchemaRegistry.AGENT_TASKS, DAYS.get(0)).ok()).isTrue();
            assertThat(store.list("")).containsExactly("agent_tasks/year=2025/month=02/day=10/v=0001/part-00000.parquet");
        }
    }

    private static void exportAll(ObjectStore store, Path work) throws Exception {
        DayExporter exporter = EtlFixtures.exporter(store, work);
        for (LakeTable table : LakeSchemaRegistry.tables()) {
            for (LocalDate day : DAYS) {
                DayExportResult result = exporter.export(table, day, -1, false);
                assertThat(result.status()).isEqualTo(DayExportResult.Status.EXPORTED);
                assertThat(result.version()).isEqualTo(1);
            }
        }
        // A second run finds every day proven and changes nothing.
        for (LakeTable table : LakeSchemaRegistry.tables()) {
            assertThat(exporter.export(table, DAYS.get(0), -2, false).status())
                    .isEqualTo(DayExportResult.Status.SKIPPED_ALREADY_PROVEN);
        }
        assertThat(Files.list(work).count()).as("no temporary files left").isZero();
    }

    private static void assertManifestValidated(ObjectStore store, Path work) throws Exception {
        JdbcManifest manifest = EtlFixtures.manifest();
        DeepVerifier verifier = new DeepVerifier(EtlFixtures.manifest(), store, new ParquetFiles(), work);
        for (LakeTable table : LakeSchemaRegistry.tables()) {
            for (LocalDate day : DAYS) {
                ManifestEntry row = manifest.latest(table.name(), day).orElseThrow();
                assertThat(row.status()).isEqualTo(ManifestStatus.VALIDATED);
                assertThat(row.version()).isEqualTo(1);
                long pgRows = TestDatabase.count("SELECT count(*) FROM " + table.name() + " WHERE "
                        + TestDatabase.inUtcDay(table.dayColumn()), day, day);
                assertThat(row.rowCount()).isEqualTo(pgRows);
                assertThat(row.contentChecksum()).startsWith("rows:" + pgRows + ";sum:");
                assertThat(row.sha256()).hasSize(64);
                assertThat(row.bytes()).isEqualTo(store.head(row.objectKey()).orElseThrow().size());
                for (String column : table.columnNames()) {
                    assertThat(row.columnSizes()).contains("\"" + column + "\":");
                }
                assertThat(verifier.verify(table, day).ok()).as(table.name() + " " + day + " deep verify").isTrue();
            }
        }
    }
}
