package com.tokyoia.integration.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.LakeReach;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.analytics.infrastructure.engine.DuckDbEngine;
import com.tokyoia.analytics.infrastructure.engine.TrinoEngine;
import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.migration.CatalogResync;
import com.tokyoia.etl.application.migration.LakeMigration;
import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.etl.application.port.LakeStores;
import com.tokyoia.etl.infrastructure.catalog.TrinoCatalogPublisher;
import com.tokyoia.etl.infrastructure.failure.TransientFailures;
import com.tokyoia.etl.infrastructure.migration.JdbcLakeMigrationLog;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.etl.infrastructure.store.OpenedLakeStores;
import com.tokyoia.etl.infrastructure.store.S3ObjectStore;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.domain.StoredVersion;
import com.tokyoia.lake.domain.lifecycle.ArchiveState;
import com.tokyoia.lake.domain.lifecycle.RestoreTier;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.infrastructure.config.LakeSettings;
import com.tokyoia.lake.infrastructure.config.S3Settings;
import com.tokyoia.lake.infrastructure.config.TrinoSettings;
import com.tokyoia.lake.infrastructure.trino.TrinoConnector;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Growing from one machine to a cluster: ten days exported to a local lake (three of them then
 * only in the lake, as retention leaves them) are moved by the real migration classes to the real
 * S3-compatible server (S3Proxy) and registered in a real Trino. The first run is interrupted
 * halfway (the process "dies" right after writing one object, then the run is stopped) and one
 * copy is garbled by the target; the second run finishes without copying any proven version twice;
 * a third moves nothing. Every catalog query then answers on Trino exactly as DuckDB answered
 * from the local lake before, and DuckDB still answers from the copies left behind. The catalog
 * re-sync then rebuilds an emptied Trino schema, and a second re-sync changes nothing. Another
 * migration runs in a JVM of its own and is killed with SIGKILL halfway: the next run finishes it
 * without copying again any version the dead one had proven.
 */
class LakeMigrationIT {
    static final LocalDate FIRST = LakeFixture.TODAY.minusDays(70);
    static final LocalDate END = FIRST.plusDays(10);
    static final String SCHEMA = "tokyoia_it_migrated";
    /** A prefix of this run's own: the bucket outlives test runs, and a copy found there would not be copied. */
    static final LakeLocation TARGET = LakeLocation.s3("s3://tokyo-ia-lake/migrated-" + UUID.randomUUID().toString().substring(0, 8), "trino");
    static Path localRoot;
    static TrinoConnector trino;
    static LakeSettings lake;
    static DuckDbEngine duck;
    static final Map<String, List<Map<String, Object>>> BEFORE = new HashMap<>();

    @BeforeAll
    static void exportTenDaysLocallyAndPurgeThree() throws Exception {
        // S3Proxy runs without authentication; the AWS SDK's default chain still wants credentials to sign with.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        LakeFixture.generated();
        localRoot = Files.createTempDirectory("migration-local-lake");
        LakeFixture.exportAll(LakeFixture.exporter(localRoot), FIRST, END);
        try (Connection c = LakeFixture.dataSource().getConnection(); Statement s = c.createStatement()) {
            // What retention leaves: the day-partitioned tables' three oldest days only in the lake.
            for (String table : List.of("agent_tasks", "agent_metrics", "agent_interactions")) {
                s.executeUpdate("UPDATE export_manifest SET status = 'PURGED' WHERE table_name = '" + table + "' AND day >= '" + FIRST
                        + "' AND day < '" + FIRST.plusDays(3) + "' AND status = 'VALIDATED'");
            }
            s.executeUpdate("DELETE FROM agent_tasks WHERE created_at >= '" + FIRST + "T00:00:00Z' AND created_at < '" + FIRST.plusDays(3)
                    + "T00:00:00Z'");
        }
        lake = new LakeSettings(LakeSettings.StoreKind.LOCAL, localRoot, Optional.empty(), LakeSettings.CatalogKind.NONE, "tokyoia_lake",
                LakeMigrationIT::connection);
        trino = new TrinoConnector(trinoSettings());
        dropTables();
        duck = new DuckDbEngine(localRoot);
        AnalyticsService local = LakeFixture.service(0, duck, LakeReach.duckdb(LakeLocation.local(localRoot)));
        for (AnalyticsQuery query : QueryCatalog.all()) {
            for (Map<String, String> filters : cases(query)) {
                AnalyticsResult answer = run(local, query.name(), filters);
                assertThat(answer.coldDays()).hasSize(10);
                BEFORE.put(query.name() + filters, answer.rows());
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
        if (duck != null) {
            duck.close();
        }
        if (trino != null) {
            trino.close();
        }
    }

    static void dropTables() throws SQLException {
        try (Connection c = trino.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS lake." + SCHEMA);
            for (String table : LakeSchemaRegistry.tables().stream().map(t -> t.name()).toList()) {
                s.execute("DROP TABLE IF EXISTS lake." + SCHEMA + "." + table);
            }
        }
    }

    static AnalyticsResult run(AnalyticsService service, String query, Map<String, String> filters) throws Exception {
        Map<String, String> parameters = AnalyticsTest.wholeAnswer(filters);
        parameters.put("from", FIRST.toString());
        parameters.put("to", END.toString());
        return AnalyticsTest.whole(service.run(service.validate(query, parameters), false));
    }

    static LakeMigration migration() {
        return new LakeMigration(LakeFixture.manifest(), new JdbcLakeMigrationLog(LakeFixture.dataSource(), LakeFixture.CLOCK),
                Alerts.none(), localRoot.resolveSibling(localRoot.getFileName() + "-migration-work"), LakeFixture.CLOCK,
                new Retry(3, Duration.ofMillis(50), TransientFailures::isTransient));
    }

    @Test
    void theLakeMovesToS3AndTrinoThroughAnInterruptionAndAGarbledCopyAndEveryQueryAnswersAsBefore() throws Exception {
        LakeMigration migration = migration();
        LakeMigration.Plan plan = migration.plan(TARGET, lake.location(), FIRST, END.minusDays(1));
        assertThat(plan.versions()).isEqualTo(10 * LakeSchemaRegistry.tables().size());
        assertThat(plan.bytes()).isEqualTo(plan.moves().stream().mapToLong(LakeMigration.Move::bytes).sum()).isPositive();
        String garbled = plan.moves().get(5).entry().objectKey();
        String diesAfterWriting = plan.moves().get(20).entry().objectKey();
        Map<String, AtomicInteger> puts = new ConcurrentHashMap<>();

        // First run: one copy garbled by the target, the "process" dies right after writing another, then it is stopped.
        AtomicInteger asked = new AtomicInteger();
        LakeMigration.Outcome first;
        try (Stores stores = new Stores(puts, garbled, diesAfterWriting)) {
            first = migration.migrate(plan, TARGET, stores, 901, () -> asked.incrementAndGet() > 30);
        }
        assertThat(first.stopped()).isTrue();
        assertThat(first.moved()).as(first.summary()).isEqualTo(28);
        assertThat(first.failures()).hasSize(2);
        assertThat(first.failures().get(0)).contains("reads back with another SHA-256");
        assertThat(locationOf(garbled)).as("a copy that failed verification stays on the source").isEqualTo(lake.location().root());
        assertThat(locationOf(diesAfterWriting)).isEqualTo(lake.location().root());
        assertThat(new JdbcLakeMigrationLog(LakeFixture.dataSource(), LakeFixture.CLOCK).progress(901).moved()).isEqualTo(28);

        // Reads keep working while the lake is half moved: DuckDB reads the copies the move left behind.
        AnalyticsService local = LakeFixture.service(0, duck, LakeReach.duckdb(LakeLocation.local(localRoot)));
        AnalyticsQuery sample = QueryCatalog.all().get(0);
        assertThat(run(local, sample.name(), Map.of()).rows()).isEqualTo(BEFORE.get(sample.name() + Map.of()));

        // Second run: the rest, the garbled one copied again, the written-but-unrecorded one proven in place, not copied again.
        LakeMigration.Plan rest = migration.plan(TARGET, lake.location(), FIRST, END.minusDays(1));
        assertThat(rest.versions()).isEqualTo(plan.versions() - 28);
        LakeMigration.Outcome second;
        try (Stores stores = new Stores(puts, null, null)) {
            second = migration.migrate(rest, TARGET, stores, 902, () -> false);
        }
        assertThat(second.failures()).isEmpty();
        assertThat(second.moved()).isEqualTo(rest.versions());
        for (LakeMigration.Move move : plan.moves()) {
            String key = move.entry().objectKey();
            assertThat(puts.get(key)).as(key).hasValue(key.equals(garbled) ? 2 : 1);
        }

        // Third run: nothing left.
        assertThat(migration.plan(TARGET, lake.location(), FIRST, END.minusDays(1)).versions()).isZero();
        for (ManifestEntry entry : LakeFixture.manifest().currentVersions(null, FIRST, END.minusDays(1))) {
            assertThat(entry.location()).isEqualTo(TARGET);
            assertThat(entry.previousLocation()).contains(lake.location());
        }
        assertThat(LakeFixture.manifest().currentVersions("agent_tasks", FIRST, FIRST.plusDays(2)))
                .allMatch(e -> e.status() == ManifestStatus.PURGED);

        answersEqualBefore(true);
        // The old single-machine deployment still answers from what the move left behind.
        assertThat(run(local, sample.name(), Map.of()).rows()).isEqualTo(BEFORE.get(sample.name() + Map.of()));

        // Catalog re-sync into an emptied Trino schema, as the new deployment runs it; twice changes nothing.
        dropTables();
        CatalogResync resync = new CatalogResync(LakeFixture.manifest());
        try (S3ObjectStore store = new S3ObjectStore(lake.s3At(TARGET.root()))) {
            CatalogResync.Outcome published = resync.publish(FIRST, END.minusDays(1), TARGET, store,
                    new TrinoCatalogPublisher(trino, TARGET.root()), () -> false);
            assertThat(published.failures()).isEmpty();
            assertThat(published.published()).isEqualTo(plan.versions());
            Map<String, List<String>> partitions = partitions();
            assertThat(partitions.get("agent_tasks")).hasSize(10 + 10);
            answersEqualBefore(false);
            CatalogResync.Outcome again = resync.publish(FIRST, END.minusDays(1), TARGET, store,
                    new TrinoCatalogPublisher(trino, TARGET.root()), () -> false);
            assertThat(again.published()).isEqualTo(plan.versions());
            assertThat(partitions()).as("a second re-sync changes nothing").isEqualTo(partitions);
        }
    }

    @Test
    void aMigrationWhoseProcessIsKilledIsFinishedByTheNextRunWithoutCopyingAVersionTwice() throws Exception {
        LocalDate first = LakeFixture.TODAY.minusDays(100);
        LocalDate last = first.plusDays(9);
        Path root = Files.createTempDirectory("killed-migration-local-lake");
        LakeFixture.exportAll(LakeFixture.exporter(root), first, last.plusDays(1));
        LakeLocation target = LakeLocation.s3("s3://tokyo-ia-lake/killed-" + UUID.randomUUID().toString().substring(0, 8), "none");
        int versions = migration().plan(target, LakeLocation.local(root), first, last).versions();

        // The migration in a process of its own, on a slow store, killed with SIGKILL once some versions moved.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dtokyoia.it.s3.endpoint=" + System.getProperty("tokyoia.it.s3.endpoint",
                "http://127.0.0.1:18333"), MigrationProcess.class.getName(), root.toString(), target.root(), first.toString(), last.toString())
                .redirectErrorStream(true).redirectOutput(root.resolveSibling(root.getFileName() + "-child.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (moved(target) < 5) {
            assertThat(child.isAlive()).as("the migration process runs until it is killed").isTrue();
            assertThat(System.nanoTime()).as("five versions moved within two minutes").isLessThan(deadline);
            Thread.sleep(20);
        }
        child.destroyForcibly().waitFor();
        int movedBeforeKill = moved(target);
        assertThat(movedBeforeKill).as("killed halfway").isLessThan(versions);
        Set<String> provenByTheDeadRun = new HashSet<>(keys(target, "('VERIFIED', 'MOVED')"));

        Map<String, AtomicInteger> puts = new ConcurrentHashMap<>();
        LakeMigration.Plan rest = migration().plan(target, LakeLocation.local(root), first, last);
        assertThat(rest.versions()).isEqualTo(versions - movedBeforeKill);
        LakeMigration.Outcome finished;
        try (Stores stores = new Stores(target, puts, null, null, 0)) {
            finished = migration().migrate(rest, target, stores, 903, () -> false);
        }
        assertThat(finished.failures()).isEmpty();
        assertThat(moved(target)).isEqualTo(versions);
        assertThat(puts.keySet()).as("no version the killed run had proven is copied again").doesNotContainAnyElementsOf(provenByTheDeadRun);
        assertThat(puts.values()).allMatch(n -> n.get() == 1);
        // The version in flight when the process died is either copied by this run or, when its upload had ended, read back in place.
        assertThat(puts.size() + provenByTheDeadRun.size()).as("every version copied once").isBetween(versions - 1, versions);
    }

    /** A lake migration in a JVM of its own (the test above kills it): args local root, target root, first day, last day. */
    public static final class MigrationProcess {
        public static void main(String[] args) throws Exception {
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
            Path root = Path.of(args[0]);
            LakeLocation target = LakeLocation.s3(args[1], "none");
            localRoot = root;
            lake = new LakeSettings(LakeSettings.StoreKind.LOCAL, root, Optional.empty(), LakeSettings.CatalogKind.NONE, "tokyoia_lake",
                    LakeMigrationIT::connection);
            LakeMigration migration = migration();
            LakeMigration.Plan plan = migration.plan(target, LakeLocation.local(root), LocalDate.parse(args[2]), LocalDate.parse(args[3]));
            try (Stores stores = new Stores(target, new ConcurrentHashMap<>(), null, null, 150)) {
                migration.migrate(plan, target, stores, 904, () -> false);
            }
        }
    }

    static TrinoSettings trinoSettings() {
        return new TrinoSettings(System.getProperty("tokyoia.it.trino.url", "jdbc:trino://127.0.0.1:18088"), "tokyoia-it", "lake", SCHEMA,
                Duration.ofMinutes(2));
    }

    static S3Settings connection() {
        return new S3Settings("tokyo-ia-lake", "", Optional.of("us-east-1"),
                Optional.of(URI.create(System.getProperty("tokyoia.it.s3.endpoint", "http://127.0.0.1:18333"))), true,
                Optional.empty(), Optional.empty(), 64L << 20, 8L << 20);
    }

    static int moved(LakeLocation target) throws SQLException {
        return keys(target, "('MOVED')").size();
    }

    static List<String> keys(LakeLocation target, String states) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = LakeFixture.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT m.object_key FROM lake_migration_copy l JOIN export_manifest m ON m.id = l.manifest_id "
                     + "WHERE l.target_uri = '" + target.root() + "' AND l.state IN " + states)) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /** No filter, and every filter the query takes at once (TrinoTierIT compares each filter alone on the engines). */
    static List<Map<String, String>> cases(AnalyticsQuery query) throws Exception {
        List<Map<String, String>> all = TrinoTierIT.filterCases(query);
        return all.size() == 1 ? all : List.of(all.get(0), all.get(all.size() - 1));
    }

    /** {@code everyFilter}: each query with its filter cases, or (a quicker look) with none. */
    void answersEqualBefore(boolean everyFilter) throws Exception {
        AnalyticsService onTrino = LakeFixture.service(0, new TrinoEngine(trino, Duration.ofMinutes(2)),
                LakeReach.overS3("trino", TARGET.root(), "trino"));
        for (AnalyticsQuery query : QueryCatalog.all()) {
            for (Map<String, String> filters : everyFilter ? cases(query) : List.of(Map.<String, String>of())) {
                AnalyticsResult answer = run(onTrino, query.name(), filters);
                assertThat(answer.coldDays()).hasSize(10);
                assertThat(answer.rows()).as(query.name() + " " + filters + " on Trino after the move")
                        .isEqualTo(BEFORE.get(query.name() + filters));
            }
        }
    }

    static Map<String, List<String>> partitions() throws SQLException {
        Map<String, List<String>> all = new HashMap<>();
        try (Connection c = trino.connect(); Statement s = c.createStatement()) {
            for (String table : LakeSchemaRegistry.tables().stream().map(t -> t.name()).toList()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT DISTINCT \"$path\" FROM lake." + SCHEMA + ".\"" + table + "\" ORDER BY 1")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT year, month, day FROM lake." + SCHEMA + ".\"" + table
                        + "$partitions\" ORDER BY 1, 2, 3")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + "-" + rs.getString(2) + "-" + rs.getString(3));
                    }
                }
                all.put(table, rows);
            }
        }
        return all;
    }

    static String locationOf(String objectKey) throws SQLException {
        try (Connection c = LakeFixture.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT store_uri FROM export_manifest WHERE object_key = '" + objectKey + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The real stores (OpenedLakeStores: the local lake, S3Proxy through the S3 client, Trino), with
     * the target's puts counted, one object garbled after it is written (a store that corrupts) and
     * one put that "dies" right after the object was written, before the migration could record it.
     */
    static final class Stores implements LakeStores {
        private final OpenedLakeStores real = new OpenedLakeStores(lake, trinoSettings(), new LocalDirectoryStore(localRoot));
        private final LakeLocation target;
        private final Map<String, AtomicInteger> puts;
        private final String garble;
        private final String die;
        private final long delayMillis;

        Stores(Map<String, AtomicInteger> puts, String garble, String die) {
            this(TARGET, puts, garble, die, 0);
        }

        /** {@code delayMillis} before each upload: a slow store, so that a kill lands in the middle of a run. */
        Stores(LakeLocation target, Map<String, AtomicInteger> puts, String garble, String die, long delayMillis) {
            this.target = target;
            this.puts = puts;
            this.garble = garble;
            this.die = die;
            this.delayMillis = delayMillis;
        }

        @Override
        public LakeLocation configured() {
            return real.configured();
        }

        @Override
        public ObjectStore store(LakeLocation where) throws IOException {
            ObjectStore store = real.store(where);
            return where.equals(target) ? new FaultyTarget(store) : store;
        }

        @Override
        public CatalogPublisher catalog(LakeLocation where) {
            return real.catalog(where);
        }

        @Override
        public void close() {
            real.close();
        }

        final class FaultyTarget implements ObjectStore {
            private final ObjectStore store;

            FaultyTarget(ObjectStore store) {
                this.store = store;
            }

            @Override
            public StoredObject put(String key, Path file, String sha256Hex) throws IOException {
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
                if (key.equals(garble)) {
                    Path flipped = Files.createTempFile("garbled", ".parquet");
                    byte[] bytes = Files.readAllBytes(file);
                    bytes[bytes.length / 2] ^= 0x5A;
                    Files.write(flipped, bytes);
                    StoredObject stored = store.put(key, flipped, Sha256.ofFile(flipped));
                    puts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    return stored;
                }
                // Copies made, not attempts: an upload the store dropped halfway and the retry sent again is one copy.
                StoredObject stored = store.put(key, file, sha256Hex);
                puts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                if (key.equals(die)) {
                    throw new IllegalStateException("killed right after writing " + key);
                }
                return stored;
            }

            @Override
            public Optional<StoredObject> head(String key) throws IOException {
                return store.head(key);
            }

            @Override
            public void download(String key, Path target) throws IOException {
                store.download(key, target);
            }

            @Override
            public List<StoredVersion> versions(String key) throws IOException {
                return store.versions(key);
            }

            @Override
            public void download(String key, String versionId, Path target) throws IOException {
                store.download(key, versionId, target);
            }

            @Override
            public Optional<ArchiveState> archiveState(String key) throws IOException {
                return store.archiveState(key);
            }

            @Override
            public void requestRestore(String key, int days, RestoreTier tier) throws IOException {
                store.requestRestore(key, days, tier);
            }

            @Override
            public void delete(String key) throws IOException {
                store.delete(key);
            }

            @Override
            public List<String> list(String prefix) throws IOException {
                return store.list(prefix);
            }

            @Override
            public String uri(String key) {
                return store.uri(key);
            }

            @Override
            public String probe() throws IOException {
                return store.probe();
            }
        }
    }
}
