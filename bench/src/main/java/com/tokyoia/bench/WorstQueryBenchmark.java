package com.tokyoia.bench;

import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.QueryRefusedException;
import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.analytics.infrastructure.engine.DuckDbEngine;
import com.tokyoia.analytics.infrastructure.engine.DuckDbSettings;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The analytics questions that ran the server out of memory, on one high-entropy day: ROWS
 * agent_tasks rows of 200 agents and 50,000 workflows, random task ids, latencies log-uniform from
 * 1 ms to 30 minutes (so every latency bucket of every agent is met). {@code prepare} writes the day
 * into its own lake and the manifest (a JVM with room for the generator); {@code query} asks every
 * agent_tasks question of the catalog over that day through the analytics service, cold on DuckDB,
 * and reports per question: answered (rows, ms) or refused (422 and why), the peak heap it took and
 * the process's resident memory. Run the query step with a small heap (-Xmx256m): it must answer or
 * refuse every question, never fail with OutOfMemoryError.
 *
 * Usage: WorstQueryBenchmark prepare|query ROWS
 */
public final class WorstQueryBenchmark {
    static final LocalDate DAY = LocalDate.of(2022, 12, 1);
    static final LocalDate TODAY = DAY.plusDays(40);
    private static final double LOG_30_MINUTES = Math.log(30 * 60 * 1000.0);

    private WorstQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String step = args.length > 0 ? args[0] : "query";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        DataSource ds = BenchDatabase.open();
        Path lake = Path.of(System.getProperty("bench.lake", "bench/target/lake-worst-" + rows));
        if (step.equals("prepare")) {
            long t = System.nanoTime();
            int written = AnalyticsBenchmark.buildLake(ds, lake, LakeSchemaRegistry.AGENT_TASKS, DAY, DAY.plusDays(1), rows,
                    day -> AnalyticsBenchmark.rows(day, rows, WorstQueryBenchmark::logUniformLatency));
            System.out.printf("lake: 1 day x %,d rows, latencies log-uniform 1 ms - 30 min (%d file written now, %,d bytes) in %.1f s%n",
                    rows, written, Files.size(lake.resolve(LakeKeys.dataFile("agent_tasks", DAY, 1))),
                    (System.nanoTime() - t) / 1e9);
            return;
        }
        System.out.printf("heap max %d MiB; DuckDB memory limit %d MiB, %d threads%n", Runtime.getRuntime().maxMemory() >> 20,
                DUCKDB.memoryLimitMib(), DUCKDB.threads());
        try (DuckDbEngine duck = new DuckDbEngine(lake, DUCKDB)) {
            Clock clock = BenchWiring.clockAt(TODAY);
            AnalyticsService service = BenchWiring.analytics(ds, duck, ResultCache.NONE, 0, clock);
            Map<String, String> range = Map.of("from", DAY.toString(), "to", DAY.plusDays(1).toString(), "limit", "10000");
            System.out.printf("%-34s %-9s %9s %9s %10s %9s %9s%n", "question (1 cold day)", "outcome", "rows", "ms", "peak heap", "RSS", "RSS peak");
            for (AnalyticsQuery query : QueryCatalog.all()) {
                if (query.table() != LakeSchemaRegistry.AGENT_TASKS) {
                    continue;
                }
                System.gc();
                HeapPeaks.reset();
                long t = System.nanoTime();
                String outcome;
                long answerRows;
                try {
                    AnalyticsResult answer = service.run(service.validate(query.name(), range), false);
                    outcome = "answered";
                    answerRows = answer.totalRows();
                } catch (QueryRefusedException e) {
                    outcome = "422";
                    answerRows = -1;
                    System.out.println("  refused: " + e.getMessage());
                }
                double ms = (System.nanoTime() - t) / 1e6;
                System.out.printf("%-34s %-9s %,9d %9.0f %7d MiB %5d MiB %5d MiB%n", query.name(), outcome, answerRows, ms,
                        HeapPeaks.bytes() >> 20, status("VmRSS") >> 10, status("VmHWM") >> 10);
            }
        }
    }

    private static final DuckDbSettings DUCKDB = new DuckDbSettings(Integer.getInteger("bench.duckdb.memory-mb", 512),
            Integer.getInteger("bench.duckdb.threads", 2), Integer.getInteger("bench.duckdb.query-timeout-seconds", 600));

    private static int logUniformLatency(Random random) {
        return (int) Math.max(1, Math.round(Math.exp(random.nextDouble() * LOG_30_MINUTES)));
    }



    /** A value in kB from /proc/self/status (VmRSS: resident now, VmHWM: its peak). */
    private static long status(String field) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
        for (String line : lines) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
