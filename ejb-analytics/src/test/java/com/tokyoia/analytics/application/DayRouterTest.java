package com.tokyoia.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.LakeReach;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.manifest.ValidatedCopy;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DayRouterTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 31);

    /** A manifest held in a list; the router only reads current versions. */
    private static final class FixedManifest implements Manifest {
        private final List<ManifestEntry> entries;
        private int asked;

        FixedManifest(List<ManifestEntry> entries) {
            this.entries = entries;
        }

        @Override
        public List<ManifestEntry> currentVersions(String table, LocalDate from, LocalDate to) {
            asked++;
            Map<LocalDate, ManifestEntry> newestProven = new TreeMap<>();
            entries.stream().filter(e -> e.table().equals(table) && !e.day().isBefore(from) && !e.day().isAfter(to) && e.isProven())
                    .forEach(e -> newestProven.merge(e.day(), e, (a, b) -> a.version() >= b.version() ? a : b));
            return List.copyOf(newestProven.values());
        }

        @Override
        public List<ManifestEntry> latestVersions(String table, LocalDate from, LocalDate to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ManifestEntry> latest(String table, LocalDate day) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ManifestEntry> current(String table, LocalDate day) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ManifestEntry> begin(String table, LocalDate day, long executionId, boolean newVersion) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markExported(long id, ValidatedCopy copy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markValidated(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markFailed(long id, String error) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<LocalDate> lastProvenDay(String table, LocalDate before) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ManifestEntry> forExecution(long executionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ManifestEntry> supersededBefore(Instant before) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markRemoved(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markStorage(long id, String storageClass, Instant restoredUntil, Instant checkedAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markDamaged(long id, String damage, Instant foundAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markWhole(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markRestoreRequested(long id, String tier, Instant at) {
            throw new UnsupportedOperationException();
        }
    }

    private static ManifestEntry entry(LocalDate day, ManifestStatus status, String storageClass) {
        return entry(day, 2, status, storageClass);
    }

    private static ManifestEntry entry(LocalDate day, int version, ManifestStatus status, String storageClass) {
        return new ManifestEntry(day.toEpochDay() * 100 + version, "agent_tasks", day, version, status, 10L, 100L, "{}", "rows:10;sum:1", "ab",
                "agent_tasks/" + day, "etag", storageClass, null, 1L, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null);
    }

    @Test
    void daysSplitByTheHotWindowAndWhatTheManifestSays() throws Exception {
        LocalDate hotStart = TODAY.minusDays(30);
        List<ManifestEntry> entries = new ArrayList<>();
        entries.add(entry(hotStart.minusDays(5), ManifestStatus.VALIDATED, "STANDARD"));
        entries.add(entry(hotStart.minusDays(4), ManifestStatus.PURGED, "STANDARD"));
        entries.add(entry(hotStart.minusDays(3), ManifestStatus.FAILED, null));
        entries.add(entry(hotStart.minusDays(2), ManifestStatus.ARCHIVED, "DEEP_ARCHIVE"));
        entries.add(entry(hotStart.minusDays(1), ManifestStatus.VALIDATED, "GLACIER_IR"));
        DayRouter router = new DayRouter(new FixedManifest(entries), 30);

        DayPlan plan = router.plan(LakeSchemaRegistry.AGENT_TASKS, hotStart.minusDays(6), hotStart.plusDays(2), TODAY);

        assertThat(plan.hotDays()).containsExactly(hotStart, hotStart.plusDays(1));
        assertThat(plan.coldDays()).extracting(DayPlan.ColdDay::day)
                .containsExactly(hotStart.minusDays(5), hotStart.minusDays(4), hotStart.minusDays(1));
        assertThat(plan.coldDays()).allMatch(d -> d.version() == 2);
        assertThat(plan.missingDays()).as("never exported, or only failed attempts")
                .containsExactly(hotStart.minusDays(6), hotStart.minusDays(3));
        assertThat(plan.archivedDays()).containsExactly(hotStart.minusDays(2));
    }

    @Test
    void aDayKeptWhereTheEngineDoesNotReadIsUnreachableNotCold() throws Exception {
        LocalDate day = TODAY.minusDays(60);
        ManifestEntry local = entry(day, ManifestStatus.VALIDATED, "LOCAL");
        ManifestEntry recorded = new ManifestEntry(local.id(), local.table(), day, local.version(), local.status(), local.rowCount(),
                local.bytes(), local.columnSizes(), local.contentChecksum(), local.sha256(), local.objectKey(), local.etag(),
                local.storageClass(), null, 1L, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null,
                "local", "file:///var/lib/tokyo-ia/lake", "none");
        ManifestEntry unrecorded = entry(day.plusDays(1), ManifestStatus.VALIDATED, "STANDARD");
        FixedManifest manifest = new FixedManifest(List.of(recorded, unrecorded));
        LakeReach trino = LakeReach.overS3("trino", "s3://tokyo-ia-lake/lake", "trino");

        DayPlan plan = new DayRouter(manifest, 30, trino).plan(LakeSchemaRegistry.AGENT_TASKS, day, day.plusDays(2), TODAY);

        assertThat(plan.unreachableDays()).extracting(DayPlan.UnreachableDay::day).containsExactly(day);
        assertThat(plan.unreachableDays().get(0).reason()).contains("local store").contains("trino");
        assertThat(plan.coldDays()).as("a copy without a recorded location is trusted, as before")
                .extracting(DayPlan.ColdDay::day).containsExactly(day.plusDays(1));
        DayPlan here = new DayRouter(manifest, 30, LakeReach.duckdb(new LakeLocation("local", "file:///var/lib/tokyo-ia/lake", "none")))
                .plan(LakeSchemaRegistry.AGENT_TASKS, day, day.plusDays(2), TODAY);
        assertThat(here.unreachableDays()).isEmpty();
        assertThat(here.coldDays()).hasSize(2);
    }

    @Test
    void aNewerVersionInProgressOrFailedNeverHidesTheCurrentOne() throws Exception {
        LocalDate day = TODAY.minusDays(60);
        List<ManifestEntry> entries = List.of(entry(day, 1, ManifestStatus.VALIDATED, "STANDARD"),
                entry(day, 2, ManifestStatus.EXPORTING, null), entry(day.plusDays(1), 1, ManifestStatus.VALIDATED, "STANDARD"),
                entry(day.plusDays(1), 2, ManifestStatus.EXPORTED, "STANDARD"), entry(day.plusDays(2), 1, ManifestStatus.VALIDATED, null),
                entry(day.plusDays(2), 2, ManifestStatus.FAILED, null));
        DayPlan plan = new DayRouter(new FixedManifest(entries), 30).plan(LakeSchemaRegistry.AGENT_TASKS, day, day.plusDays(3), TODAY);
        assertThat(plan.coldDays()).extracting(DayPlan.ColdDay::version).containsExactly(1, 1, 1);
        assertThat(plan.missingDays()).isEmpty();
    }

    @Test
    void aDayPurgedFromPostgreSqlIsReadFromTheLakeEvenInsideTheHotWindow() throws Exception {
        LocalDate purged = TODAY.minusDays(3);
        FixedManifest manifest = new FixedManifest(List.of(entry(purged, ManifestStatus.PURGED, "STANDARD"),
                entry(TODAY.minusDays(2), ManifestStatus.VALIDATED, "STANDARD")));
        DayPlan plan = new DayRouter(manifest, 30).plan(LakeSchemaRegistry.AGENT_TASKS, TODAY.minusDays(3), TODAY.plusDays(1), TODAY);
        assertThat(manifest.asked).isEqualTo(1);
        assertThat(plan.hotDays()).containsExactly(TODAY.minusDays(2), TODAY.minusDays(1), TODAY);
        assertThat(plan.coldDays()).extracting(DayPlan.ColdDay::day).containsExactly(purged);
        assertThat(plan.missingDays()).isEmpty();
    }

    @Test
    void aDayWhoseCopyACheckFoundDamagedIsRefusedUnlessPostgreSqlStillAnswersIt() throws Exception {
        LocalDate old = TODAY.minusDays(60);
        LocalDate purgedRecently = TODAY.minusDays(3);
        LocalDate stillHot = TODAY.minusDays(2);
        ManifestEntry whole = entry(old.plusDays(1), ManifestStatus.VALIDATED, "STANDARD");
        FixedManifest manifest = new FixedManifest(List.of(damaged(entry(old, ManifestStatus.VALIDATED, "STANDARD"), "SHA-256 differs"),
                whole, damaged(entry(purgedRecently, ManifestStatus.PURGED, "STANDARD"), "missing from the lake"),
                damaged(entry(stillHot, ManifestStatus.VALIDATED, "STANDARD"), "cut off")));

        DayPlan plan = new DayRouter(manifest, 30).plan(LakeSchemaRegistry.AGENT_TASKS, old, TODAY.plusDays(1), TODAY);

        assertThat(plan.damagedDays()).containsExactly(new DayPlan.DamagedDay(old, 2, "SHA-256 differs"),
                new DayPlan.DamagedDay(purgedRecently, 2, "missing from the lake"));
        assertThat(plan.coldDays()).extracting(DayPlan.ColdDay::day).containsExactly(old.plusDays(1));
        assertThat(plan.hotDays()).as("a day PostgreSQL still holds inside the hot window never needed the copy")
                .contains(stillHot).doesNotContain(purgedRecently);
        assertThat(plan.archivedDays()).isEmpty();
        assertThat(plan.unreachableDays()).isEmpty();
    }

    private static ManifestEntry damaged(ManifestEntry e, String damage) {
        return new ManifestEntry(e.id(), e.table(), e.day(), e.version(), e.status(), e.rowCount(), e.bytes(), e.columnSizes(),
                e.contentChecksum(), e.sha256(), e.objectKey(), e.etag(), e.storageClass(), e.errorMessage(), e.executionId(),
                e.createdAt(), e.exportedAt(), e.validatedAt(), e.updatedAt(), e.restoredUntil(), e.storeKind(), e.storeUri(),
                e.lakeCatalog(), e.previousStoreKind(), e.previousStoreUri(), e.previousLakeCatalog(), damage, Instant.EPOCH);
    }
}
