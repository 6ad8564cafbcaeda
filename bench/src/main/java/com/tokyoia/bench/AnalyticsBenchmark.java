package com.tokyoia.bench;

import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.AnswerJson;
import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.analytics.domain.AnalyticsRequest;
import com.tokyoia.analytics.domain.AnswerOrder;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.PartialMerge;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.analytics.infrastructure.cache.NearResultCache;
import com.tokyoia.analytics.infrastructure.cache.RedisResultCache;
import com.tokyoia.analytics.infrastructure.engine.PostgresHotEngine;
import com.tokyoia.analytics.infrastructure.log.BackgroundQueryLog;
import com.tokyoia.analytics.infrastructure.log.JdbcQueryLog;
import com.tokyoia.analytics.infrastructure.manifest.ListeningManifestView;
import com.tokyoia.analytics.infrastructure.engine.DuckDbEngine;
import com.tokyoia.etl.domain.ParquetFooter;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.platform.cache.CacheSettings;
import com.tokyoia.platform.cache.RedisCache;
import java.io.StringWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Cold analytics: a lake of DAYS days of agent_tasks (ROWS rows a day) written straight to Parquet
 * with the export's writer, registered in the manifest; then a 30-day per-agent aggregation
 * (task_throughput) measured (1) directly on the DuckDB engine, (2) through the analytics service
 * (router, quote, cache key, merge, query log; cache off) and (3) as a Redis cache hit, with p50
 * and p99 over repeated runs, and the files and bytes the 30-day query touches.
 *
 * Usage: AnalyticsBenchmark ROWS_PER_DAY DAYS RUNS
 */
public final class AnalyticsBenchmark {
    public static void main(String[] args) throws Exception {
        int rowsPerDay = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        LocalDate today = LocalDate.of(2023, 7, 1);
        LocalDate first = today.minusDays(days);
        DataSource ds = BenchDatabase.open();
        Path lake = Path.of(System.getProperty("bench.lake", "bench/target/lake-" + rowsPerDay));
        LakeTable table = LakeSchemaRegistry.AGENT_TASKS;

        long t = System.nanoTime();
        int written = buildLake(ds, lake, table, first, today, rowsPerDay);
        System.out.printf("lake: %d days x %,d rows (%d files written now) in %.1f s%n", days, rowsPerDay, written,
                (System.nanoTime() - t) / 1e9);

        try (DuckDbEngine duck = new DuckDbEngine(lake)) {
            Clock clock = BenchWiring.clockAt(today);
            RedisCache redis = RedisCache.connect(new CacheSettings("127.0.0.1", 6379, Optional.empty(), 0, Duration.ofMillis(500),
                    16, Duration.ofSeconds(5), "tokyoia-bench-" + UUID.randomUUID() + ":"), clock);
            TimedColdEngine timedDuck = new TimedColdEngine(duck);
            AnalyticsService uncached = BenchWiring.analytics(ds, timedDuck, ResultCache.NONE, 0, clock);
            // Cache hits as the server serves them: planned from the in-memory manifest view, kept in the heap in front of
            // Redis, logged in the background.
            ListeningManifestView view = new ListeningManifestView(ds, new JdbcManifest(ds, clock)::currentVersions,
                    Executors.defaultThreadFactory());
            ExecutorService logWriter = Executors.newSingleThreadExecutor();
            AnalyticsService cached = new AnalyticsService(new PostgresHotEngine(ds), duck, new JdbcManifest(ds, clock),
                    new NearResultCache(new RedisResultCache(redis), 32L << 20, Duration.ofSeconds(60), clock),
                    new BackgroundQueryLog(new JdbcQueryLog(ds, clock), logWriter, 1000),
                    BenchWiring.settings(0), clock).withManifestView(view);
            awaitListening(view);
            // The whole answer in one page, as measured before answers were paged.
            Map<String, String> range = Map.of("from", today.minusDays(30).toString(), "to", today.toString(), "limit", "10000");
            AnalyticsRequest request = uncached.validate("task_throughput", range);
            List<DayPlan.ColdDay> coldDays = uncached.quote(request).plan().coldDays();

            long[] direct = new long[runs];
            long[] routed = new long[runs];
            long[] overhead = new long[runs];
            long[] hits = new long[Math.max(1000, runs * 5)];
            List<Map<String, Object>> directRows = null;
            for (int i = -2; i < runs; i++) { // two warm-up rounds
                long s = System.nanoTime();
                PartialMerge merge = new PartialMerge(QueryCatalog.TASK_THROUGHPUT, Long.MAX_VALUE);
                duck.partials(QueryCatalog.TASK_THROUGHPUT, coldDays, Map.of(), merge);
                directRows = QueryCatalog.TASK_THROUGHPUT.finish().apply(merge.rows());
                long d = System.nanoTime() - s;
                s = System.nanoTime();
                AnalyticsResult viaService = uncached.run(request, false);
                long r = System.nanoTime() - s;
                if (i >= 0) {
                    direct[i] = d;
                    routed[i] = r;
                    overhead[i] = r - timedDuck.lastNanos();
                }
                if (!viaService.rows().equals(AnswerOrder.of(QueryCatalog.TASK_THROUGHPUT, Optional.empty()).sort(directRows))) {
                    throw new IllegalStateException("router and engine disagree");
                }
            }
            cached.run(request, false);
            long[] hitsWritten = new long[hits.length];
            AnalyticsRequest firstPage = cached.validate("task_throughput", Map.of("from", today.minusDays(30).toString(),
                    "to", today.toString()));
            long[] pageHits = new long[hits.length];
            Writer nowhere = Writer.nullWriter();
            long[] gcBefore = new long[2];
            for (int i = -hits.length / 5; i < hits.length; i++) { // a fifth as warm-up
                if (i == 0) {
                    gcBefore = gc();
                }
                long s = System.nanoTime();
                AnalyticsResult hit = cached.run(request, false);
                long h = System.nanoTime() - s;
                AnswerJson.write(hit, nowhere);
                long w = System.nanoTime() - s;
                s = System.nanoTime();
                AnalyticsResult page = cached.run(firstPage, false);
                AnswerJson.write(page, nowhere);
                long p = System.nanoTime() - s;
                if (!hit.cacheHit() || !page.cacheHit()) {
                    throw new IllegalStateException("expected a cache hit");
                }
                if (i >= 0) {
                    hits[i] = h;
                    hitsWritten[i] = w;
                    pageHits[i] = p;
                }
            }
            long[] gcAfter = gc();
            view.close();
            logWriter.shutdown();
            // Where a hit's time goes: the same number of characters fetched from Redis, and nothing else.
            StringWriter answerText = new StringWriter();
            AnswerJson.write(cached.run(request, false), answerText);
            redis.put("bench", "floor", answerText.toString(), Duration.ofMinutes(5));
            long[] gets = new long[hits.length];
            for (int i = -hits.length / 5; i < hits.length; i++) {
                long s = System.nanoTime();
                if (redis.get("bench", "floor").isEmpty()) {
                    throw new IllegalStateException("the floor's value is gone");
                }
                if (i >= 0) {
                    gets[i] = System.nanoTime() - s;
                }
            }
            long files = coldDays.size();
            long bytes = 0;
            for (DayPlan.ColdDay d : coldDays) {
                bytes += Files.size(lake.resolve(d.objectKey()));
            }
            long allBytes;
            try (var walk = Files.walk(lake.resolve(table.name()))) {
                allBytes = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            AnalyticsResult sample = uncached.run(request, false);
            System.out.println();
            System.out.printf("30-day per-agent aggregation (task_throughput), %d result rows, %d runs%n", directRows.size(), runs);
            System.out.printf("  DuckDB engine directly        p50 %7.1f ms   p99 %7.1f ms%n", ms(direct, 0.50), ms(direct, 0.99));
            System.out.printf("  through the analytics service p50 %7.1f ms   p99 %7.1f ms   (router overhead p50 %.1f ms)%n",
                    ms(routed, 0.50), ms(routed, 0.99), ms(routed, 0.50) - ms(direct, 0.50));
            System.out.printf("  router's own work in each call p50 %6.2f ms   p99 %6.2f ms   (the service's time less its engine's, call by call)%n",
                    ms(overhead, 0.50), ms(overhead, 0.99));
            System.out.printf("  Redis cache hit               p50 %7.2f ms   p99 %7.2f ms   (%d hits)%n", ms(hits, 0.50), ms(hits, 0.99), hits.length);
            System.out.printf("  cache hit + the API's JSON    p50 %7.2f ms   p99 %7.2f ms   (the whole answer, %d rows)%n", ms(hitsWritten, 0.50),
                    ms(hitsWritten, 0.99), directRows.size());
            System.out.printf("  first page of 1000 + JSON     p50 %7.2f ms   p99 %7.2f ms%n", ms(pageHits, 0.50), ms(pageHits, 0.99));
            System.out.printf("  garbage collections during the %d measured rounds: %d, %d ms in all%n", hits.length,
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
            System.out.printf("  Redis GET of %,d characters  p50 %7.2f ms   p99 %7.2f ms   (the floor of a hit of this answer)%n",
                    answerText.getBuffer().length(), ms(gets, 0.50), ms(gets, 0.99));
            System.out.printf("pruning: files read %d of %d days; bytes of those files %,d of %,d in the lake (%.1f%%)%n",
                    files, days, bytes, allBytes, 100.0 * bytes / allBytes);
            System.out.printf("quote for the 30 days: %,d bytes (columns %s), $%s%n", sample.quotedBytes(),
                    QueryCatalog.TASK_THROUGHPUT.columnsRead(List.of()), sample.quotedUsd());
            redis.disconnect();
        }
    }

    /** Collections so far and their total time in ms, every collector of this JVM. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static void awaitListening(ListeningManifestView view) throws InterruptedException {
        for (int i = 0; i < 1000 && !view.isListening(); i++) {
            Thread.sleep(10);
        }
        if (!view.isListening()) {
            throw new IllegalStateException("the manifest view does not listen: is migration V17 applied to tokyoia_bench?");
        }
    }

    private static double ms(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static final UUID[] AGENTS = new UUID[200];
    private static final UUID[] WORKFLOWS = new UUID[50_000];
    private static final String[] TYPES = {"summarize", "summarize", "summarize", "plan", "plan", "translate", "review", "code",
            "search", "classify"};

    static {
        Random ids = new Random(7);
        for (int i = 0; i < AGENTS.length; i++) {
            AGENTS[i] = new UUID(ids.nextLong(), ids.nextLong());
        }
        for (int i = 0; i < WORKFLOWS.length; i++) {
            WORKFLOWS[i] = new UUID(ids.nextLong(), ids.nextLong());
        }
    }

    static List<UUID> agents() {
        return List.of(AGENTS);
    }

    static List<UUID> workflows() {
        return List.of(WORKFLOWS);
    }

    /**
     * One day of agent_tasks rows in the lake's column order (timestamps as epoch microseconds),
     * the same for every call with the same day but the task ids, sorted as the export sorts them.
     */
    static List<Object[]> rows(LocalDate day, int rowsPerDay) {
        return rows(day, rowsPerDay, random -> (int) Math.max(20, Math.exp(7.4 + random.nextGaussian())));
    }

    /** The same with its own latency distribution (milliseconds drawn from the day's generator). */
    static List<Object[]> rows(LocalDate day, int rowsPerDay, ToIntFunction<Random> latencies) {
        Random random = new Random(day.toEpochDay());
        long dayStart = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
        List<Object[]> rows = new ArrayList<>(rowsPerDay);
        for (int i = 0; i < rowsPerDay; i++) {
            long created = dayStart + (long) (random.nextDouble() * 86_400_000_000L);
            boolean failed = random.nextInt(20) == 0;
            int latency = latencies.applyAsInt(random);
            int tin = (int) Math.max(1, Math.exp(6.8 + random.nextGaussian()));
            Integer tout = failed ? null : (int) Math.max(1, Math.exp(5.5 + random.nextGaussian()));
            rows.add(new Object[]{UUID.randomUUID(), WORKFLOWS[random.nextInt(WORKFLOWS.length)], AGENTS[random.nextInt(AGENTS.length)],
                    TYPES[random.nextInt(TYPES.length)], failed ? "FAILED" : "COMPLETED", created, created + 500_000,
                    created + latency * 1000L, tin, tout,
                    BigDecimal.valueOf(tin * 25L + (tout == null ? 0 : tout * 100L), 7).setScale(6, RoundingMode.HALF_EVEN),
                    latency, failed ? "model timeout (task " + i + ")" : null, created + latency * 1000L});
        }
        rows.sort((a, b) -> {
            int c = a[2].toString().compareTo(b[2].toString());
            return c != 0 ? c : Long.compare((Long) a[5], (Long) b[5]);
        });
        return rows;
    }

    /** Writes the missing days (files and VALIDATED manifest rows); an existing lake is reused. */
    static int buildLake(DataSource ds, Path lake, LakeTable table, LocalDate first, LocalDate today,
                         int rowsPerDay) throws Exception {
        return buildLake(ds, lake, table, first, today, rowsPerDay, day -> rows(day, rowsPerDay));
    }

    /** The same with the days' rows from {@code rowsOf}. */
    static int buildLake(DataSource ds, Path lake, LakeTable table, LocalDate first, LocalDate today,
                         int rowsPerDay, Function<LocalDate, List<Object[]>> rowsOf) throws Exception {
        int written = 0;
        for (LocalDate day = first; day.isBefore(today); day = day.plusDays(1)) {
            String key = LakeKeys.dataFile(table.name(), day, 1);
            Path file = lake.resolve(key);
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                List<Object[]> rows = rowsOf.apply(day);
                Path tmp = file.resolveSibling(".tmp-part.parquet");
                try (DayParquetWriter writer = new DayParquetWriter(table, day.toString(), tmp, ParquetLayout.snappy(64L << 20))) {
                    for (Object[] row : rows) {
                        writer.write(row);
                    }
                    writer.finish("rows:" + rowsPerDay + ";sum:benchmark");
                }
                Files.move(tmp, file);
                written++;
            }
            ParquetFooter footer = new ParquetFiles().footer(file);
            String sizes = footer.columnBytes().entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
            try (Connection c = ds.getConnection()) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM export_manifest WHERE table_name = ? AND day = ?")) {
                    del.setString(1, table.name());
                    del.setObject(2, day);
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO export_manifest (table_name, day, version, status, row_count, "
                        + "bytes, column_sizes, content_checksum, object_key, storage_class, created_at, updated_at, validated_at) "
                        + "VALUES (?, ?, 1, 'VALIDATED', ?, ?, ?, 'benchmark', ?, 'LOCAL', ?, ?, ?)")) {
                    ins.setString(1, table.name());
                    ins.setObject(2, day);
                    ins.setLong(3, footer.rows());
                    ins.setLong(4, Files.size(file));
                    ins.setString(5, sizes);
                    ins.setString(6, key);
                    Timestamp at = Timestamp.from(BenchWiring.clockAt(today).instant());
                    ins.setTimestamp(7, at);
                    ins.setTimestamp(8, at);
                    ins.setTimestamp(9, at);
                    ins.executeUpdate();
                }
            }
        }
        return written;
    }

}
