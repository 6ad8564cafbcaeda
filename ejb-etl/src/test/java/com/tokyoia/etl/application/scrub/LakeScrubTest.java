package com.tokyoia.etl.application.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.application.DamagedCopies;
import com.tokyoia.etl.application.DeepVerifier;
import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.alerting.Notice;
import com.tokyoia.etl.application.port.AlertChannel;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.scrub.JdbcCopyChecks;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.MutableClock;
import com.tokyoia.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scrub over three exported days on a real lake directory and the real manifest, one of them
 * damaged after its export. The lake's other copies (other tests' days in the shared database) are
 * marked checked far in the future, so they come last and these days are the ones due.
 */
class LakeScrubTest {
    static final LocalDate FIRST = LocalDate.of(2019, 3, 11);
    static final LocalDate SECOND = FIRST.plusDays(1);
    static final LocalDate THIRD = FIRST.plusDays(2);
    static final List<LocalDate> DAYS = List.of(FIRST, SECOND, THIRD);
    static final Instant NOW = Instant.parse("2019-06-01T06:00:00Z");
    static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;
    static final LocalDate ALL_FROM = LocalDate.of(1970, 1, 1);
    static final LocalDate ALL_TO = LocalDate.of(9999, 12, 31);

    @TempDir
    Path lake;
    @TempDir
    Path work;
    final MutableClock clock = new MutableClock(NOW);
    final JdbcManifest manifest = new JdbcManifest(TestDatabase.dataSource(), clock);
    final JdbcCopyChecks checks = new JdbcCopyChecks(TestDatabase.dataSource());
    final List<Notice> notices = new ArrayList<>();
    final Alerts alerts = new Alerts(List.of((AlertChannel) notices::add));

    @BeforeEach
    void threeExportedDaysTheSecondDamaged() throws Exception {
        TestDatabase.resetDays(DAYS);
        TestDatabase.resetManifest(DAYS);
        TestDatabase.exec("INSERT INTO lake_copy_checks (manifest_id, checked_at, outcome) SELECT id, '3000-01-01Z', 'WHOLE' "
                + "FROM export_manifest ON CONFLICT (manifest_id) DO UPDATE SET checked_at = EXCLUDED.checked_at");
        HotDataGenerator generator = new HotDataGenerator(311);
        generator.createAgents(3, "scrub-");
        for (LocalDate day : DAYS) {
            generator.day(day, new HotDataGenerator.Volume(4, 300, 50, 20, 2));
            EtlFixtures.exporter(new LocalDirectoryStore(lake), work).export(TASKS, day, -1, false);
        }
        Path second = lake.resolve(current(SECOND).objectKey());
        byte[] bytes = Files.readAllBytes(second);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(second, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Test
    void checksTheLongestUncheckedFirstFindsTheDamageOnceAndComesBackToEachInTurn() throws Exception {
        LakeScrub.Scrubbed first = scrub(new ScrubSettings(2, Long.MAX_VALUE), 901);

        assertThat(first.whole()).isEqualTo(1);
        assertThat(first.damaged()).containsExactly("agent_tasks " + SECOND + " v1");
        assertThat(outcome(FIRST)).isEqualTo("WHOLE");
        assertThat(outcome(SECOND)).isEqualTo("DAMAGED");
        assertThat(outcome(THIRD)).as("beyond this run's two copies").isNull();
        assertThat(current(SECOND).damage()).contains("SHA-256");
        assertThat(current(FIRST).damage()).isNull();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).state()).isEqualTo(Notice.State.OPENED);
        assertThat(notices.get(0).fact("step")).isEqualTo(Alerts.LAKE_COPY);
        assertThat(notices.get(0).fact("job")).isEqualTo(LakeScrub.CHECKED_BY);
        assertThat(notices.get(0).fact("day")).isEqualTo(SECOND.toString());
        assertThat(first.summary()).startsWith("checked 2 (").contains("1 whole, 1 damaged agent_tasks " + SECOND + " v1");

        // The next night: the never-checked day, then the one checked longest ago (the tie broken by day).
        clock.advance(Duration.ofDays(1));
        LakeScrub.Scrubbed second = scrub(new ScrubSettings(2, Long.MAX_VALUE), 902);

        assertThat(second.whole()).isEqualTo(2);
        assertThat(second.damaged()).isEmpty();
        assertThat(checkedAt(THIRD)).isEqualTo(clock.instant());
        assertThat(checkedAt(FIRST)).isEqualTo(clock.instant());
        assertThat(checkedAt(SECOND)).isEqualTo(NOW);
        assertThat(second.coverage().neverChecked()).isZero();
        assertThat(second.coverage().oldestCheck()).contains(NOW);

        // A night whose byte bound is below one copy still checks one: the damaged day, found again, announced no more.
        clock.advance(Duration.ofDays(1));
        LakeScrub.Scrubbed third = scrub(new ScrubSettings(10, 1), 903);

        assertThat(third.checked()).isEqualTo(1);
        assertThat(third.damaged()).containsExactly("agent_tasks " + SECOND + " v1");
        assertThat(checkedAt(SECOND)).isEqualTo(clock.instant());
        assertThat(notices).hasSize(1);
    }

    @Test
    void aRangeChecksOnlyItsDays() throws Exception {
        DeepVerifier verifier = new DeepVerifier(manifest, new LocalDirectoryStore(lake), new ParquetFiles(), work,
                new DamagedCopies(manifest, alerts, clock));
        LakeScrub.Scrubbed third = new LakeScrub(checks, manifest, verifier, new ScrubSettings(10, Long.MAX_VALUE), clock)
                .scrub(THIRD, THIRD, 906);

        assertThat(third.whole()).isEqualTo(1);
        assertThat(third.coverage().copies()).isEqualTo(1);
        assertThat(outcome(THIRD)).isEqualTo("WHOLE");
        assertThat(outcome(FIRST)).isNull();
        assertThat(outcome(SECOND)).isNull();
        assertThat(third.summary()).isEqualTo("checked 1 (0 MiB): 1 whole, 0 damaged, 0 not readable; in range: 1 copies, "
                + "0 never checked, oldest check " + NOW);
    }

    @Test
    void anArchivedCopyIsNotReadAndACopyFoundWholeAgainIsCleared() throws Exception {
        int lakeBefore = checks.coverage(ALL_FROM, ALL_TO).copies();
        TestDatabase.exec("UPDATE export_manifest SET storage_class = 'GLACIER' WHERE id = ?", current(FIRST).id());

        assertThat(checks.coverage(ALL_FROM, ALL_TO).copies()).isEqualTo(lakeBefore - 1);
        assertThat(checks.leastRecentlyChecked(ALL_FROM, ALL_TO, 10)).extracting(due -> due.day()).startsWith(SECOND, THIRD).doesNotContain(FIRST);

        LakeScrub.Scrubbed found = scrub(new ScrubSettings(2, Long.MAX_VALUE), 904);
        assertThat(found.damaged()).hasSize(1);
        // The bytes flipped back (as an object-version restore would): the next check clears the record and says so once.
        Path second = lake.resolve(current(SECOND).objectKey());
        byte[] bytes = Files.readAllBytes(second);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(second, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        clock.advance(Duration.ofDays(1));

        LakeScrub.Scrubbed whole = scrub(new ScrubSettings(1, Long.MAX_VALUE), 905); // SECOND and THIRD tie: by day

        assertThat(whole.whole()).isEqualTo(1);
        assertThat(outcome(SECOND)).isEqualTo("WHOLE");
        assertThat(current(SECOND).damage()).isNull();
        assertThat(notices).extracting(Notice::state).containsExactly(Notice.State.OPENED, Notice.State.CLEARED);
        assertThat(outcome(FIRST)).as("never read while archived").isNull();
    }

    private LakeScrub.Scrubbed scrub(ScrubSettings settings, long execution) throws Exception {
        DeepVerifier verifier = new DeepVerifier(manifest, new LocalDirectoryStore(lake), new ParquetFiles(), work,
                new DamagedCopies(manifest, alerts, clock));
        return new LakeScrub(checks, manifest, verifier, settings, clock).scrub(ALL_FROM, ALL_TO, execution);
    }

    private ManifestEntry current(LocalDate day) throws Exception {
        return manifest.current(TASKS.name(), day).orElseThrow();
    }

    private String outcome(LocalDate day) throws Exception {
        return TestDatabase.string("SELECT outcome FROM lake_copy_checks WHERE manifest_id = ?", current(day).id());
    }

    private Instant checkedAt(LocalDate day) throws Exception {
        return Instant.parse(TestDatabase.string("SELECT to_char(checked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                + "FROM lake_copy_checks WHERE manifest_id = ?", current(day).id()));
    }
}
