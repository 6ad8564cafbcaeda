package com.tokyoia.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.etl.application.DayExportResult;
import com.tokyoia.etl.application.DayExportTask;
import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.application.ExportObserver;
import com.tokyoia.etl.infrastructure.manifest.ManifestRepository;
import com.tokyoia.etl.infrastructure.manifest.ManifestRow;
import com.tokyoia.etl.infrastructure.notify.WebhookNotifier;
import com.tokyoia.etl.infrastructure.store.LakeKeys;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.etl.infrastructure.store.S3ObjectStore;
import com.tokyoia.persistence.lake.LakeSchemaRegistry;
import com.tokyoia.persistence.lake.LakeTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, flaky S3, dead S3: nothing duplicated, nothing lost, PostgreSQL untouched, people told. */
class ExportFailureTest {
    static final LocalDate DAY = LocalDate.of(2025, 3, 5);
    static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;
    static S3ProxyServer s3;
    final ManifestRepository manifest = new ManifestRepository(TestDatabase.dataSource());

    @BeforeAll
    static void data() throws Exception {
        TestDatabase.resetDays(List.of(DAY));
        TestDatabase.generate(DAY, new TestDatabase.Volume(20, 1500, 10, 10, 5), 99);
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void freshManifest() throws Exception {
        TestDatabase.resetManifest(List.of(DAY));
    }

    @Test
    void killedAfterUploadBeforeManifestCommitThenRestartedLeavesExactlyOneFile(@TempDir Path work, @TempDir Path lake)
            throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(lake);
        ExportObserver crash = new ExportObserver() {
            @Override
            public void afterUpload(LakeTable table, LocalDate day) {
                throw new IllegalStateException("simulated crash after upload");
            }
        };
        assertThatThrownBy(() -> Exporters.exporter(store, work, crash).export(TASKS, DAY, -10, false))
                .hasMessageContaining("simulated crash");
        ManifestRow afterCrash = manifest.latest(TASKS.name(), DAY).orElseThrow();
        assertThat(afterCrash.status()).as("the manifest claims nothing").isEqualTo("FAILED");
        assertThat(store.list(LakeKeys.partition(TASKS.name(), DAY))).hasSize(1);

        DayExportResult restarted = Exporters.exporter(store, work).export(TASKS, DAY, -11, false);
        assertThat(restarted.status()).isEqualTo(DayExportResult.Status.EXPORTED);
        assertThat(restarted.version()).as("the restart takes over the same version").isEqualTo(1);
        assertThat(store.list(LakeKeys.partition(TASKS.name(), DAY))).containsExactly(LakeKeys.dataFile(TASKS.name(), DAY));
        assertThat(TestDatabase.count("SELECT count(*) FROM export_manifest WHERE table_name = ? AND day = ?", TASKS.name(), DAY))
                .isEqualTo(1);
        long pgRows = TestDatabase.count("SELECT count(*) FROM agent_tasks WHERE created_at >= ?::date AND created_at < ?::date + 1", DAY, DAY);
        assertThat(manifest.latest(TASKS.name(), DAY).orElseThrow().rowCount()).isEqualTo(pgRows).isEqualTo(1500);
        assertThat(duckCount(lake)).isEqualTo(1500);
    }

    @Test
    void s3FailingTwiceThenSucceedingCompletes(@TempDir Path work) throws Exception {
        try (FaultInjectingProxy flaky = new FaultInjectingProxy(s3.endpoint(), 2);
             S3ObjectStore store = S3ObjectStore.anonymous(S3ProxyServer.settings("flaky", flaky.endpoint()))) {
            DayExportResult result = Exporters.exporter(store, work).export(TASKS, DAY, -20, false);
            assertThat(flaky.failed.get()).isEqualTo(2);
            assertThat(result.status()).isEqualTo(DayExportResult.Status.EXPORTED);
            assertThat(manifest.latest(TASKS.name(), DAY).orElseThrow().status()).isEqualTo("VALIDATED");
            assertThat(store.list("agent_tasks/")).containsExactly(LakeKeys.dataFile(TASKS.name(), DAY));
        }
    }

    @Test
    void s3DownFailsTheDayAlertsAndLeavesPostgresUntouched(@TempDir Path work) throws Exception {
        long rowsBefore = TestDatabase.count("SELECT count(*) FROM agent_tasks");
        String checksumBefore = new com.tokyoia.etl.infrastructure.extract.DayExtractor(TestDatabase.dataSource())
                .facts(TASKS, DAY).checksum();
        String closed = "http://127.0.0.1:" + S3ProxyServer.freePort();
        try (WebhookReceiver webhook = new WebhookReceiver();
             S3ObjectStore store = S3ObjectStore.anonymous(S3ProxyServer.settings("down", closed))) {
            DayExporter exporter = Exporters.exporter(store, work);
            DayExportTask task = new DayExportTask(exporter, List.of(new WebhookNotifier(webhook.url())));
            assertThatThrownBy(() -> task.run("daily-export", TASKS, DAY, -30, false)).isNotNull();

            ManifestRow row = manifest.latest(TASKS.name(), DAY).orElseThrow();
            assertThat(row.status()).isEqualTo("FAILED");
            assertThat(row.errorMessage()).isNotBlank();
            assertThat(webhook.bodies).hasSize(1);
            assertThat(webhook.bodies.get(0)).contains("\"text\":").contains("\"table\":\"agent_tasks\"")
                    .contains("\"day\":\"" + DAY + "\"").contains("\"executionId\":-30").contains("\"job\":\"daily-export\"");
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM agent_tasks")).isEqualTo(rowsBefore);
        assertThat(new com.tokyoia.etl.infrastructure.extract.DayExtractor(TestDatabase.dataSource()).facts(TASKS, DAY).checksum())
                .isEqualTo(checksumBefore);
    }

    @Test
    void anUnreachableWebhookDoesNotMaskTheFailure(@TempDir Path work) throws Exception {
        String closed = "http://127.0.0.1:" + S3ProxyServer.freePort();
        try (S3ObjectStore store = S3ObjectStore.anonymous(S3ProxyServer.settings("down", closed))) {
            DayExportTask task = new DayExportTask(Exporters.exporter(store, work),
                    List.of(new WebhookNotifier(java.net.URI.create("http://127.0.0.1:" + S3ProxyServer.freePort() + "/x"))));
            assertThatThrownBy(() -> task.run("daily-export", TASKS, DAY, -31, false))
                    .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class)
                    .hasMessageContaining("Connection refused");
        }
    }

    private static long duckCount(Path lake) throws Exception {
        try (var duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             var rs = duck.createStatement().executeQuery("SELECT count(*) FROM read_parquet('" + lake + "/agent_tasks/*/*/*/*.parquet')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
