package com.tokyoia.bench;

import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.AnalyticsSettings;
import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.analytics.infrastructure.engine.PostgresHotEngine;
import com.tokyoia.analytics.infrastructure.log.JdbcQueryLog;
import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.etl.application.port.ExportProgressLog;
import com.tokyoia.etl.infrastructure.extract.OutsideServerThreads;
import com.tokyoia.etl.infrastructure.extract.PostgresDaySource;
import com.tokyoia.etl.infrastructure.failure.TransientFailures;
import com.tokyoia.etl.infrastructure.lock.PostgresExportLocks;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** The same classes the server wires, wired for a benchmark (no limits that would refuse a run). */
final class BenchWiring {
    private BenchWiring() {
    }

    /** A clock standing at noon of the benchmark's "today". */
    static Clock clockAt(LocalDate today) {
        return Clock.fixed(today.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    static DayExporter exporter(DataSource ds, ObjectStore store, Path work, Clock clock) {
        return exporter(ds, store, work, clock, false, ParquetLayout.snappy(64L * 1024 * 1024));
    }

    /** @param sqlProof PostgreSQL also computes each day's content checksum (off by default, as in the server) */
    static DayExporter exporter(DataSource ds, ObjectStore store, Path work, Clock clock, boolean sqlProof, ParquetLayout layout) {
        return exporter(ds, store, work, clock, sqlProof, layout, 1);
    }

    /** @param ranges COPYs reading one day at once, each range encoded on its own thread */
    static DayExporter exporter(DataSource ds, ObjectStore store, Path work, Clock clock, boolean sqlProof, ParquetLayout layout,
                                int ranges) {
        return new DayExporter(new PostgresDaySource(ds, OutsideServerThreads.POOL, layout, sqlProof, ranges), new JdbcManifest(ds, clock),
                new PostgresExportLocks(ds), store, CatalogPublisher.NONE, new ParquetFiles(),
                new Retry(3, Duration.ofMillis(500), TransientFailures::isTransient), work, new StepTimes(), ExportProgressLog.NONE,
                OutsideServerThreads.POOL, clock);
    }

    static AnalyticsService analytics(DataSource ds, ColdEngine cold, ResultCache cache, int hotWindowDays, Clock clock) {
        return new AnalyticsService(new PostgresHotEngine(ds), cold, new JdbcManifest(ds, clock), cache,
                new JdbcQueryLog(ds, clock), settings(hotWindowDays), clock);
    }

    static AnalyticsSettings settings(int hotWindowDays) {
        return new AnalyticsSettings(AnalyticsSettings.Engine.DUCKDB, hotWindowDays, 400, new BigDecimal("1000"), new BigDecimal("100000"),
                Duration.ofHours(1), Duration.ofSeconds(60));
    }
}
