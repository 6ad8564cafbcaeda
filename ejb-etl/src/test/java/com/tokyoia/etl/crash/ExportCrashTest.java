package com.tokyoia.etl.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.application.ExportObserver;
import com.tokyoia.etl.application.port.ExportLocks;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An export, and a re-export of a proven day, each stopped at every step in a JVM of its own and
 * killed there with SIGKILL; then run again as a restarted job would. Throughout, the day's last
 * proven version stays current and readable; afterwards the day holds exactly PostgreSQL's rows,
 * every file in the day's folders is a proven copy (none half-written, none duplicated), no staging
 * file is left, and the manifest has one row per version with none left in progress.
 */
class ExportCrashTest {
    static final LocalDate DAY = LocalDate.of(2025, 4, 15);
    static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;
    static long hotRows;
    final JdbcManifest manifest = EtlFixtures.manifest();

    @BeforeAll
    static void data() throws Exception {
        TestDatabase.resetDays(List.of(DAY));
        HotDataGenerator generator = new HotDataGenerator(415);
        generator.createAgents(4, "crash-");
        generator.day(DAY, new HotDataGenerator.Volume(10, 3000, 10, 10, 5));
        hotRows = rowsInPostgres();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean reexport : List.of(false, true)) {
            for (ExportObserver.Step step : ExportObserver.Step.values()) {
                cases.add(Arguments.of(step, reexport));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, re-export {1}")
    @MethodSource("cases")
    void killedAtAStepThenRestartedLosesNothingAndHidesNothing(ExportObserver.Step step, boolean reexport,
                                                              @TempDir Path lake, @TempDir Path work) throws Exception {
        TestDatabase.resetManifest(List.of(DAY));
        LocalDirectoryStore store = new LocalDirectoryStore(lake);
        ManifestEntry before = null;
        if (reexport) {
            EtlFixtures.exporter(store, work).export(TASKS, DAY, -100, false);
            before = manifest.current(TASKS.name(), DAY).orElseThrow();
        }

        Process child = start(lake, work, step, reexport);
        try {
            awaitReached(child, step);
            assertPreviousProvenVersionReadable(lake, before, step);
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(child.isAlive()).isFalse();
        assertPreviousProvenVersionReadable(lake, before, step);

        DayExportResult restarted = restart(store, work, reexport);
        ManifestEntry current = manifest.current(TASKS.name(), DAY).orElseThrow();
        assertThat(current.status()).isEqualTo(ManifestStatus.VALIDATED);
        assertThat(current.rowCount()).isEqualTo(hotRows);
        assertThat(restarted.version()).isEqualTo(current.version());
        // A restart takes over the killed attempt's version; only a re-export killed after its version was made current
        // is followed by one more version, as the restarted job asks for a new one again.
        int expectedVersion = !reexport ? 1 : step == ExportObserver.Step.CURRENT ? 3 : 2;
        assertThat(current.version()).isEqualTo(expectedVersion);
        assertThat(duckCount(lake.resolve(current.objectKey()))).isEqualTo(hotRows);
        assertEveryFileIsAProvenCopy(lake);
        assertThat(TestDatabase.count("SELECT count(*) FROM export_manifest WHERE table_name = ? AND day = ? "
                + "AND status IN ('EXPORTING', 'EXPORTED')", TASKS.name(), DAY)).as("nothing left in progress").isZero();
        assertThat(TestDatabase.count("SELECT count(DISTINCT version) - count(*) FROM export_manifest WHERE table_name = ? "
                + "AND day = ?", TASKS.name(), DAY)).as("one row per version").isZero();
        try (Stream<Path> all = Files.walk(lake)) {
            assertThat(all.filter(p -> p.getFileName().toString().startsWith("."))).as("no staging file left").isEmpty();
        }
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).as("no local file of the killed attempt left").isEmpty();
        }
    }

    /**
     * The export again, as a restarted job runs it. PostgreSQL releases the killed session's export
     * lock when it notices the connection is gone, a moment after the kill: until then the day is
     * still "being exported", as a job restarted that quickly would be told.
     */
    private static DayExportResult restart(LocalDirectoryStore store, Path work, boolean reexport) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return EtlFixtures.exporter(store, work).export(TASKS, DAY, -102, reexport);
            } catch (ExportLocks.ExportInProgressException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private Process start(Path lake, Path work, ExportObserver.Step step, boolean reexport) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                StoppedExport.class.getName(), lake.toString(), work.toString(), TASKS.name(), DAY.toString(), step.name(),
                Boolean.toString(reexport), "-101");
        builder.redirectErrorStream(true);
        return builder.start();
    }

    private static void awaitReached(Process child, ExportObserver.Step step) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            if (line.equals(StoppedExport.REACHED + step)) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the export never reached " + step + "; it printed:\n" + seen);
    }

    /** What readers see: the version proven before the re-export, intact; or, for a first export, nothing until it is current. */
    private void assertPreviousProvenVersionReadable(Path lake, ManifestEntry before, ExportObserver.Step step) throws Exception {
        ManifestEntry current = manifest.current(TASKS.name(), DAY).orElse(null);
        if (step == ExportObserver.Step.CURRENT) {
            assertThat(current).as("the new version was made current before the kill").isNotNull();
            assertThat(current.version()).isEqualTo(before == null ? 1 : before.version() + 1);
        } else if (before == null) {
            assertThat(current).as("a first export is not readable before it is current").isNull();
            return;
        } else {
            assertThat(current.version()).as("readers keep the proven version").isEqualTo(before.version());
        }
        if (before != null) {
            Path file = lake.resolve(before.objectKey());
            assertThat(Sha256.ofFile(file)).as("the proven version's file is untouched").isEqualTo(before.sha256());
            assertThat(duckCount(file)).isEqualTo(before.rowCount());
        }
    }

    /** Every file under the day belongs to a version whose recorded SHA-256 it has. */
    private void assertEveryFileIsAProvenCopy(Path lake) throws Exception {
        List<Path> files;
        try (Stream<Path> all = Files.walk(lake.resolve(LakeKeys.partition(TASKS.name(), DAY)))) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String key = lake.relativize(file).toString();
            LakeKeys.Located at = LakeKeys.locate(key).orElseThrow(() -> new AssertionError("not a version file: " + key));
            String recorded = TestDatabase.string("SELECT sha256 FROM export_manifest WHERE table_name = ? AND day = ? AND version = ? "
                    + "AND status IN ('VALIDATED', 'PURGED', 'ARCHIVED') AND object_key = ?", at.table(), at.day(), at.version(), key);
            assertThat(recorded).as(key + " is a proven version's file").isNotNull();
            assertThat(Sha256.ofFile(file)).as(key + " is byte for byte what was proven").isEqualTo(recorded);
        }
    }

    private static long duckCount(Path file) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = duck.createStatement().executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long rowsInPostgres() throws Exception {
        return TestDatabase.count("SELECT count(*) FROM agent_tasks WHERE " + TestDatabase.inUtcDay("created_at"), DAY, DAY);
    }
}
