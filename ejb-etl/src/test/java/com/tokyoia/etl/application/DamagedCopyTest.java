package com.tokyoia.etl.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.alerting.Notice;
import com.tokyoia.etl.application.port.AlertChannel;
import com.tokyoia.etl.application.retention.DayRetention;
import com.tokyoia.etl.application.retention.RetentionVerdict;
import com.tokyoia.etl.infrastructure.failure.TransientFailures;
import com.tokyoia.etl.infrastructure.lock.PostgresExportLocks;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.retention.PostgresHotDays;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.MutableClock;
import com.tokyoia.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proven copy damaged in the lake after its export, four ways, on a real lake directory and the
 * real manifest: deep verify finds each one, records it on the version and announces it once
 * however often it is found again (by deep verify or retention's check); retention keeps the day in
 * PostgreSQL; once the proven bytes are back, the next check clears both.
 */
class DamagedCopyTest {
    static final LocalDate DAY = LocalDate.of(2019, 2, 14);
    static final Instant NOW = Instant.parse("2019-06-01T12:00:00Z");
    static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;

    enum Damage { BYTES_FLIPPED, TRUNCATED, DELETED, OLDER_VERSION }

    @TempDir
    Path lake;
    @TempDir
    Path work;
    final MutableClock clock = new MutableClock(NOW);
    final JdbcManifest manifest = new JdbcManifest(TestDatabase.dataSource(), clock);
    final List<Notice> notices = new ArrayList<>();
    final Alerts alerts = new Alerts(List.of((AlertChannel) notices::add));
    final DamagedCopies damaged = new DamagedCopies(manifest, alerts, clock);

    @BeforeEach
    void oneExportedDay() throws Exception {
        TestDatabase.resetDays(List.of(DAY));
        TestDatabase.resetManifest(List.of(DAY));
        HotDataGenerator generator = new HotDataGenerator(214);
        generator.createAgents(3, "damaged-");
        generator.day(DAY, new HotDataGenerator.Volume(6, 600, 100, 50, 5));
        EtlFixtures.exporter(new LocalDirectoryStore(lake), work).export(TASKS, DAY, -1, false);
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedCopyIsFoundRecordedAnnouncedOnceKeptInPostgresAndClearedOnceWholeAgain(Damage damage) throws Exception {
        Path older = work.resolve("older.parquet");
        if (damage == Damage.OLDER_VERSION) {
            // Version 1 is kept aside, the rows change, version 2 is exported: then version 1's bytes land on version 2's key.
            Files.copy(lake.resolve(current().objectKey()), older);
            TestDatabase.exec("UPDATE agent_tasks SET tokens_input = coalesce(tokens_input, 0) + 1 WHERE id = (SELECT id FROM "
                    + "agent_tasks WHERE " + TestDatabase.inUtcDay("created_at") + " ORDER BY id LIMIT 1)", DAY, DAY);
            EtlFixtures.exporter(new LocalDirectoryStore(lake), work).export(TASKS, DAY, -2, true);
        }
        ManifestEntry proven = current();
        Path file = lake.resolve(proven.objectKey());
        Path good = work.resolve("good.parquet");
        Files.copy(file, good);
        long rows = TestDatabase.count("SELECT count(*) FROM agent_tasks WHERE " + TestDatabase.inUtcDay("created_at"), DAY, DAY);
        String expected = damage(damage, file, older);

        DeepVerifier verifier = new DeepVerifier(manifest, new LocalDirectoryStore(lake), new ParquetFiles(), work, damaged);
        DeepVerifier.Verdict verdict = verifier.verify(TASKS, DAY);
        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.version()).isEqualTo(proven.version());
        assertThat(verdict.detail()).contains(expected);
        assertThat(current().damage()).isEqualTo(verdict.detail());
        assertThat(current().damageFoundAt()).isEqualTo(NOW);
        assertThat(current().status()).as("still the proven version: the damage is recorded, not hidden").isEqualTo(proven.status());

        // Found again by deep verify, then by retention's own check: still one announcement.
        clock.advance(Duration.ofMinutes(5));
        assertThat(verifier.verify(TASKS, DAY).ok()).isFalse();
        RetentionVerdict retention = retention().apply(TASKS, DAY, 77, false);
        assertThat(retention.outcome()).isEqualTo(RetentionVerdict.Outcome.HELD);
        assertThat(retention.copyDamaged()).isTrue();
        assertThat(retention.reason()).contains(proven.objectKey());
        assertThat(TestDatabase.count("SELECT count(*) FROM agent_tasks WHERE " + TestDatabase.inUtcDay("created_at"), DAY, DAY))
                .as("the day stays in PostgreSQL").isEqualTo(rows);
        assertThat(notices).hasSize(1);
        Notice opened = notices.get(0);
        assertThat(opened.state()).isEqualTo(Notice.State.OPENED);
        assertThat(opened.fact("step")).isEqualTo(Alerts.LAKE_COPY);
        assertThat(opened.fact("job")).isEqualTo("deep-verify");
        assertThat(opened.fact("table")).isEqualTo("agent_tasks");
        assertThat(opened.fact("day")).isEqualTo(DAY.toString());
        assertThat(opened.fact("error")).contains("version " + proven.version()).contains(expected);

        // The proven bytes are put back: the next check finds the copy whole and says so once.
        Files.createDirectories(file.getParent());
        Files.copy(good, file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(verifier.verify(TASKS, DAY).ok()).isTrue();
        assertThat(current().damage()).isNull();
        assertThat(current().damageFoundAt()).isNull();
        assertThat(notices).extracting(Notice::state).containsExactly(Notice.State.OPENED, Notice.State.CLEARED);
        assertThat(verifier.verify(TASKS, DAY).ok()).isTrue();
        assertThat(notices).hasSize(2);
    }

    /** Damages the stored copy; returns what the verdict must name. */
    private static String damage(Damage damage, Path file, Path older) throws Exception {
        switch (damage) {
            case BYTES_FLIPPED -> {
                byte[] bytes = Files.readAllBytes(file);
                bytes[bytes.length / 3] ^= 0x01;
                Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
                return "SHA-256";
            }
            case TRUNCATED -> {
                byte[] bytes = Files.readAllBytes(file);
                Files.write(file, Arrays.copyOf(bytes, bytes.length - 8), StandardOpenOption.TRUNCATE_EXISTING);
                return (bytes.length - 8) + " bytes";
            }
            case DELETED -> {
                Files.delete(file);
                return "missing";
            }
            case OLDER_VERSION -> {
                Files.copy(older, file, StandardCopyOption.REPLACE_EXISTING);
                return "SHA-256 " + Sha256.ofFile(older);
            }
            default -> throw new IllegalArgumentException(damage.name());
        }
    }

    private ManifestEntry current() throws Exception {
        return manifest.current(TASKS.name(), DAY).orElseThrow();
    }

    private DayRetention retention() {
        return new DayRetention(manifest, new LocalDirectoryStore(lake), EtlFixtures.source(),
                new PostgresHotDays(TestDatabase.dataSource(), clock, Duration.ofDays(30)), new PostgresExportLocks(TestDatabase.dataSource()),
                new Retry(1, Duration.ofMillis(10), TransientFailures::isTransient), work, 100, damaged);
    }
}
