package com.tokyoia.etl.infrastructure.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.application.port.ExportProgressLog;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.etl.infrastructure.progress.JdbcExportProgressLog;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running export reports how far it has streamed its day, readable by any node while it runs
 * (what the runs API adds to a running export): rows so far and PostgreSQL's estimate of the day;
 * once the day is proven it is no longer counted as streaming.
 */
class ExportProgressTest {
    private static final LocalDate DAY = LocalDate.of(2025, 5, 23);
    private static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;
    private static final long EXECUTION = -77;

    @Test
    void aSlowExportShowsItsRowsWhileItRuns(@TempDir Path work, @TempDir Path lake) throws Exception {
        TestDatabase.resetDays(List.of(DAY));
        HotDataGenerator generator = new HotDataGenerator(43);
        generator.createAgents(2, "progress-");
        generator.day(DAY, new HotDataGenerator.Volume(10, 6000, 0, 0, 0));
        TestDatabase.exec("ANALYZE agent_tasks");
        long total = TestDatabase.count("SELECT count(*) FROM agent_tasks WHERE " + TestDatabase.inUtcDay("created_at"), DAY, DAY);

        // About 1 ms per row for the first 5,000 rows: the export runs for several seconds.
        DayExtractor slow = new DayExtractor(TestDatabase.dataSource(), OutsideServerThreads.POOL, false, table -> new CopyRowDecoder(table) {
            private int decoded;

            @Override
            void decode(byte[] b, int at, Object[] row) throws IOException {
                super.decode(b, at, row);
                if (decoded++ < 5000) {
                    try {
                        TimeUnit.MICROSECONDS.sleep(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
            }
        });
        PostgresDaySource source = new PostgresDaySource(slow, OutsideServerThreads.POOL, ParquetLayout.snappy(8L << 20));
        CompletableFuture<DayExportResult> export = CompletableFuture.supplyAsync(() -> {
            try {
                return EtlFixtures.exporter(source, new LocalDirectoryStore(lake), work).export(TASKS, DAY, EXECUTION, true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        JdbcExportProgressLog log = new JdbcExportProgressLog(TestDatabase.dataSource(), SystemTime.clock());
        ExportProgressLog.Streaming seen = new ExportProgressLog.Streaming(0, 0);
        for (int i = 0; i < 200 && seen.rows() == 0 && !export.isDone(); i++) {
            Thread.sleep(50);
            seen = log.streaming(EXECUTION);
        }
        assertThat(export.isDone()).as("the export was still running when its progress was read").isFalse();
        assertThat(seen.rows()).isBetween(1L, total - 1);
        assertThat(seen.expectedRows()).as("PostgreSQL's estimate of the day after ANALYZE").isBetween(total / 2, total * 2);

        DayExportResult result = export.get(60, TimeUnit.SECONDS);
        assertThat(result.rows()).isEqualTo(total);
        assertThat(log.streaming(EXECUTION)).isEqualTo(new ExportProgressLog.Streaming(0, 0));
    }
}
