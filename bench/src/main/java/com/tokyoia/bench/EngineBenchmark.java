package com.tokyoia.bench;

import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.AnalyticsRequest;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.analytics.infrastructure.engine.DuckDbEngine;
import com.tokyoia.analytics.infrastructure.engine.TrinoEngine;
import com.tokyoia.etl.infrastructure.catalog.TrinoCatalogPublisher;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.config.TrinoSettings;
import com.tokyoia.lake.infrastructure.trino.TrinoConnector;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The 30-day per-agent aggregation (task_throughput) over the analytics benchmark's 90-day lake,
 * answered by PostgreSQL (the same 30 days loaded hot), DuckDB over the files, and Trino over the
 * same files served by S3Proxy (bench/run-engines.sh starts tools/local-trino); all three through
 * the analytics service, results compared. Then Trino's bytes read against the project's quote
 * for the same query.
 *
 * Usage: EngineBenchmark ROWS_PER_DAY DAYS RUNS TRINO_URL S3_BUCKET_DIR
 */
public final class EngineBenchmark {
    private static final LocalDate TODAY = LocalDate.of(2023, 7, 1);

    public static void main(String[] args) throws Exception {
        int rowsPerDay = Integer.parseInt(args[0]);
        int days = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        String trinoUrl = args[3];
        Path bucketDir = Path.of(args[4]);
        LocalDate first = TODAY.minusDays(days);
        LocalDate hotFirst = TODAY.minusDays(30);
        DataSource ds = BenchDatabase.open();
        LakeTable table = LakeSchemaRegistry.AGENT_TASKS;
        Path lake = Path.of(System.getProperty("bench.lake", "bench/target/lake-" + rowsPerDay));

        long t = System.nanoTime();
        AnalyticsBenchmark.buildLake(ds, lake, table, first, TODAY, rowsPerDay);
        System.out.printf("lake: %d days x %,d rows ready in %.1f s%n", days, rowsPerDay, (System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        TrinoConnector trino = new TrinoConnector(new TrinoSettings(trinoUrl, "bench", "lake", "tokyoia_bench", Duration.ofMinutes(10)));
        TrinoCatalogPublisher publisher = new TrinoCatalogPublisher(trino, "s3://tokyo-ia-lake/lake");
        for (LocalDate day = first; day.isBefore(TODAY); day = day.plusDays(1)) {
            // S3Proxy's filesystem backend serves each object from a file: the lake's own files, linked in.
            Path object = bucketDir.resolve("lake").resolve(LakeKeys.dataFile(table.name(), day, 1));
            if (!Files.exists(object)) {
                Files.createDirectories(object.getParent());
                Files.createLink(object, lake.resolve(LakeKeys.dataFile(table.name(), day, 1)).toAbsolutePath());
            }
            publisher.publish(table, day, "s3://tokyo-ia-lake/lake/" + LakeKeys.versionFolder(table.name(), day, 1));
        }
        System.out.printf("Trino: %d days registered in %.1f s%n", days, (System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        int loaded = loadHotDays(ds, hotFirst, rowsPerDay);
        System.out.printf("PostgreSQL: the last 30 days hot (%d loaded now) in %.1f s%n", loaded, (System.nanoTime() - t) / 1e9);

        try (DuckDbEngine duck = new DuckDbEngine(lake)) {
            // The whole answer in one page, so engines are compared on all of it.
            Map<String, String> range = Map.of("from", hotFirst.toString(), "to", TODAY.toString(), "limit", "10000");
            AnalyticsService postgres = service(ds, duck, 400);
            AnalyticsService duckdb = service(ds, duck, 0);
            AnalyticsService onTrino = service(ds, new TrinoEngine(trino, Duration.ofMinutes(10)), 0);
            AnalyticsRequest request = postgres.validate("task_throughput", range);
            AnalyticsResult reference = postgres.run(request, false);
            long[] pg = time(postgres, request, runs, reference);
            long[] dk = time(duckdb, request, runs, reference);
            long[] tr = time(onTrino, request, runs, reference);
            AnalyticsResult trinoAnswer = onTrino.run(request, false);

            System.out.println();
            System.out.printf("30-day per-agent aggregation (task_throughput), %,d rows/day, %d result rows, %d runs each, "
                    + "same answer from all three%n", rowsPerDay, reference.rows().size(), runs);
            System.out.printf("  PostgreSQL (hot)   p50 %8.1f ms   p99 %8.1f ms%n", ms(pg, 0.5), ms(pg, 0.99));
            System.out.printf("  DuckDB (embedded)  p50 %8.1f ms   p99 %8.1f ms   (%.2fx PostgreSQL)%n", ms(dk, 0.5), ms(dk, 0.99),
                    ms(dk, 0.5) / ms(pg, 0.5));
            System.out.printf("  Trino (S3Proxy)    p50 %8.1f ms   p99 %8.1f ms   (%.2fx PostgreSQL)%n", ms(tr, 0.5), ms(tr, 0.99),
                    ms(tr, 0.5) / ms(pg, 0.5));
            long quoted = trinoAnswer.quotedBytes();
            long read = trinoAnswer.scannedBytes();
            System.out.printf("quote accuracy: quoted %,d bytes (columns %s of 30 files), Trino read %,d bytes: "
                    + "quote/read = %.3f (%+.1f%%)%n", quoted, request.query().columnsRead(request.filters().keySet()), read,
                    (double) quoted / read, 100.0 * (quoted - read) / read);
            // The same comparison for every catalog query over this table, with and without a filter.
            for (AnalyticsQuery query : QueryCatalog.all()) {
                if (!query.table().equals(table)) {
                    continue;
                }
                for (Map<String, String> filter : List.of(Map.<String, String>of(), Map.of("taskType", "plan"))) {
                    Map<String, String> parameters = new HashMap<>(range);
                    parameters.putAll(filter);
                    AnalyticsResult answer = onTrino.run(onTrino.validate(query.name(), parameters), false);
                    System.out.printf("  %-34s %-18s quoted %,12d  read %,12d  quote/read %.3f%n", query.name(),
                            filter.isEmpty() ? "(no filter)" : "taskType=plan", answer.quotedBytes(), answer.scannedBytes(),
                            (double) answer.quotedBytes() / answer.scannedBytes());
                }
            }
        }
        trino.close();
    }

    private static AnalyticsService service(DataSource ds, ColdEngine cold, int hotWindowDays) {
        return BenchWiring.analytics(ds, cold, ResultCache.NONE, hotWindowDays, BenchWiring.clockAt(TODAY));
    }

    private static long[] time(AnalyticsService service, AnalyticsRequest request, int runs, AnalyticsResult reference) throws Exception {
        long[] nanos = new long[runs];
        for (int i = -2; i < runs; i++) { // two warm-up rounds
            long s = System.nanoTime();
            AnalyticsResult answer = service.run(request, false);
            long elapsed = System.nanoTime() - s;
            if (!answer.rows().equals(reference.rows())) {
                throw new IllegalStateException(answer.engine() + " disagrees with PostgreSQL");
            }
            if (i >= 0) {
                nanos[i] = elapsed;
            }
        }
        return nanos;
    }

    private static double ms(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Copies the lake's rows of [from, TODAY) into agent_tasks (COPY), skipping days already complete. */
    private static int loadHotDays(DataSource ds, LocalDate from, int rowsPerDay) throws Exception {
        int loaded = 0;
        try (Connection c = ds.getConnection()) {
            ensureParents(c);
            for (LocalDate day = from; day.isBefore(TODAY); day = day.plusDays(1)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT tokyoia_ensure_day_partition('agent_tasks', ?)")) {
                    ps.setObject(1, day);
                    ps.execute();
                }
                if (count(c, day) == rowsPerDay) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_tasks WHERE created_at >= ? AND created_at < ?")) {
                    ps.setObject(1, day.atStartOfDay().atOffset(ZoneOffset.UTC));
                    ps.setObject(2, day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                StringBuilder csv = new StringBuilder();
                for (Object[] row : AnalyticsBenchmark.rows(day, rowsPerDay)) {
                    for (int i = 0; i < row.length; i++) {
                        Object v = row[i];
                        if (i > 0) {
                            csv.append(',');
                        }
                        if (v == null) {
                            continue;
                        }
                        String text = (i == 5 || i == 6 || i == 7 || i == 13) ? micros((Long) v) : v.toString();
                        csv.append('"').append(text.replace("\"", "\"\"")).append('"');
                    }
                    csv.append('\n');
                }
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY agent_tasks (id, workflow_id, agent_id, task_type, status, "
                        + "created_at, started_at, completed_at, tokens_input, tokens_output, cost_usd, latency_ms, error_message, "
                        + "updated_at) FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
                loaded++;
            }
            try (PreparedStatement ps = c.prepareStatement("ANALYZE agent_tasks")) {
                ps.execute();
            }
        }
        return loaded;
    }

    private static long count(Connection c, LocalDate day) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM agent_tasks WHERE created_at >= ? AND created_at < ?")) {
            ps.setObject(1, day.atStartOfDay().atOffset(ZoneOffset.UTC));
            ps.setObject(2, day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The generator's agents and workflows, which agent_tasks references. */
    private static void ensureParents(Connection c) throws Exception {
        try (PreparedStatement agents = c.prepareStatement("INSERT INTO agents (id, name, role, model, status, created_at, updated_at) "
                + "VALUES (?, ?, 'bench', 'bench', 'ACTIVE', now(), now()) ON CONFLICT DO NOTHING");
             PreparedStatement workflows = c.prepareStatement("INSERT INTO workflows (id, name, status, created_at, updated_at) "
                     + "VALUES (?, 'bench', 'COMPLETED', now(), now()) ON CONFLICT DO NOTHING")) {
            for (UUID id : AnalyticsBenchmark.agents()) {
                agents.setObject(1, id);
                agents.setString(2, "bench-" + id);
                agents.addBatch();
            }
            agents.executeBatch();
            for (UUID id : AnalyticsBenchmark.workflows()) {
                workflows.setObject(1, id);
                workflows.addBatch();
            }
            workflows.executeBatch();
        }
    }

    private static String micros(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L).toString();
    }
}
