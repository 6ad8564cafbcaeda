package com.tokyoia.integration.analytics;

import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.AnalyticsSettings;
import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.QueryMetrics;
import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.analytics.domain.LakeReach;
import com.tokyoia.analytics.infrastructure.engine.PostgresHotEngine;
import com.tokyoia.analytics.infrastructure.log.JdbcQueryLog;
import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.application.ExportObserver;
import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.etl.application.port.ExportProgressLog;
import com.tokyoia.etl.infrastructure.extract.OutsideServerThreads;
import com.tokyoia.etl.infrastructure.extract.PostgresDaySource;
import com.tokyoia.etl.infrastructure.failure.TransientFailures;
import com.tokyoia.etl.infrastructure.lock.PostgresExportLocks;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * 120 days of generated hot data ending 2024-06-30 (the tests' "today" is 2024-07-01, on a fixed
 * clock), exported with the real ETL classes: to a local lake directory, or to any store and
 * catalog a test gives. Built once per JVM.
 */
final class LakeFixture {
    static final LocalDate TODAY = LocalDate.of(2024, 7, 1);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    static final LocalDate FIRST = TODAY.minusDays(120);
    static final BigDecimal NO_LIMIT = new BigDecimal("1000");
    static final List<UUID> AGENTS = new ArrayList<>();
    private static Path lake;

    private LakeFixture() {
    }

    static DataSource dataSource() {
        return TestDatabase.dataSource();
    }

    /** The generated days, every table exported to a local lake directory. */
    static synchronized Path lake() throws IOException, SQLException {
        if (lake == null) {
            generated();
            Path root = Files.createTempDirectory("analytics-lake-");
            exportAll(exporter(root), FIRST, TODAY);
            lake = root;
        }
        return lake;
    }

    /** Exports to a local lake and records its location in the manifest, as a server's exports do. */
    static DayExporter exporter(Path root) {
        return exporter(new LocalDirectoryStore(root), CatalogPublisher.NONE, root.resolveSibling(root.getFileName() + "-work"),
                new JdbcManifest(dataSource(), CLOCK, LakeLocation.local(root)));
    }

    static DayExporter exporter(ObjectStore store, CatalogPublisher catalog, Path workDir) {
        return exporter(store, catalog, workDir, manifest());
    }

    private static DayExporter exporter(ObjectStore store, CatalogPublisher catalog, Path workDir, JdbcManifest manifest) {
        // ZSTD with version 2 pages, the layout the configuration offers beside the default Snappy v1 (which the
        // ETL's and the server's tests write): DuckDB, Trino and the Athena requests run on Trino all read these files.
        ParquetLayout zstd = new ParquetLayout(8L << 20, ParquetLayout.Codec.ZSTD, true);
        return new DayExporter(new PostgresDaySource(dataSource(), OutsideServerThreads.POOL, zstd, true), manifest,
                new PostgresExportLocks(dataSource()),
                store, catalog, new ParquetFiles(), new Retry(1, Duration.ofMillis(50), TransientFailures::isTransient),
                workDir, ExportObserver.NONE, ExportProgressLog.NONE, OutsideServerThreads.POOL, CLOCK);
    }

    static JdbcManifest manifest() {
        return new JdbcManifest(dataSource(), CLOCK);
    }

    /** The analytics service as the server builds it, on the tests' clock. */
    static AnalyticsService service(int hotWindowDays, ColdEngine cold, ResultCache cache, BigDecimal queryLimit,
                                    BigDecimal dailyBudget) {
        return service(hotWindowDays, cold, cache, queryLimit, dailyBudget, dailyBudget);
    }

    /** With each user's share of the daily budget. */
    static AnalyticsService service(int hotWindowDays, ColdEngine cold, ResultCache cache, BigDecimal queryLimit,
                                    BigDecimal dailyBudget, BigDecimal userDailyBudget) {
        return service(hotWindowDays, cold, cache, queryLimit, dailyBudget, userDailyBudget,
                new AnalyticsSettings.GroupBudgets(dailyBudget, Map.of()));
    }

    /** What the cold engine can reach, the rest as {@link #service(int, ColdEngine, ResultCache, BigDecimal, BigDecimal)}. */
    static AnalyticsService service(int hotWindowDays, ColdEngine cold, LakeReach reach) {
        return new AnalyticsService(new PostgresHotEngine(dataSource()), cold, manifest(), ResultCache.NONE,
                new JdbcQueryLog(dataSource(), CLOCK), new AnalyticsSettings(AnalyticsSettings.Engine.DUCKDB, hotWindowDays,
                400, NO_LIMIT, NO_LIMIT, Duration.ofHours(24), Duration.ofSeconds(60)), CLOCK, QueryMetrics.NONE, reach);
    }

    /** With each user's and each group's share of the daily budget. */
    static AnalyticsService service(int hotWindowDays, ColdEngine cold, ResultCache cache, BigDecimal queryLimit,
                                    BigDecimal dailyBudget, BigDecimal userDailyBudget, AnalyticsSettings.GroupBudgets groups) {
        return new AnalyticsService(new PostgresHotEngine(dataSource()), cold, manifest(), cache,
                new JdbcQueryLog(dataSource(), CLOCK), new AnalyticsSettings(AnalyticsSettings.Engine.DUCKDB, hotWindowDays,
                400, queryLimit, dailyBudget, Duration.ofHours(24), Duration.ofSeconds(60), userDailyBudget, groups), CLOCK);
    }

    /** Exports every table's days in [first, end) with the real ETL classes. */
    static void exportAll(DayExporter exporter, LocalDate first, LocalDate end) throws IOException, SQLException {
        for (LakeTable table : LakeSchemaRegistry.tables()) {
            for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
                exporter.export(table, d, -100, false);
            }
        }
    }

    /** The 120 days of hot data, generated once per JVM (earlier rows of those days are replaced). */
    static synchronized void generated() throws SQLException {
        if (!AGENTS.isEmpty()) {
            return;
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = FIRST; d.isBefore(TODAY); d = d.plusDays(1)) {
            days.add(d);
        }
        TestDatabase.resetDays(days);
        HotDataGenerator generator = new HotDataGenerator(2024);
        AGENTS.addAll(generator.createAgents(6, "analytics-"));
        for (LocalDate day : days) {
            generator.day(day, new HotDataGenerator.Volume(6, 30, 10, 10, 8));
        }
        edgeMetrics(EDGE_DAY);
    }

    /** A day whose metric values sit on and beside the value buckets' edges (metric_stats must agree on every engine). */
    static final LocalDate EDGE_DAY = FIRST.plusDays(3);

    static final double[] EDGE_VALUES = edgeValues();

    private static double[] edgeValues() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 0.0005, -0.0005, 0.0015, 0.1, 0.7, -0.7, 1e300, -1e300, 1e-300,
                123456.789, -987654.321));
        for (double edge = 1.0; edge <= 1e13; edge *= 10) {
            for (double value : new double[]{edge, Math.nextUp(edge), Math.nextDown(edge)}) {
                values.add(value);
                values.add(-value);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void edgeMetrics(LocalDate day) throws SQLException {
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO agent_metrics "
                + "(agent_id, metric_name, metric_value, recorded_at) VALUES (?, 'edge', ?, ?)")) {
            Timestamp at = Timestamp.from(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
            for (double value : EDGE_VALUES) {
                ps.setObject(1, AGENTS.get(0));
                ps.setDouble(2, value);
                ps.setTimestamp(3, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
