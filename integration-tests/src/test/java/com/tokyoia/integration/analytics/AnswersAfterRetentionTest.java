package com.tokyoia.integration.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.AnalyticsSettings;
import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.analytics.infrastructure.engine.DuckDbEngine;
import com.tokyoia.analytics.infrastructure.engine.PostgresHotEngine;
import com.tokyoia.analytics.infrastructure.log.JdbcQueryLog;
import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.DamagedCopies;
import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.etl.application.retention.DayRetention;
import com.tokyoia.etl.application.retention.RetentionRun;
import com.tokyoia.etl.application.retention.RetentionVerdict;
import com.tokyoia.etl.infrastructure.extract.PostgresDaySource;
import com.tokyoia.etl.infrastructure.failure.TransientFailures;
import com.tokyoia.etl.infrastructure.lock.PostgresExportLocks;
import com.tokyoia.etl.infrastructure.retention.JdbcRetentionHolds;
import com.tokyoia.etl.infrastructure.retention.PostgresHotDays;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention changes where a day is read, never what a question answers: every catalog query, with
 * and without a filter, over days that are all in the hot window, answered before retention (from
 * PostgreSQL) and after it removed most of them (from the lake, by DuckDB, for the purged days),
 * gives the same rows. Its own days (March 2023) and its own clock, apart from the other tests'.
 */
class AnswersAfterRetentionTest {
    static final LocalDate FIRST = LocalDate.of(2023, 3, 1);
    static final LocalDate END = FIRST.plusDays(20);
    static final LocalDate TODAY = LocalDate.of(2023, 4, 1);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @Test
    void everyQueryAnswersTheSameAfterRetentionMovedItsDaysToTheLake() throws Exception {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = FIRST; d.isBefore(END); d = d.plusDays(1)) {
            days.add(d);
        }
        TestDatabase.resetDays(days);
        HotDataGenerator generator = new HotDataGenerator(2303);
        List<UUID> agents = generator.createAgents(4, "retained-");
        for (LocalDate day : days) {
            generator.day(day, new HotDataGenerator.Volume(5, 40, 15, 12, 6));
        }
        Path lake = Files.createTempDirectory("retention-lake-");
        Path work = Files.createTempDirectory("retention-work-");
        LakeFixture.exportAll(LakeFixture.exporter(new LocalDirectoryStore(lake), CatalogPublisher.NONE,
                work), FIRST, END);

        try (DuckDbEngine duck = new DuckDbEngine(lake)) {
            // 60 hot days: every day of the range is answered by PostgreSQL while it holds it.
            AnalyticsService service = new AnalyticsService(new PostgresHotEngine(TestDatabase.dataSource()), duck,
                    new JdbcManifest(TestDatabase.dataSource(), CLOCK), ResultCache.NONE,
                    new JdbcQueryLog(TestDatabase.dataSource(), CLOCK), new AnalyticsSettings(AnalyticsSettings.Engine.DUCKDB, 60, 400,
                    new BigDecimal("1000"), new BigDecimal("1000"), Duration.ofHours(24), Duration.ofSeconds(60)), CLOCK);
            Map<String, AnalyticsResult> before = answers(service, agents.get(1).toString());
            assertThat(before.values()).allMatch(r -> r.coldDays().isEmpty() && r.hotDays().size() == days.size());

            PostgresHotDays hot = new PostgresHotDays(TestDatabase.dataSource(), CLOCK, Duration.ofDays(30));
            DayRetention retention = new DayRetention(new JdbcManifest(TestDatabase.dataSource(), CLOCK), new LocalDirectoryStore(lake),
                    new PostgresDaySource(TestDatabase.dataSource(), 8L << 20, true), hot, new PostgresExportLocks(TestDatabase.dataSource()),
                    new Retry(1, Duration.ofMillis(10), TransientFailures::isTransient), work, 1000,
                    new DamagedCopies(new JdbcManifest(TestDatabase.dataSource(), CLOCK), Alerts.none(), CLOCK));
            List<RetentionVerdict> verdicts = new RetentionRun(retention, hot, new JdbcRetentionHolds(TestDatabase.dataSource(), CLOCK),
                    Alerts.none(), 15).run(TODAY, 4242, false, () -> false);
            long purgedTaskDays = verdicts.stream().filter(v -> v.table().equals("agent_tasks")
                    && v.outcome() == RetentionVerdict.Outcome.PURGED).count();
            assertThat(purgedTaskDays).as("days before " + TODAY.minusDays(15) + " left PostgreSQL").isEqualTo(16);

            Map<String, AnalyticsResult> after = answers(service, agents.get(1).toString());
            for (Map.Entry<String, AnalyticsResult> answer : after.entrySet()) {
                assertThat(answer.getValue().rows()).as(answer.getKey() + ": the same answer after retention")
                        .isEqualTo(before.get(answer.getKey()).rows());
                assertThat(answer.getValue().missingDays()).as(answer.getKey()).isEmpty();
            }
            assertThat(after.get("task_throughput {}").coldDays()).as("purged days are read from the lake").hasSize(16);
        }
    }

    private static Map<String, AnalyticsResult> answers(AnalyticsService service, String agent) throws Exception {
        Map<String, AnalyticsResult> answers = new LinkedHashMap<>();
        for (AnalyticsQuery query : QueryCatalog.all()) {
            for (Map<String, String> filters : List.of(Map.<String, String>of(), query.filter("agentId").isPresent()
                    ? Map.of("agentId", agent) : Map.<String, String>of())) {
                Map<String, String> parameters = AnalyticsTest.wholeAnswer(filters);
                parameters.put("from", FIRST.toString());
                parameters.put("to", END.toString());
                answers.put(query.name() + " " + filters, AnalyticsTest.whole(service.run(service.validate(query.name(), parameters), false)));
            }
        }
        return answers;
    }
}
