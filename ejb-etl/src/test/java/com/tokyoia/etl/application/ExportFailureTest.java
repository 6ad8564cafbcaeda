package com.tokyoia.etl.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.infrastructure.notify.WebhookNotifier;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.etl.infrastructure.store.S3ObjectStore;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.testing.FaultInjectingProxy;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.S3ProxyServer;
import com.tokyoia.testing.TestDatabase;
import com.tokyoia.testing.WebhookReceiver;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Crashes, flaky S3, dead S3: nothing duplicated, nothing lost, PostgreSQL untouched, people told. */
class ExportFailureTest {
    static final LocalDate DAY = LocalDate.of(2025, 3, 5);
    static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;
    static S3ProxyServer s3;
    final JdbcManifest manifest = EtlFixtures.manifest();

    @BeforeAll
    static void data() throws Exception {
        TestDatabase.resetDays(List.of(DAY));
        HotDataGenerator generator = new HotDataGenerator(99);
        generator.createAgents(5, "failure-");
        generator.day(DAY, new HotDataGenerator.Volume(20, 1500, 10, 10, 5));
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
        ExportObserver crash = (step, table, day) -> {
            if (step == ExportObserver.Step.UPLOADED) {
                throw new IllegalStateException("simulated crash after upload");
            }
        };
        assertThatThrownBy(() -> EtlFixtures.exporter(store, work, crash).export(TASKS, DAY, -10, false))
                .hasMessageContaining("simulated crash");
        ManifestEntry afterCrash = manifest.latest(TASKS.name(), DAY).orElseThrow();
        assertThat(afterCrash.status()).as("the manifest claims nothing").isEqualTo(ManifestStatus.FAILED);
        assertThat(store.list(LakeKeys.partition(TASKS.name(), DAY))).hasSize(1);

        DayExportResult restarted = EtlFixtures.exporter(store, work).export(TASKS, DAY, -11, false);
        assertThat(restarted.status()).isEqualTo(DayExportResult.Status.EXPORTED);
        assertThat(restarted.version()).as("the restart takes over the same version").isEqualTo(1);
        assertThat(store.list(LakeKeys.partition(TASKS.name(), DAY))).containsExactly(LakeKeys.dataFile(TASKS.name(), DAY, 1));
        assertThat(TestDatabase.count("SELECT count(*) FROM export_manifest WHERE table_name = ? AND day = ?", TASKS.name(), DAY))
                .isEqualTo(1);
        long pgRows = TestDatabase.count("SELECT count(*) FROM agent_tasks WHERE " + TestDatabase.inUtcDay("created_at"), DAY, DAY);
        assertThat(manifest.latest(TASKS.name(), DAY).orElseThrow().rowCount()).isEqualTo(pgRows).isEqualTo(1500);
        assertThat(duckCount(lake)).isEqualTo(1500);
    }

    @Test
    void s3FailingTwiceThenSucceedingCompletes(@TempDir Path work) throws Exception {
        try (FaultInjectingProxy flaky = new FaultInjectingProxy(s3.endpoint(), 2);
             S3ObjectStore store = S3ObjectStore.anonymous(EtlFixtures.s3(flaky.endpoint(), "flaky"))) {
            DayExportResult result = EtlFixtures.exporter(store, work).export(TASKS, DAY, -20, false);
            assertThat(flaky.failed()).isEqualTo(2);
            assertThat(result.status()).isEqualTo(DayExportResult.Status.EXPORTED);
            assertThat(manifest.latest(TASKS.name(), DAY).orElseThrow().status()).isEqualTo(ManifestStatus.VALIDATED);
            assertThat(store.list("agent_tasks/")).containsExactly(LakeKeys.dataFile(TASKS.name(), DAY, 1));
        }
    }

    @Test
    void s3DownFailsTheDayAlertsAndLeavesPostgresUntouched(@TempDir Path work) throws Exception {
        long rowsBefore = TestDatabase.count("SELECT count(*) FROM agent_tasks");
        String checksumBefore = EtlFixtures.source().facts(TASKS, DAY).checksum();
        String closed = "http://127.0.0.1:" + S3ProxyServer.freePort();
        try (WebhookReceiver webhook = new WebhookReceiver();
             S3ObjectStore store = S3ObjectStore.anonymous(EtlFixtures.s3(closed, "down"))) {
            DayExporter exporter = EtlFixtures.exporter(store, work);
            DayExportTask task = EtlFixtures.task(exporter, new WebhookNotifier(webhook.url()));
            assertThatThrownBy(() -> task.run("daily-export", TASKS, DAY, -30, false))
                    .isInstanceOf(SdkClientException.class).hasMessageContaining("Connection refused");

            ManifestEntry row = manifest.latest(TASKS.name(), DAY).orElseThrow();
            assertThat(row.status()).isEqualTo(ManifestStatus.FAILED);
            assertThat(row.errorMessage()).isNotBlank();
            assertThat(webhook.bodies()).hasSize(1);
            assertThat(webhook.bodies().get(0)).contains("\"text\":").contains("\"table\":\"agent_tasks\"")
                    .contains("\"day\":\"" + DAY + "\"").contains("\"executionId\":-30").contains("\"job\":\"daily-export\"");
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM agent_tasks")).isEqualTo(rowsBefore);
        assertThat(EtlFixtures.source().facts(TASKS, DAY).checksum())
                .isEqualTo(checksumBefore);
    }

    /**
     * The S3-compatible server killed for longer than the retries, across two nightly runs, then
     * started again: the day is FAILED with one alert, PostgreSQL is untouched, and the next run
     * (planned by the catch-up planner, as the nightly job does) exports it once and clears the alert.
     */
    @Test
    void anS3OutageFailsTheDayAlertsOnceAndTheNextRunCatchesUp(@TempDir Path work) throws Exception {
        String checksumBefore = EtlFixtures.source().facts(TASKS, DAY).checksum();
        long rows = TestDatabase.count("SELECT count(*) FROM agent_tasks WHERE " + TestDatabase.inUtcDay("created_at"), DAY, DAY);
        CatchUpPlanner planner = new CatchUpPlanner(manifest, 30);
        List<LakeTable> tables = List.of(TASKS);
        S3ProxyServer outage = S3ProxyServer.start();
        try (WebhookReceiver webhook = new WebhookReceiver();
             S3ObjectStore store = S3ObjectStore.anonymous(EtlFixtures.s3(outage.endpoint(), "outage"))) {
            DayExportTask task = EtlFixtures.task(EtlFixtures.exporter(store, work), new WebhookNotifier(webhook.url()));
            outage.kill();
            for (int night = 1; night <= 2; night++) {
                // The night's range runs from the planner's first day to yesterday (other tests' proven days may come before).
                assertThat(planner.firstMissingDay(tables, DAY.plusDays(1)).orElseThrow()).isBeforeOrEqualTo(DAY);
                long execution = -40 - night;
                assertThatThrownBy(() -> task.run("daily-export", TASKS, DAY, execution, false))
                        .isInstanceOf(SdkClientException.class);
                assertThat(manifest.latest(TASKS.name(), DAY).orElseThrow().status()).isEqualTo(ManifestStatus.FAILED);
            }
            assertThat(webhook.bodies()).as("two failed nights, one incident").hasSize(1);
            assertThat(webhook.bodies().get(0)).contains("\"state\":\"OPENED\"").contains("\"day\":\"" + DAY + "\"");
            assertThat(EtlFixtures.source().facts(TASKS, DAY).checksum()).isEqualTo(checksumBefore);

            outage = outage.restart();
            assertThat(planner.firstMissingDay(tables, DAY.plusDays(1)).orElseThrow()).isBeforeOrEqualTo(DAY);
            assertThat(task.run("daily-export", TASKS, DAY, -43, false).status()).isEqualTo(DayExportResult.Status.EXPORTED);
            ManifestEntry proven = manifest.current(TASKS.name(), DAY).orElseThrow();
            assertThat(proven.status()).isEqualTo(ManifestStatus.VALIDATED);
            assertThat(proven.rowCount()).isEqualTo(rows);
            assertThat(store.list("")).containsExactly(proven.objectKey());
            assertThat(duckCount(outage.bucketDirectory().resolve("outage"))).isEqualTo(rows);
            assertThat(planner.firstMissingDay(tables, DAY.plusDays(1))).as("nothing left to catch up").isEmpty();
            assertThat(webhook.bodies()).hasSize(2);
            assertThat(webhook.bodies().get(1)).contains("\"state\":\"CLEARED\"");
        } finally {
            outage.close();
        }
    }

    @Test
    void anUnreachableWebhookDoesNotMaskTheFailure(@TempDir Path work) throws Exception {
        String closed = "http://127.0.0.1:" + S3ProxyServer.freePort();
        try (S3ObjectStore store = S3ObjectStore.anonymous(EtlFixtures.s3(closed, "down"))) {
            DayExportTask task = EtlFixtures.task(EtlFixtures.exporter(store, work),
                    new WebhookNotifier(URI.create("http://127.0.0.1:" + S3ProxyServer.freePort() + "/x")));
            assertThatThrownBy(() -> task.run("daily-export", TASKS, DAY, -31, false))
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("Connection refused");
        }
    }

    private static long duckCount(Path lake) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = duck.createStatement().executeQuery("SELECT count(*) FROM read_parquet('" + lake + "/agent_tasks/*/*/*/*/*.parquet')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
