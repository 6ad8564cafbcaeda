package com.tokyoia.etl.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.domain.ExportRequest;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missed nights are caught up in one run; rows that arrive late make a new version of their day. */
class CatchUpAndReconcileTest {
    // "today" for these tests is 2025-04-20: the last proven day is the 16th, the server missed 17-19.
    static final LocalDate TODAY = LocalDate.of(2025, 4, 20);
    static final List<LocalDate> DAYS = List.of(LocalDate.of(2025, 4, 16), LocalDate.of(2025, 4, 17),
            LocalDate.of(2025, 4, 18), LocalDate.of(2025, 4, 19));
    static final List<LakeTable> TABLES = List.of(LakeSchemaRegistry.AGENT_METRICS, LakeSchemaRegistry.USER_SESSIONS);

    @BeforeAll
    static void data() throws Exception {
        TestDatabase.resetDays(DAYS);
        HotDataGenerator generator = new HotDataGenerator(300);
        generator.createAgents(5, "catch-up-");
        for (LocalDate day : DAYS) {
            generator.day(day, new HotDataGenerator.Volume(5, 10, 400, 10, 30));
        }
    }

    @Test
    void oneRunCatchesUpEveryMissedDay(@TempDir Path work, @TempDir Path lake) throws Exception {
        TestDatabase.resetManifest(DAYS);
        DayExporter exporter = EtlFixtures.exporter(new LocalDirectoryStore(lake), work);
        for (LakeTable table : TABLES) {
            exporter.export(table, DAYS.get(0), -1, false); // the last night that ran
        }
        JdbcManifest manifest = EtlFixtures.manifest();
        CatchUpPlanner planner = new CatchUpPlanner(manifest, 31);

        LocalDate first = planner.firstMissingDay(TABLES, TODAY).orElseThrow();
        assertThat(first).isEqualTo(LocalDate.of(2025, 4, 17));
        // The timer's single run: the range first..yesterday, every table, proven days skipped.
        ExportRequest run = new ExportRequest(first, TODAY.minusDays(1), TABLES);
        int exported = 0;
        for (LakeTable table : run.tables()) {
            for (LocalDate day : run.days()) {
                if (exporter.export(table, day, -2, false).status() == DayExportResult.Status.EXPORTED) {
                    exported++;
                }
            }
        }
        assertThat(exported).isEqualTo(3 * TABLES.size());
        for (LakeTable table : TABLES) {
            for (LocalDate day : DAYS) {
                assertThat(manifest.latest(table.name(), day).orElseThrow().status()).isEqualTo(ManifestStatus.VALIDATED);
            }
        }
        assertThat(planner.firstMissingDay(TABLES, TODAY)).as("nothing left to catch up").isEmpty();
    }

    @Test
    void aLateRowMakesReconcileExportVersionTwo(@TempDir Path work, @TempDir Path lake) throws Exception {
        LocalDate day = DAYS.get(2);
        TestDatabase.resetManifest(List.of(day));
        LakeTable metrics = LakeSchemaRegistry.AGENT_METRICS;
        DayExporter exporter = EtlFixtures.exporter(new LocalDirectoryStore(lake), work);
        exporter.export(metrics, day, -1, false);
        LakeReconciler reconciler = new LakeReconciler(EtlFixtures.manifest(), EtlFixtures.source(), exporter);
        assertThat(reconciler.reconcile(metrics, day, -2)).as("nothing changed yet").isEmpty();
        long before = manifestRows(metrics, day);

        try (Connection c = TestDatabase.dataSource().getConnection()) {
            UUID agent = UUID.randomUUID();
            TestDatabase.exec(c, "INSERT INTO agents (id, name, role, model, status, created_at, updated_at) VALUES (?, ?, 'r', 'm', 'ACTIVE', ?, ?)",
                    agent, "late-" + agent, HotDataGenerator.ts(day.atStartOfDay(ZoneOffset.UTC).toInstant()),
                    HotDataGenerator.ts(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
            TestDatabase.exec(c, "INSERT INTO agent_metrics (agent_id, metric_name, metric_value, recorded_at) VALUES (?, 'late', 42.5, ?)",
                    agent, Timestamp.from(day.atTime(23, 59, 59).toInstant(ZoneOffset.UTC)));
        }
        Optional<DayExportResult> reexported = reconciler.reconcile(metrics, day, -3);
        assertThat(reexported).isPresent();
        assertThat(reexported.get().version()).isEqualTo(2);
        ManifestEntry latest = EtlFixtures.manifest().latest(metrics.name(), day).orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.status()).isEqualTo(ManifestStatus.VALIDATED);
        assertThat(latest.rowCount()).isEqualTo(before + 1);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = duck.createStatement().executeQuery("SELECT count(*), count(*) FILTER (WHERE metric_name = 'late') FROM read_parquet('"
                     + lake.resolve(latest.objectKey()) + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(before + 1);
            assertThat(rs.getLong(2)).isEqualTo(1);
        }
        // Version 1 stays where it was, in its own folder, until retention removes it after the grace period.
        assertThat(lake.resolve(LakeKeys.dataFile(metrics.name(), day, 1))).exists();
        assertThat(lake.resolve(latest.objectKey())).isEqualTo(lake.resolve(LakeKeys.dataFile(metrics.name(), day, 2)));
    }

    private static long manifestRows(LakeTable table, LocalDate day) throws SQLException {
        return EtlFixtures.manifest().latest(table.name(), day).orElseThrow().rowCount();
    }
}
