package com.tokyoia.integration.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.AnalyticsSettings;
import com.tokyoia.analytics.application.QueryRefusedException;
import com.tokyoia.analytics.application.Spender;
import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.HotPartials;
import com.tokyoia.analytics.application.port.QueryLog;
import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.AnalyticsRequest.InvalidAnalyticsRequest;
import com.tokyoia.analytics.domain.AnalyticsRequest;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.LakeReach;
import com.tokyoia.analytics.domain.PageRequest;
import com.tokyoia.analytics.domain.PartialSink;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.analytics.infrastructure.cache.RedisResultCache;
import com.tokyoia.analytics.infrastructure.engine.DuckDbEngine;
import com.tokyoia.analytics.infrastructure.engine.PostgresHotEngine;
import com.tokyoia.analytics.infrastructure.log.JdbcQueryLog;
import com.tokyoia.analytics.infrastructure.manifest.ListeningManifestView;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.platform.cache.CacheSettings;
import com.tokyoia.platform.cache.RedisCache;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every catalog query over 120 days, answered all from PostgreSQL, all from DuckDB over the lake,
 * and split between them: identical answers. Plus missing and archived days, the cost quote and
 * guard, the Redis result cache and its invalidation by re-export, and injection attempts.
 */
class AnalyticsTest {
    static final BigDecimal NO_LIMIT = LakeFixture.NO_LIMIT;
    static DuckDbEngine duck;
    static final String FROM = LakeFixture.FIRST.toString();
    static final String TO = LakeFixture.TODAY.toString();

    @BeforeAll
    static void lake() throws Exception {
        duck = new DuckDbEngine(LakeFixture.lake());
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    static AnalyticsService service(int hotWindowDays, ColdEngine cold, ResultCache cache, BigDecimal limit) {
        return LakeFixture.service(hotWindowDays, cold, cache, limit, NO_LIMIT);
    }

    static AnalyticsResult run(AnalyticsService service, String query, Map<String, String> extra) throws Exception {
        Map<String, String> parameters = wholeAnswer(extra);
        parameters.putIfAbsent("from", FROM);
        parameters.putIfAbsent("to", TO);
        return whole(service.run(service.validate(query, parameters), false));
    }

    /** Answers are compared whole: one page as large as pages go, which must be the last. */
    static Map<String, String> wholeAnswer(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.putIfAbsent("limit", "10000");
        return all;
    }

    static AnalyticsResult whole(AnalyticsResult result) {
        assertThat(result.nextCursor()).as(result.query() + ": the whole answer in one page").isNull();
        assertThat(result.rows()).hasSize(result.totalRows());
        return result;
    }

    @Test
    void anAnswerOverItsMemoryBoundIsRefusedWithHowToNarrowItAndFitsUnderTheDefault() throws Exception {
        // A bound of a few groups; the engines stream into the merge, so it stops while reading.
        AnalyticsService tight = new AnalyticsService(new PostgresHotEngine(LakeFixture.dataSource()), duck, LakeFixture.manifest(),
                ResultCache.NONE, new JdbcQueryLog(LakeFixture.dataSource(), LakeFixture.CLOCK),
                new AnalyticsSettings(AnalyticsSettings.Engine.DUCKDB, 10, 400, NO_LIMIT, NO_LIMIT, Duration.ofHours(24),
                        Duration.ofSeconds(60), NO_LIMIT, new AnalyticsSettings.GroupBudgets(NO_LIMIT, Map.of()),
                        PageRequest.Limits.DEFAULT, 4096), LakeFixture.CLOCK);
        for (AnalyticsQuery query : List.of(QueryCatalog.LATENCY_BY_AGENT, QueryCatalog.TOKEN_COST_BY_WORKFLOW)) {
            AnalyticsRequest request = tight.validate(query.name(), Map.of("from", FROM, "to", TO));
            assertThatThrownBy(() -> tight.run(request, false)).as(query.name())
                    .isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(QueryRefusedException.Reason.ANSWER_TOO_LARGE);
                        assertThat(e.getMessage()).contains("MiB").contains("Narrow the range").contains("agentId");
                    });
            AnalyticsResult fits = run(service(10, duck, ResultCache.NONE, NO_LIMIT), query.name(), Map.of());
            assertThat(fits.totalRows()).as(query.name() + " under the default bound").isGreaterThan(3);
        }
    }

    @Test
    void anAnswerBeyondTheConcurrencyLimitIsRefusedAsBusyAndPassesOnceAPermitIsBack() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        PostgresHotEngine postgres = new PostgresHotEngine(LakeFixture.dataSource());
        // PostgreSQL's own engine, held at its start, so one answer is being computed while the next question arrives.
        HotPartials held = new HotPartials() {
            @Override
            public void partials(AnalyticsQuery query, LocalDate first, LocalDate last, Map<String, String> filters, PartialSink sink)
                    throws SQLException {
                computing.countDown();
                try {
                    finish.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                postgres.partials(query, first, last, filters, sink);
            }

            @Override
            public String watermark(AnalyticsQuery query, LocalDate first, LocalDate last) throws SQLException {
                return postgres.watermark(query, first, last);
            }
        };
        AnalyticsService oneAtATime = new AnalyticsService(held, duck, LakeFixture.manifest(), ResultCache.NONE,
                new JdbcQueryLog(LakeFixture.dataSource(), LakeFixture.CLOCK),
                new AnalyticsSettings(AnalyticsSettings.Engine.DUCKDB, 400, 400, NO_LIMIT, NO_LIMIT, Duration.ofHours(24),
                        Duration.ofSeconds(60), NO_LIMIT, new AnalyticsSettings.GroupBudgets(NO_LIMIT, Map.of()),
                        PageRequest.Limits.DEFAULT, AnalyticsSettings.DEFAULT_MAX_ANSWER_BYTES, 1), LakeFixture.CLOCK);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<AnalyticsResult> running = first.submit(() -> run(oneAtATime, QueryCatalog.LATENCY_BY_AGENT.name(), Map.of()));
            assertThat(computing.await(60, TimeUnit.SECONDS)).as("the first answer is being computed").isTrue();

            assertThatThrownBy(() -> run(oneAtATime, QueryCatalog.TOKEN_COST_BY_WORKFLOW.name(), Map.of()))
                    .isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(QueryRefusedException.Reason.BUSY);
                        assertThat(e.getMessage()).contains("1 answers are being computed").contains("tokyoia.analytics.max-concurrent-answers");
                    });

            finish.countDown();
            assertThat(running.get(60, TimeUnit.SECONDS).rows()).as("the first answer completes").isNotEmpty();
            assertThat(run(oneAtATime, QueryCatalog.TOKEN_COST_BY_WORKFLOW.name(), Map.of()).rows())
                    .as("with the permit back, the refused question is answered").isNotEmpty();
        } finally {
            finish.countDown();
            first.shutdownNow();
        }
    }

    @Test
    void everyQueryGivesIdenticalAnswersFromPostgresFromTheLakeAndSplit() throws Exception {
        AnalyticsService allHot = service(400, duck, ResultCache.NONE, NO_LIMIT);
        AnalyticsService allCold = service(0, duck, ResultCache.NONE, NO_LIMIT);
        AnalyticsService split = service(60, duck, ResultCache.NONE, NO_LIMIT);
        String agent = LakeFixture.AGENTS.get(2).toString();
        for (AnalyticsQuery query : QueryCatalog.all()) {
            for (Map<String, String> filters : List.of(Map.<String, String>of(), query.filter("agentId").isPresent()
                    ? Map.of("agentId", agent) : Map.<String, String>of())) {
                AnalyticsResult hot = run(allHot, query.name(), filters);
                AnalyticsResult cold = run(allCold, query.name(), filters);
                AnalyticsResult mixed = run(split, query.name(), filters);
                assertThat(hot.rows()).as(query.name() + " " + filters + " has rows").isNotEmpty()
                        .allSatisfy(row -> assertThat(List.copyOf(row.keySet())).as(query.name() + ": the columns the catalog states")
                                .isEqualTo(query.resultColumns()));
                assertThat(hot.hotDays()).hasSize(120);
                assertThat(cold.coldDays()).hasSize(120);
                assertThat(cold.engine()).isEqualTo("duckdb");
                assertThat(mixed.hotDays()).hasSize(60);
                assertThat(mixed.coldDays()).hasSize(60);
                assertThat(mixed.engine()).isEqualTo("postgresql+duckdb");
                assertThat(cold.rows()).as(query.name() + " " + filters + ": lake = PostgreSQL").isEqualTo(hot.rows());
                assertThat(mixed.rows()).as(query.name() + " " + filters + ": split = PostgreSQL").isEqualTo(hot.rows());
            }
        }
    }

    @Test
    void percentilesComeFromMergedBucketsWithinOneBucketOfTheExactValue() throws Exception {
        AnalyticsResult result = run(service(0, duck, ResultCache.NONE, NO_LIMIT), "latency_percentiles_by_task_type", Map.of());
        for (Map<String, Object> row : result.rows()) {
            double exact = TestDatabase.count("SELECT percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) FROM agent_tasks "
                    + "WHERE task_type = ? AND latency_ms IS NOT NULL AND "
                    + "created_at >= ?::date::timestamp AT TIME ZONE 'UTC' AND created_at < ?::date::timestamp AT TIME ZONE 'UTC'",
                    row.get("task_type"), LakeFixture.FIRST, LakeFixture.TODAY);
            double p95 = ((BigDecimal) row.get("p95_ms")).doubleValue();
            assertThat(p95).isLessThanOrEqualTo(exact).isGreaterThanOrEqualTo(exact * 0.99 - 1);
        }
    }

    @Test
    void missingDaysAreReportedAndArchivedDaysRefused() throws Exception {
        AnalyticsService cold = service(0, duck, ResultCache.NONE, NO_LIMIT);
        AnalyticsResult withGap = run(cold, "task_throughput", Map.of("from", LakeFixture.FIRST.minusDays(5).toString()));
        assertThat(withGap.missingDays()).containsExactly(
                LakeFixture.FIRST.minusDays(5).toString(), LakeFixture.FIRST.minusDays(4).toString(),
                LakeFixture.FIRST.minusDays(3).toString(), LakeFixture.FIRST.minusDays(2).toString(),
                LakeFixture.FIRST.minusDays(1).toString());
        assertThat(withGap.rows()).isEqualTo(run(cold, "task_throughput", Map.of()).rows());

        LocalDate archived = LakeFixture.FIRST.plusDays(10);
        try (Connection c = LakeFixture.dataSource().getConnection()) {
            TestDatabase.exec(c, "UPDATE export_manifest SET status = 'ARCHIVED', storage_class = 'DEEP_ARCHIVE' "
                    + "WHERE table_name = 'agent_tasks' AND day = ?", archived);
            try {
                assertThatThrownBy(() -> run(cold, "task_throughput", Map.of()))
                        .isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                            assertThat(e.reason()).isEqualTo(QueryRefusedException.Reason.ARCHIVED_DAYS);
                            assertThat(e.days()).containsExactly(archived.toString());
                        });
            } finally {
                TestDatabase.exec(c, "UPDATE export_manifest SET status = 'VALIDATED', storage_class = 'LOCAL' "
                        + "WHERE table_name = 'agent_tasks' AND day = ?", archived);
            }
        }
    }

    @Test
    void aDayWhoseCopyACheckFoundDamagedIsRefusedByNameUntilItIsWholeAgain() throws Exception {
        AnalyticsService cold = service(0, duck, ResultCache.NONE, NO_LIMIT);
        Map<String, String> range = Map.of("from", FROM, "to", LakeFixture.FIRST.plusDays(5).toString());
        List<Map<String, Object>> whole = run(cold, "task_throughput", range).rows();
        LocalDate day = LakeFixture.FIRST.plusDays(2);
        ManifestEntry copy = LakeFixture.manifest().current("agent_tasks", day).orElseThrow();
        LakeFixture.manifest().markDamaged(copy.id(), copy.objectKey() + " has 17 bytes with SHA-256 00ff", Instant.EPOCH);
        try {
            assertThatThrownBy(() -> run(cold, "task_throughput", range)).isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                assertThat(e.reason()).isEqualTo(QueryRefusedException.Reason.DAMAGED_DAYS);
                assertThat(e.days()).containsExactly(day.toString());
                assertThat(e.getMessage()).contains("version " + copy.version()).contains("17 bytes").contains("restore-object");
            });
        } finally {
            LakeFixture.manifest().markWhole(copy.id());
        }
        assertThat(run(cold, "task_throughput", range).rows()).isEqualTo(whole).isNotEmpty();
    }

    @Test
    void daysKeptWhereTheEngineDoesNotReadAreRefusedByNameBeforeAnyEngineRuns() throws Exception {
        Path lake = LakeFixture.lake();
        Map<String, String> range = Map.of("from", FROM, "to", LakeFixture.FIRST.plusDays(5).toString());
        // The case: days exported on the single-machine default, the deployment now on Trino over S3.
        AnalyticsService onTrino = LakeFixture.service(0, duck, LakeReach.overS3("trino", "s3://tokyo-ia-lake/lake", "trino"));
        assertThatThrownBy(() -> run(onTrino, "task_throughput", range)).isInstanceOfSatisfying(QueryRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(QueryRefusedException.Reason.STORE_UNREACHABLE);
            assertThat(e.days()).hasSize(5).first().isEqualTo(FROM);
            assertThat(e.getMessage()).contains(LakeLocation.local(lake).root()).contains("trino engine");
        });
        // The local lake moved to another directory without its copies.
        AnalyticsService moved = LakeFixture.service(0, duck, LakeReach.duckdb(LakeLocation.local(lake.resolveSibling("moved-lake"))));
        assertThatThrownBy(() -> run(moved, "task_throughput", range)).isInstanceOfSatisfying(QueryRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(QueryRefusedException.Reason.STORE_UNREACHABLE));
        // Where the days are, they are answered as before.
        AnalyticsService here = LakeFixture.service(0, duck, LakeReach.duckdb(LakeLocation.local(lake)));
        assertThat(run(here, "task_throughput", range).rows()).isEqualTo(run(service(0, duck, ResultCache.NONE, NO_LIMIT),
                "task_throughput", range).rows()).isNotEmpty();
    }

    /** The manifest's file sizes of agent_tasks over [from, to). */
    static long fileBytes(LocalDate from, LocalDate to) throws Exception {
        long sum = 0;
        for (ManifestEntry row : LakeFixture.manifest().latestVersions("agent_tasks", from, to.minusDays(1))) {
            sum += row.bytes();
        }
        return sum;
    }

    @Test
    void theQuoteIsWhatTheTouchedDaysFilesCostToReadAndOverLimitRunsNothing() throws Exception {
        AnalyticsQuery query = QueryCatalog.TOKEN_COST_BY_AGENT;
        LocalDate from = LakeFixture.FIRST.plusDays(20);
        LocalDate to = from.plusDays(7);
        // The fixture's files are small (a few KB): a Trino-based reader reads them whole (CostQuoteTest has the large case).
        long expected = fileBytes(from, to);
        long quoted = expected;
        AtomicInteger coldRuns = new AtomicInteger();
        ColdEngine counting = new ColdEngine() {
            @Override
            public ColdAnswer partials(AnalyticsQuery q, List<DayPlan.ColdDay> days, Map<String, String> filters, PartialSink sink) {
                coldRuns.incrementAndGet();
                return duck.partials(q, days, filters, sink);
            }

            @Override
            public String name() {
                return "duckdb";
            }

            @Override
            public String probe() throws SQLException {
                return duck.probe();
            }
        };
        AnalyticsService strict = service(0, counting, ResultCache.NONE, new BigDecimal("0.000001"));
        AnalyticsRequest request = strict.validate(query.name(), Map.of("from", from.toString(), "to", to.toString()));
        AnalyticsService.Quote quote = strict.quote(request);
        assertThat(quote.cost().bytes()).isEqualTo(expected).isPositive();
        assertThat(quote.cost().days()).isEqualTo(7);
        // 10 MB minimum at $5/TB.
        assertThat(quote.cost().usd()).isEqualByComparingTo("0.000048");

        long logged = TestDatabase.count("SELECT count(*) FROM analytics_query_log");
        assertThatThrownBy(() -> strict.run(request, false)).isInstanceOfSatisfying(QueryRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(QueryRefusedException.Reason.OVER_QUERY_LIMIT);
            assertThat(e.quotedBytes()).isEqualTo(quoted);
        });
        assertThat(coldRuns.get()).as("nothing ran").isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM analytics_query_log")).isEqualTo(logged);
        assertThat(strict.run(request, true).rows()).as("an admin override runs it").isNotEmpty();
        assertThat(coldRuns.get()).isEqualTo(1);
    }

    @Test
    void theDailyBudgetCountsWhatWasSpentAndRefusesBeyondIt() throws Exception {
        AnalyticsService spender = service(0, duck, ResultCache.NONE, NO_LIMIT);
        run(spender, "token_cost_by_agent", Map.of());
        BigDecimal spent = new JdbcQueryLog(LakeFixture.dataSource(), LakeFixture.CLOCK).spentSince(LakeFixture.TODAY);
        assertThat(spent).isPositive();
        AnalyticsService broke = LakeFixture.service(0, duck, ResultCache.NONE, NO_LIMIT, spent);
        assertThatThrownBy(() -> run(broke, "token_cost_by_agent", Map.of()))
                .isInstanceOfSatisfying(QueryRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(QueryRefusedException.Reason.OVER_DAILY_BUDGET));
        // Hot-only questions scan nothing in the lake and are never refused for cost.
        AnalyticsService hotOnly = LakeFixture.service(400, duck, ResultCache.NONE, NO_LIMIT, spent);
        assertThat(run(hotOnly, "token_cost_by_agent", Map.of()).costUsd()).isZero();
    }

    /** The background log writes hits in batches: a batch is written whole or not at all, so its entries can be written again one by one. */
    @Test
    void aBatchOfQueryLogEntriesIsWrittenWholeOrNotAtAll() throws Exception {
        JdbcQueryLog log = new JdbcQueryLog(LakeFixture.dataSource(), LakeFixture.CLOCK);
        String marker = "batch-" + UUID.randomUUID();
        List<QueryLog.Entry> good = List.of(logEntry("task_throughput", marker + "#1"), logEntry("task_throughput", marker + "#2"),
                logEntry("token_cost_by_agent", marker + "#3"));
        log.recordAll(good);
        assertThat(TestDatabase.count("SELECT count(*) FROM analytics_query_log WHERE parameters LIKE ?", marker + "%")).isEqualTo(3);
        String refused = "refused-" + UUID.randomUUID();
        List<QueryLog.Entry> withABadOne = List.of(logEntry("task_throughput", refused + "#1"), logEntry(null, refused + "#2"),
                logEntry("task_throughput", refused + "#3"));
        assertThatThrownBy(() -> log.recordAll(withABadOne)).isInstanceOf(SQLException.class);
        assertThat(TestDatabase.count("SELECT count(*) FROM analytics_query_log WHERE parameters LIKE ?", refused + "%")).isZero();
        log.record(withABadOne.get(0));
        assertThat(TestDatabase.count("SELECT count(*) FROM analytics_query_log WHERE parameters LIKE ?", refused + "%"))
                .as("the log writes on after a refused batch").isEqualTo(1);
    }

    private static QueryLog.Entry logEntry(String query, String parameters) {
        return new QueryLog.Entry(query, parameters, "duckdb", 0, 1, 0, 1000, BigDecimal.ZERO, null, BigDecimal.ZERO, true, 3, 1,
                null, null, "alice", null);
    }

    @Test
    void eachUserSpendsOnlyItsShareOfTheDailyBudgetAndAdminsSeeWhoSpentWhat() throws Exception {
        Spender alice = Spender.user("alice-" + UUID.randomUUID());
        Spender bob = Spender.user("bob-" + UUID.randomUUID());
        AnalyticsService spender = service(0, duck, ResultCache.NONE, NO_LIMIT);
        AnalyticsRequest request = spender.validate("token_cost_by_agent", Map.of("from", FROM, "to", TO));
        spender.run(request, false, alice);
        JdbcQueryLog log = new JdbcQueryLog(LakeFixture.dataSource(), LakeFixture.CLOCK);
        BigDecimal aliceSpent = log.spentSince(LakeFixture.TODAY, QueryLog.Payer.USER, alice.user());
        assertThat(aliceSpent).as("the scan is attributed to alice").isPositive();
        assertThat(log.spentSince(LakeFixture.TODAY, QueryLog.Payer.USER, bob.user())).isZero();

        // Each user may spend what alice has spent: alice is done for the day, bob is not.
        AnalyticsService shared = LakeFixture.service(0, duck, ResultCache.NONE, NO_LIMIT, NO_LIMIT, aliceSpent);
        assertThatThrownBy(() -> shared.run(request, false, alice)).isInstanceOfSatisfying(QueryRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(QueryRefusedException.Reason.OVER_DAILY_BUDGET);
            assertThat(e.getMessage()).contains(alice.user()).contains("daily share");
        });
        assertThat(shared.run(request, false, bob).costUsd()).isPositive();
        assertThat(shared.run(request, true, alice).rows()).as("an admin's override runs it").isNotEmpty();

        List<Map<String, Object>> byUser = shared.costsBy(QueryLog.Payer.USER, LakeFixture.TODAY, LakeFixture.TODAY.plusDays(1));
        Map<Object, Object> spent = byUser.stream().collect(Collectors.toMap(r -> r.get("user"), r -> r.get("costUsd")));
        assertThat((BigDecimal) spent.get(alice.user())).isEqualByComparingTo(log.spentSince(LakeFixture.TODAY, QueryLog.Payer.USER, alice.user()));
        assertThat((BigDecimal) spent.get(bob.user())).isEqualByComparingTo(log.spentSince(LakeFixture.TODAY, QueryLog.Payer.USER, bob.user())).isPositive();
        assertThat(byUser.stream().map(r -> (BigDecimal) r.get("costUsd")).toList())
                .as("the most expensive first").isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void eachGroupSpendsOnlyItsShareAndAdminsSeeWhatEachGroupSpent() throws Exception {
        String research = "research-" + UUID.randomUUID();
        String ops = "ops-" + UUID.randomUUID();
        Spender carol = new Spender("carol-" + UUID.randomUUID(), research);
        Spender dave = new Spender("dave-" + UUID.randomUUID(), research);
        Spender erin = new Spender("erin-" + UUID.randomUUID(), ops);
        AnalyticsService open = service(0, duck, ResultCache.NONE, NO_LIMIT);
        AnalyticsRequest request = open.validate("token_cost_by_agent", Map.of("from", FROM, "to", TO));
        open.run(request, false, carol);
        JdbcQueryLog log = new JdbcQueryLog(LakeFixture.dataSource(), LakeFixture.CLOCK);
        BigDecimal carolSpent = log.spentSince(LakeFixture.TODAY, QueryLog.Payer.GROUP, research);
        assertThat(carolSpent).as("the scan is charged to carol's group").isPositive();

        // research may spend what carol has spent: dave, in the same group, is refused; erin's group has
        // a share of its own (named) and a user without a group pays only from the whole budget.
        AnalyticsService shared = LakeFixture.service(0, duck, ResultCache.NONE, NO_LIMIT, NO_LIMIT, NO_LIMIT,
                new AnalyticsSettings.GroupBudgets(carolSpent, Map.of(ops, NO_LIMIT)));
        assertThatThrownBy(() -> shared.run(request, false, dave)).isInstanceOfSatisfying(QueryRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(QueryRefusedException.Reason.OVER_DAILY_BUDGET);
            assertThat(e.getMessage()).contains("group " + research + "'s daily share");
        });
        assertThat(shared.run(request, false, erin).costUsd()).isPositive();
        assertThat(shared.run(request, false, Spender.user("frank-" + UUID.randomUUID())).costUsd()).isPositive();

        Map<Object, Object> spent = shared.costsBy(QueryLog.Payer.GROUP, LakeFixture.TODAY, LakeFixture.TODAY.plusDays(1)).stream()
                .collect(Collectors.toMap(r -> r.get("group"), r -> r.get("costUsd")));
        assertThat((BigDecimal) spent.get(research)).isEqualByComparingTo(carolSpent);
        assertThat((BigDecimal) spent.get(ops)).isEqualByComparingTo(log.spentSince(LakeFixture.TODAY, QueryLog.Payer.GROUP, ops)).isPositive();
        assertThat(spent).containsKey("(no group)");
    }

    @Test
    void cachedAnswersHitAndAReExportOfATouchedDayMakesTheNextCallMiss() throws Exception {
        RedisCache redis = RedisCache.connect(redisAt(6379, "tokyoia-test-" + UUID.randomUUID() + ":"), LakeFixture.CLOCK);
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            // As the server runs it: plans from the in-memory manifest view, kept until PostgreSQL announces a change.
            ListeningManifestView view = new ListeningManifestView(LakeFixture.dataSource(), LakeFixture.manifest()::currentVersions,
                    Executors.defaultThreadFactory());
            closing.add(view);
            await(view::isListening);
            AnalyticsService cached = service(0, duck, new RedisResultCache(redis), NO_LIMIT).withManifestView(view);
            Map<String, String> range = Map.of("from", LakeFixture.FIRST.plusDays(30).toString(),
                    "to", LakeFixture.FIRST.plusDays(40).toString());
            Map<String, String> untouched = Map.of("from", LakeFixture.FIRST.plusDays(20).toString(),
                    "to", LakeFixture.FIRST.plusDays(30).toString());
            AnalyticsResult first = run(cached, "task_throughput", range);
            AnalyticsResult second = run(cached, "task_throughput", range);
            assertThat(first.cacheHit()).isFalse();
            assertThat(second.cacheHit()).isTrue();
            assertThat(second.rows()).isEqualTo(first.rows());
            assertThat(run(cached, "task_throughput", untouched).cacheHit()).isFalse();

            LocalDate day = LakeFixture.FIRST.plusDays(35);
            UUID agent = LakeFixture.AGENTS.get(0);
            try (Connection c = LakeFixture.dataSource().getConnection()) {
                UUID workflow = UUID.randomUUID();
                TestDatabase.exec(c, "INSERT INTO workflows (id, name, status, created_at, updated_at) VALUES (?, 'late', 'COMPLETED', ?, ?)",
                        workflow, HotDataGenerator.ts(day.atTime(11, 0).toInstant(ZoneOffset.UTC)),
                        HotDataGenerator.ts(day.atTime(11, 0).toInstant(ZoneOffset.UTC)));
                TestDatabase.exec(c, "INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 'late', 'FAILED', ?, ?)", UUID.randomUUID(), workflow, agent,
                        HotDataGenerator.ts(day.atTime(12, 0).toInstant(ZoneOffset.UTC)), HotDataGenerator.ts(day.atTime(12, 0).toInstant(ZoneOffset.UTC)));
            }
            long generation = view.generation();
            LakeFixture.exporter(LakeFixture.lake()).export(LakeSchemaRegistry.AGENT_TASKS, day, -101, true);
            // The view hears of the new version milliseconds after its commit; a question asked in between would get
            // the answer of a moment before, which this test does not want to depend on.
            await(() -> view.generation() > generation);
            AnalyticsResult third = run(cached, "task_throughput", range);
            assertThat(third.cacheHit()).as("the re-exported day changed the key").isFalse();
            assertThat(run(cached, "task_throughput", untouched).cacheHit()).as("a range without the day still hits").isTrue();
            assertThat(total(third, "tasks")).isEqualTo(total(first, "tasks").add(BigDecimal.ONE));
            assertThat(run(cached, "task_throughput", range).cacheHit()).isTrue();

            // The same version numbers over other files (a database rebuilt or restored elsewhere) never meet the old answer.
            String flip = "UPDATE export_manifest SET sha256 = reverse(sha256) WHERE table_name = 'agent_tasks' AND day = ? "
                    + "AND version = (SELECT max(version) FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ?)";
            try (Connection c = LakeFixture.dataSource().getConnection()) {
                long unflipped = view.generation();
                TestDatabase.exec(c, flip, day, day);
                try {
                    await(() -> view.generation() > unflipped);
                    assertThat(run(cached, "task_throughput", range).cacheHit()).as("another file under the same version").isFalse();
                } finally {
                    TestDatabase.exec(c, flip, day, day);
                }
            }
        } finally {
            for (AutoCloseable resource : closing) {
                resource.close();
            }
            redis.disconnect();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the manifest view hears of the change within 20 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void withRedisUnreachableAnswersAreStillCorrect() throws Exception {
        RedisCache down = RedisCache.connect(redisAt(1, "tokyoia-test:"), LakeFixture.CLOCK);
        try {
            AnalyticsService uncached = service(60, duck, new RedisResultCache(down), NO_LIMIT);
            AnalyticsResult a = run(uncached, "interaction_graph", Map.of());
            AnalyticsResult b = run(uncached, "interaction_graph", Map.of());
            assertThat(a.cacheHit()).isFalse();
            assertThat(b.cacheHit()).isFalse();
            assertThat(b.rows()).isEqualTo(run(service(400, duck, ResultCache.NONE, NO_LIMIT), "interaction_graph", Map.of()).rows());
        } finally {
            down.disconnect();
        }
    }

    @Test
    void injectionAttemptsAreRejectedOrBoundAndChangeNothing() throws Exception {
        AnalyticsService service = service(60, duck, ResultCache.NONE, NO_LIMIT);
        long agents = TestDatabase.count("SELECT count(*) FROM agents");
        long tasks = TestDatabase.count("SELECT count(*) FROM agent_tasks");
        List<Map<String, String>> attacks = List.of(
                Map.of("agentId", "x' OR '1'='1"),
                Map.of("agentId", "00000000-0000-0000-0000-000000000000'; DROP TABLE agents; --"),
                Map.of("taskType", "summarize'; DELETE FROM agent_tasks; --"),
                Map.of("taskType", "a b"),
                Map.of("workflowId", "1 UNION SELECT * FROM agents"),
                Map.of("from", "2024-01-01'; --"),
                Map.of("sql", "SELECT 1"));
        for (Map<String, String> attack : attacks) {
            Map<String, String> parameters = new HashMap<>(Map.of("from", FROM, "to", TO));
            parameters.putAll(attack);
            assertThatThrownBy(() -> service.validate("task_throughput", parameters)).as(attack.toString())
                    .isInstanceOf(InvalidAnalyticsRequest.class);
        }
        assertThatThrownBy(() -> service.validate("task_throughput; DROP TABLE agents", Map.of("from", FROM, "to", TO)))
                .isInstanceOf(InvalidAnalyticsRequest.class);
        // Tokens that look like SQL but fit the format are bound as values: they just match nothing.
        assertThat(run(service, "task_throughput", Map.of("taskType", "DROP")).rows()).isEmpty();
        assertThat(TestDatabase.count("SELECT count(*) FROM agents")).isEqualTo(agents);
        assertThat(TestDatabase.count("SELECT count(*) FROM agent_tasks")).isEqualTo(tasks);
    }

    private static CacheSettings redisAt(int port, String prefix) {
        return new CacheSettings("127.0.0.1", port, Optional.empty(), 0, Duration.ofMillis(500), 4, Duration.ofSeconds(5), prefix);
    }

    private static BigDecimal total(AnalyticsResult result, String measure) {
        return result.rows().stream().map(r -> (BigDecimal) r.get(measure)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
