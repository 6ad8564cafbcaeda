package com.tokyoia.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.manifest.ValidatedCopy;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DayRouterTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 31);

    /** The manifest's latest versions, as a list; only latestVersions is asked by the router. */
    private static final class FixedManifest implements Manifest {
        private final List<ManifestEntry> entries;
        private int asked;

        FixedManifest(List<ManifestEntry> entries) {
            this.entries = entries;
        }

        @Override
        public List<ManifestEntry> latestVersions(String table, LocalDate from, LocalDate to) {
            asked++;
            return entries.stream().filter(e -> e.table().equals(table) && !e.day().isBefore(from) && !e.day().isAfter(to)).toList();
        }

        @Override
        public Optional<ManifestEntry> latest(String table, LocalDate day) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ManifestEntry> begin(String table, LocalDate day, long executionId, boolean newVersion) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markValidated(long id, ValidatedCopy copy) {
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
    }

    private static ManifestEntry entry(LocalDate day, ManifestStatus status, String storageClass) {
        return new ManifestEntry(day.toEpochDay(), "agent_tasks", day, 2, status, 10L, 100L, "{}", "rows:10;sum:1", "ab",
                "agent_tasks/" + day, "etag", storageClass, null, 1L, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
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
    void aRangeInsideTheHotWindowAsksTheManifestNothing() throws Exception {
        FixedManifest manifest = new FixedManifest(List.of());
        DayPlan plan = new DayRouter(manifest, 30).plan(LakeSchemaRegistry.AGENT_TASKS, TODAY.minusDays(3), TODAY.plusDays(1), TODAY);
        assertThat(manifest.asked).isZero();
        assertThat(plan.hotDays()).hasSize(4);
        assertThat(plan.coldDays()).isEmpty();
        assertThat(plan.missingDays()).isEmpty();
    }
}
