package com.tokyoia.etl.application.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.DamagedCopies;
import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.application.port.AlertChannel;
import com.tokyoia.etl.application.alerting.Notice;
import com.tokyoia.etl.application.recovery.DayReimport;
import com.tokyoia.etl.application.retention.RetentionVerdict.Outcome;
import com.tokyoia.etl.infrastructure.failure.TransientFailures;
import com.tokyoia.etl.infrastructure.lock.PostgresExportLocks;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.reimport.PostgresHotDayLoader;
import com.tokyoia.etl.infrastructure.retention.JdbcRetentionHolds;
import com.tokyoia.etl.infrastructure.retention.PostgresHotDays;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.MutableClock;
import com.tokyoia.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention against the real PostgreSQL and a real lake directory: a day leaves only when every
 * proof holds, and a day that fails any of them stays, with the reason, untouched. The days are in
 * 2019 and "today" is fixed, so no other test's days are ever candidates.
 */
class RetentionTest {
    static final LocalDate TODAY = LocalDate.of(2019, 6, 1);
    static final LocalDate DAY = LocalDate.of(2019, 1, 10);
    static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;
    static final LakeTable WORKFLOWS = LakeSchemaRegistry.WORKFLOWS;
    static final List<LakeTable> PARTITIONED = List.of(TASKS, LakeSchemaRegistry.AGENT_METRICS, LakeSchemaRegistry.AGENT_INTERACTIONS);

    @TempDir
    Path lake;
    @TempDir
    Path work;
    final JdbcManifest manifest = EtlFixtures.manifest();
    final PostgresHotDays hot = new PostgresHotDays(TestDatabase.dataSource(), SystemTime.clock(), Duration.ofDays(30));
    final List<Notice> alerts = new ArrayList<>();
    /** One announcer for retention's holds and the copies it finds damaged, as the server wires them. */
    final Alerts sink = new Alerts(List.of((AlertChannel) alerts::add));

    @BeforeEach
    void oneExportedDay() throws Exception {
        TestDatabase.resetDays(List.of(DAY, DAY.plusDays(1)));
        TestDatabase.exec("DELETE FROM retention_hold");
        HotDataGenerator generator = new HotDataGenerator(110);
        generator.createAgents(3, "retention-");
        generator.day(DAY, new HotDataGenerator.Volume(6, 400, 300, 200, 5));
        for (LakeTable table : PARTITIONED) {
            EtlFixtures.exporter(new LocalDirectoryStore(lake), work).export(table, DAY, -1, false);
        }
    }

    private DayRetention days(int batchRows) {
        return days(batchRows, hot);
    }

    private DayRetention days(int batchRows, PostgresHotDays hot) {
        return new DayRetention(manifest, new LocalDirectoryStore(lake), EtlFixtures.source(), hot,
                new PostgresExportLocks(TestDatabase.dataSource()), new Retry(1, Duration.ofMillis(10), TransientFailures::isTransient),
                work, batchRows, new DamagedCopies(manifest, sink, SystemTime.clock()));
    }

    private RetentionRun run() {
        return new RetentionRun(days(100), hot, new JdbcRetentionHolds(TestDatabase.dataSource(), SystemTime.clock()), sink, 90);
    }

    @Test
    void aProvenDayLeavesPostgresAsWholePartitionsAndTheManifestSaysSo() throws Exception {
        long tasks = tasksInPostgres();
        List<RetentionVerdict> verdicts = run().run(TODAY, 77, false, () -> false);

        assertThat(verdicts).filteredOn(v -> v.day().equals(DAY) && v.outcome() == Outcome.PURGED)
                .extracting(RetentionVerdict::table).containsExactlyInAnyOrder("agent_tasks", "agent_metrics", "agent_interactions");
        assertThat(verdicts).filteredOn(v -> v.table().equals("agent_tasks") && v.day().equals(DAY))
                .extracting(RetentionVerdict::rows).containsExactly(tasks);
        for (LakeTable table : PARTITIONED) {
            assertThat(TestDatabase.string("SELECT to_regclass(?)::text", table.name() + "_p20190110")).as("partition dropped").isNull();
            ManifestEntry entry = manifest.current(table.name(), DAY).orElseThrow();
            assertThat(entry.status()).isEqualTo(ManifestStatus.PURGED);
            assertThat(TestDatabase.count("SELECT purge_execution_id FROM export_manifest WHERE id = ?", entry.id())).isEqualTo(77);
        }
        // Late data for the day is refused instead of landing in a partition nobody exports.
        assertThatThrownBy(() -> TestDatabase.exec("SELECT tokyoia_ensure_day_partition('agent_tasks', ?)", DAY))
                .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("TKP01"));
        // A new version would replace the lake's only copy with nothing.
        assertThatThrownBy(() -> EtlFixtures.exporter(new LocalDirectoryStore(lake), work).export(TASKS, DAY, -2, true))
                .hasMessageContaining("purged");
        // Running again finds nothing left to do.
        assertThat(run().run(TODAY, 78, false, () -> false)).noneMatch(v -> v.day().equals(DAY) && PARTITIONED.stream()
                .anyMatch(t -> t.name().equals(v.table())));
    }

    @Test
    void theAuditLogLeavesOnlyAfterItsLakeCopyIsProvenAndComesBackRowForRow() throws Exception {
        LakeTable audit = LakeSchemaRegistry.AUDIT_LOG;
        String rowsOfTheDay = "SELECT count(*) FROM audit_log WHERE " + TestDatabase.inUtcDay("occurred_at");
        long rows = TestDatabase.count(rowsOfTheDay, DAY, DAY);
        assertThat(rows).as("the generator writes the day's audit trail").isEqualTo(6);
        assertThat(days(100).apply(audit, DAY, 95, false).outcome()).as("not exported yet").isEqualTo(Outcome.HELD);
        assertThat(TestDatabase.count(rowsOfTheDay, DAY, DAY)).isEqualTo(rows);

        // As the server runs it: the application's role, for which the audit trail is append-only.
        PostgresHotDays asApplication = new PostgresHotDays(TestDatabase.applicationDataSource(), SystemTime.clock(), Duration.ofDays(30));
        try (Connection app = TestDatabase.connectAsApplication(); Statement st = app.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit_log WHERE occurred_at < '2000-01-01'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeQuery("SELECT tokyoia_delete_purged_audit_rows('" + DAY + "', 10)"))
                    .as("a day not marked purged keeps its rows").isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("TKP02"));
        }
        assertThat(TestDatabase.count(rowsOfTheDay, DAY, DAY)).isEqualTo(rows);

        EtlFixtures.exporter(new LocalDirectoryStore(lake), work).export(audit, DAY, -1, false);
        RetentionVerdict purged = days(4, asApplication).apply(audit, DAY, 96, false);
        assertThat(purged.outcome()).isEqualTo(Outcome.PURGED);
        assertThat(purged.rows()).isEqualTo(rows);
        assertThat(TestDatabase.count(rowsOfTheDay, DAY, DAY)).isZero();
        assertThat(current(audit).status()).isEqualTo(ManifestStatus.PURGED);

        DayReimport reimport = new DayReimport(manifest, new LocalDirectoryStore(lake), new ParquetFiles(),
                new PostgresHotDayLoader(TestDatabase.dataSource(), SystemTime.clock()), new PostgresExportLocks(TestDatabase.dataSource()),
                work);
        assertThat(reimport.reimport(audit, DAY)).isEqualTo(rows);
        assertThat(TestDatabase.count(rowsOfTheDay + " AND details LIKE '%東京%'", DAY, DAY)).isPositive();
    }

    @Test
    void aDryRunChangesNothingAndSaysWhatWouldGo() throws Exception {
        Map<String, String> before = TestDatabase.fingerprints(TestDatabase.APPLICATION_TABLES);
        List<RetentionVerdict> verdicts = run().run(TODAY, 79, true, () -> false);
        assertThat(verdicts).filteredOn(v -> v.table().equals("agent_tasks") && v.day().equals(DAY))
                .extracting(RetentionVerdict::outcome).containsExactly(Outcome.WOULD_PURGE);
        assertThat(verdicts).filteredOn(v -> v.table().equals("workflows") && v.day().equals(DAY))
                .extracting(RetentionVerdict::outcome).containsExactly(Outcome.HELD);
        assertThat(TestDatabase.fingerprints(TestDatabase.APPLICATION_TABLES)).isEqualTo(before);
        assertThat(TestDatabase.count("SELECT count(*) FROM retention_hold")).isZero();
        assertThat(alerts).isEmpty();
    }

    @Test
    void aMissingCopyKeepsTheDay() throws Exception {
        Files.delete(lake.resolve(current(TASKS).objectKey()));
        assertKept(TASKS, "missing");
    }

    @Test
    void aTruncatedCopyKeepsTheDay() throws Exception {
        Path file = lake.resolve(current(TASKS).objectKey());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertKept(TASKS, "bytes");
    }

    @Test
    void aCopyWithOtherBytesKeepsTheDay() throws Exception {
        Path file = lake.resolve(current(TASKS).objectKey());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        assertKept(TASKS, "SHA-256");
    }

    @Test
    void rowsChangedAfterTheExportKeepTheDay() throws Exception {
        TestDatabase.exec("UPDATE agent_tasks SET tokens_input = coalesce(tokens_input, 0) + 1 WHERE id = (SELECT id FROM agent_tasks "
                + "WHERE " + TestDatabase.inUtcDay("created_at") + " LIMIT 1)", DAY, DAY);
        assertKept(TASKS, "changed");
    }

    @Test
    void aHeldDayAlertsOncePerReason() throws Exception {
        Files.delete(lake.resolve(current(TASKS).objectKey()));
        run().run(TODAY, 80, false, () -> false);
        run().run(TODAY, 81, false, () -> false);
        // A missing copy is the copy's own incident (lake-copy), found by retention: one alert, not a second one for the hold.
        assertThat(alerts).filteredOn(a -> a.fact("table").equals("agent_tasks") && a.fact("day").equals(DAY.toString())).hasSize(1)
                .allMatch(a -> a.fact("step").equals(Alerts.LAKE_COPY) && a.fact("job").equals("retention")
                        && a.fact("error").contains("missing"));
        assertThat(TestDatabase.string("SELECT reason FROM retention_hold WHERE table_name = 'agent_tasks' AND day = ?", DAY))
                .contains("missing");
    }

    @Test
    void aDayHeldForChangedRowsAlertsOnceAsARetentionHold() throws Exception {
        TestDatabase.exec("UPDATE agent_tasks SET tokens_input = coalesce(tokens_input, 0) + 2 WHERE id = (SELECT id FROM agent_tasks "
                + "WHERE " + TestDatabase.inUtcDay("created_at") + " LIMIT 1)", DAY, DAY);
        run().run(TODAY, 86, false, () -> false);
        run().run(TODAY, 87, false, () -> false);
        assertThat(alerts).filteredOn(a -> a.fact("table").equals("agent_tasks") && a.fact("day").equals(DAY.toString())).hasSize(1)
                .allMatch(a -> a.fact("step").equals(Alerts.RETENTION) && a.fact("error").contains("changed"));
        assertThat(current(TASKS).trusted()).as("the copy itself is fine").isTrue();
    }

    @Test
    void workflowsLeaveOnlyWhenFinishedAndNoHotRowReferToThem() throws Exception {
        TestDatabase.exec("UPDATE workflows SET status = 'RUNNING', finished_at = NULL WHERE "
                + TestDatabase.inUtcDay("created_at"), DAY, DAY);
        EtlFixtures.exporter(new LocalDirectoryStore(lake), work).export(WORKFLOWS, DAY, -3, false);
        RetentionVerdict running = days(100).apply(WORKFLOWS, DAY, 82, false);
        assertThat(running.outcome()).isEqualTo(Outcome.HELD);
        assertThat(running.reason()).contains("not finished");

        // Finished now, but the day's tasks (still in PostgreSQL) refer to them.
        TestDatabase.exec("UPDATE workflows SET status = 'COMPLETED', finished_at = created_at, updated_at = created_at "
                + "WHERE " + TestDatabase.inUtcDay("created_at"), DAY, DAY);
        EtlFixtures.exporter(new LocalDirectoryStore(lake), work).export(WORKFLOWS, DAY, -4, true);
        RetentionVerdict referenced = days(100).apply(WORKFLOWS, DAY, 83, false);
        assertThat(referenced.outcome()).isEqualTo(Outcome.HELD);
        assertThat(referenced.reason()).contains("referred to by agent_tasks");

        // Once the tasks and interactions have gone, the workflows go too, in batches.
        for (LakeTable table : PARTITIONED) {
            assertThat(days(100).apply(table, DAY, 84, false).outcome()).isEqualTo(Outcome.PURGED);
        }
        long workflows = TestDatabase.count("SELECT count(*) FROM workflows WHERE " + TestDatabase.inUtcDay("created_at"),
                DAY, DAY);
        RetentionVerdict purged = days(2).apply(WORKFLOWS, DAY, 85, false);
        assertThat(purged.outcome()).isEqualTo(Outcome.PURGED);
        assertThat(purged.rows()).isEqualTo(workflows).isGreaterThan(2);
        assertThat(TestDatabase.count("SELECT count(*) FROM workflows WHERE " + TestDatabase.inUtcDay("created_at"),
                DAY, DAY)).isZero();
        assertThat(current(WORKFLOWS).status()).isEqualTo(ManifestStatus.PURGED);
    }

    @Test
    void aReplacedVersionsFilesGoAfterTheGracePeriodAndTheCurrentOnesStay() throws Exception {
        TestDatabase.exec("UPDATE agent_tasks SET tokens_input = coalesce(tokens_input, 0) + 7 WHERE id = (SELECT id FROM agent_tasks "
                + "WHERE " + TestDatabase.inUtcDay("created_at") + " LIMIT 1)", DAY, DAY);
        EtlFixtures.exporter(new LocalDirectoryStore(lake), work).export(TASKS, DAY, -5, true);
        ManifestEntry v1 = manifest.forExecution(-1).stream()
                .filter(e -> e.table().equals(TASKS.name()) && e.day().equals(DAY) && e.version() == 1).findFirst().orElseThrow();
        ManifestEntry v2 = current(TASKS);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(lake.resolve(v1.objectKey())).exists();

        MutableClock clock = new MutableClock(SystemTime.clock().instant());
        SupersededVersions versions = new SupersededVersions(manifest, new LocalDirectoryStore(lake),
                new Retry(1, Duration.ofMillis(10), TransientFailures::isTransient), Duration.ofDays(7), clock);
        versions.remove();
        assertThat(lake.resolve(v1.objectKey())).as("inside the grace period nothing goes").exists();
        clock.advance(Duration.ofDays(8));
        // Other tests' replaced versions in the shared database go too (their files are not in this lake).
        assertThat(versions.remove()).isPositive();
        assertThat(lake.resolve(v1.objectKey())).doesNotExist();
        assertThat(lake.resolve(v2.objectKey())).exists();
        assertThat(TestDatabase.string("SELECT status FROM export_manifest WHERE id = ?", v1.id())).isEqualTo("REMOVED");
        assertThat(current(TASKS).version()).isEqualTo(2);
        assertThat(versions.remove()).as("nothing left to remove").isZero();
    }

    @Test
    void aPurgedDayComesBackFromTheLakeRowForRowAndStaysHot() throws Exception {
        String before = TestDatabase.string("SELECT md5(string_agg(md5(t::text), ',' ORDER BY t.id)) FROM agent_tasks t "
                + "WHERE " + TestDatabase.inUtcDay("created_at"), DAY, DAY);
        long rows = tasksInPostgres();
        assertThat(days(100).apply(TASKS, DAY, 91, false).outcome()).isEqualTo(Outcome.PURGED);
        assertThat(tasksInPostgres()).isZero();

        DayReimport reimport = new DayReimport(manifest, new LocalDirectoryStore(lake), new ParquetFiles(),
                new PostgresHotDayLoader(TestDatabase.dataSource(), SystemTime.clock()), new PostgresExportLocks(TestDatabase.dataSource()),
                work);
        assertThat(reimport.reimport(TASKS, DAY)).isEqualTo(rows);
        assertThat(TestDatabase.string("SELECT md5(string_agg(md5(t::text), ',' ORDER BY t.id)) FROM agent_tasks t "
                + "WHERE " + TestDatabase.inUtcDay("created_at"), DAY, DAY)).as("row for row, every column").isEqualTo(before);
        assertThat(current(TASKS).status()).isEqualTo(ManifestStatus.VALIDATED);
        assertThat(reimport.reimport(TASKS, DAY)).as("again: nothing to do").isZero();
        assertThat(tasksInPostgres()).isEqualTo(rows);

        RetentionVerdict kept = days(100).apply(TASKS, DAY, 92, false);
        assertThat(kept.outcome()).as("a re-imported day stays hot for a while").isEqualTo(Outcome.HELD);
        assertThat(kept.reason()).contains("re-imported");
    }

    @Test
    void aReimportOverOtherRowsIsRefusedAndChangesNothing() throws Exception {
        TestDatabase.exec("UPDATE agent_tasks SET tokens_input = coalesce(tokens_input, 0) + 3 WHERE id = (SELECT id FROM agent_tasks "
                + "WHERE " + TestDatabase.inUtcDay("created_at") + " LIMIT 1)", DAY, DAY);
        Map<String, String> before = TestDatabase.fingerprints(TestDatabase.APPLICATION_TABLES);
        DayReimport reimport = new DayReimport(manifest, new LocalDirectoryStore(lake), new ParquetFiles(),
                new PostgresHotDayLoader(TestDatabase.dataSource(), SystemTime.clock()), new PostgresExportLocks(TestDatabase.dataSource()),
                work);
        assertThatThrownBy(() -> reimport.reimport(TASKS, DAY)).hasMessageContaining("other rows");
        assertThat(TestDatabase.fingerprints(TestDatabase.APPLICATION_TABLES)).isEqualTo(before);
    }

    private void assertKept(LakeTable table, String reason) throws Exception {
        boolean copyDamaged = !reason.equals("changed");
        // A damaged copy is recorded on its manifest version (and only there); nothing else may change.
        List<String> unchanged = TestDatabase.APPLICATION_TABLES.stream().filter(t -> !copyDamaged || !t.equals("export_manifest"))
                .toList();
        Map<String, String> before = TestDatabase.fingerprints(unchanged);
        RetentionVerdict verdict = days(100).apply(table, DAY, 90, false);
        assertThat(verdict.outcome()).isEqualTo(Outcome.HELD);
        assertThat(verdict.reason()).contains(reason);
        assertThat(verdict.copyDamaged()).isEqualTo(copyDamaged);
        assertThat(TestDatabase.fingerprints(unchanged)).as("nothing changed").isEqualTo(before);
        assertThat(current(table).status()).isEqualTo(ManifestStatus.VALIDATED);
        assertThat(current(table).damage()).isEqualTo(copyDamaged ? verdict.reason() : null);
    }

    private ManifestEntry current(LakeTable table) throws Exception {
        return manifest.current(table.name(), DAY).orElseThrow();
    }

    private static long tasksInPostgres() throws Exception {
        return TestDatabase.count("SELECT count(*) FROM agent_tasks WHERE " + TestDatabase.inUtcDay("created_at"), DAY, DAY);
    }
}
