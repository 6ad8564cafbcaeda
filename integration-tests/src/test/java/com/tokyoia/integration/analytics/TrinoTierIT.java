package com.tokyoia.integration.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.PartialSink;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.analytics.infrastructure.engine.AthenaEngine;
import com.tokyoia.analytics.infrastructure.engine.AthenaSettings;
import com.tokyoia.analytics.infrastructure.engine.DuckDbEngine;
import com.tokyoia.analytics.infrastructure.engine.LakeSql;
import com.tokyoia.analytics.infrastructure.engine.PartialQueries;
import com.tokyoia.analytics.infrastructure.engine.TrinoEngine;
import com.tokyoia.etl.infrastructure.catalog.TrinoCatalogPublisher;
import com.tokyoia.etl.infrastructure.store.S3ObjectStore;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.infrastructure.config.S3Settings;
import com.tokyoia.lake.infrastructure.config.TrinoSettings;
import com.tokyoia.lake.infrastructure.trino.TrinoConnector;
import com.tokyoia.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * The Trino tier: generated days exported by the real ETL to a real S3-compatible server (S3Proxy),
 * registered in a real Trino 476 by the Trino catalog publisher, then every catalog query answered
 * by PostgreSQL, by DuckDB over the same objects, by Trino, and by the exact request the Athena
 * engine would send (query string and execution parameters), executed on Trino: all identical.
 * The stack is started by the build (tools/local-trino, pre-integration-test).
 */
class TrinoTierIT {
    static final LocalDate FIRST = LakeFixture.TODAY.minusDays(40);
    static final String PREFIX = "lake";
    static TrinoConnector trino;
    static S3ObjectStore store;
    static DuckDbEngine duck;

    @BeforeAll
    static void exportToS3AndRegisterInTrino() throws Exception {
        LakeFixture.generated();
        trino = new TrinoConnector(new TrinoSettings(System.getProperty("tokyoia.it.trino.url", "jdbc:trino://127.0.0.1:18088"),
                "tokyoia-it", "lake", "tokyoia_it", Duration.ofMinutes(2)));
        try (Connection c = trino.connect(); Statement s = c.createStatement()) {
            // A clean catalog for this run; the external tables' data stays in the bucket, overwritten below.
            for (String table : LakeSchemaRegistry.tables().stream().map(t -> t.name()).toList()) {
                s.execute("DROP TABLE IF EXISTS lake.tokyoia_it." + table);
            }
        }
        S3Settings settings = new S3Settings("tokyo-ia-lake", PREFIX, Optional.of("us-east-1"),
                Optional.of(URI.create(System.getProperty("tokyoia.it.s3.endpoint", "http://127.0.0.1:18333"))), true,
                Optional.empty(), Optional.empty(), 64L << 20, 8L << 20);
        store = S3ObjectStore.anonymous(settings);
        TrinoCatalogPublisher publisher = new TrinoCatalogPublisher(trino, "s3://tokyo-ia-lake/" + PREFIX);
        LakeFixture.exportAll(LakeFixture.exporter(store, publisher, Files.createTempDirectory("trino-tier-work")),
                FIRST, LakeFixture.TODAY);
        // S3Proxy's filesystem backend keeps each object as a file: DuckDB reads the very same bytes.
        duck = new DuckDbEngine(Path.of(System.getProperty("tokyoia.it.s3.dir", "target/trino-stack/s3/data"))
                .resolve("tokyo-ia-lake").resolve(PREFIX));
    }

    @AfterAll
    static void close() throws Exception {
        if (duck != null) {
            duck.close();
        }
        if (store != null) {
            store.close();
        }
        if (trino != null) {
            trino.close();
        }
    }

    static AnalyticsService service(int hotWindowDays, ColdEngine cold) {
        return LakeFixture.service(hotWindowDays, cold, ResultCache.NONE, LakeFixture.NO_LIMIT, LakeFixture.NO_LIMIT);
    }

    static AnalyticsResult run(AnalyticsService service, String query, Map<String, String> filters, LocalDate from) throws Exception {
        Map<String, String> parameters = AnalyticsTest.wholeAnswer(filters);
        parameters.put("from", from.toString());
        parameters.put("to", LakeFixture.TODAY.toString());
        return AnalyticsTest.whole(service.run(service.validate(query, parameters), false));
    }

    @Test
    void everyCatalogQueryGivesTheSameAnswerOnPostgresDuckDbTrinoAndAthenasSqlOnTrino() throws Exception {
        AnalyticsService postgres = service(400, duck);
        AnalyticsService duckdb = service(0, duck);
        AnalyticsService onTrino = service(0, new TrinoEngine(trino, Duration.ofMinutes(2)));
        AnalyticsService athenaSql = service(0, new AthenaRequestOnTrino());
        AnalyticsService split = service(20, new TrinoEngine(trino, Duration.ofMinutes(2)));
        for (AnalyticsQuery query : QueryCatalog.all()) {
            for (Map<String, String> filters : filterCases(query)) {
                AnalyticsResult hot = run(postgres, query.name(), filters, FIRST);
                assertThat(hot.coldDays()).as(query.name()).isEmpty();
                if (filters.size() <= 1) { // all filters at once may well match nothing: then all must say so
                    assertThat(hot.rows()).as(query.name() + " " + filters + " has rows").isNotEmpty();
                }
                for (AnalyticsService cold : List.of(duckdb, onTrino, athenaSql)) {
                    AnalyticsResult answer = run(cold, query.name(), filters, FIRST);
                    assertThat(answer.hotDays()).as(query.name()).isEmpty();
                    assertThat(answer.coldDays()).as(query.name()).hasSize(40);
                    assertThat(answer.rows()).as(query.name() + " " + filters + " on " + answer.engine()).isEqualTo(hot.rows());
                }
                AnalyticsResult mixed = run(split, query.name(), filters, FIRST);
                assertThat(mixed.engine()).isEqualTo("postgresql+trino");
                assertThat(mixed.rows()).as(query.name() + " " + filters + " split").isEqualTo(hot.rows());
            }
        }
    }

    /** No filter, each filter the query accepts alone (with a value that matches rows), and all of them together. */
    static List<Map<String, String>> filterCases(AnalyticsQuery query) throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("agentId", LakeFixture.AGENTS.get(1).toString());
        values.put("fromAgentId", LakeFixture.AGENTS.get(2).toString());
        values.put("toAgentId", LakeFixture.AGENTS.get(3).toString());
        values.put("taskType", "plan");
        values.put("status", "COMPLETED");
        values.put("userId", "user-3");
        values.put("metricName", "latency_ms");
        try (Connection c = LakeFixture.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                // The busiest workflow that also has interactions: both the task and the interaction queries filter by it.
                "SELECT t.workflow_id::text FROM agent_tasks t WHERE t.created_at >= ? AND t.created_at < ? AND EXISTS ("
                        + "SELECT 1 FROM agent_interactions i WHERE i.workflow_id = t.workflow_id AND i.occurred_at >= ? AND i.occurred_at < ?) "
                        + "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")) {
            for (int at : new int[]{1, 3}) {
                ps.setObject(at, FIRST.atStartOfDay().atOffset(ZoneOffset.UTC));
                ps.setObject(at + 1, LakeFixture.TODAY.atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                values.put("workflowId", rs.getString(1));
            }
        }
        List<Map<String, String>> cases = new ArrayList<>();
        cases.add(Map.of());
        Map<String, String> all = new HashMap<>();
        query.filters().forEach(f -> {
            cases.add(Map.of(f.name(), values.get(f.name())));
            all.put(f.name(), values.get(f.name()));
        });
        if (all.size() > 1) {
            cases.add(all);
        }
        return cases;
    }

    @Test
    void trinoReadsOnlyTheTouchedPartitionsAsQuotedAndTheQueryLogRecordsItsStatistics() throws Exception {
        AnalyticsService onTrino = service(0, new TrinoEngine(trino, Duration.ofMinutes(2)));
        AnalyticsResult threeDays = run(onTrino, "token_cost_by_agent", Map.of(), LakeFixture.TODAY.minusDays(3));
        AnalyticsResult allDays = run(onTrino, "token_cost_by_agent", Map.of(), FIRST);
        long threeFiles = fileBytes("agent_tasks", LakeFixture.TODAY.minusDays(3), LakeFixture.TODAY);
        long allFiles = fileBytes("agent_tasks", FIRST, LakeFixture.TODAY);

        // Only the touched partitions' files are read (whole: they are small), and the quote said so beforehand.
        assertThat(threeDays.scannedBytes()).isEqualTo(threeFiles).isEqualTo(threeDays.quotedBytes());
        assertThat(allDays.scannedBytes()).isEqualTo(allFiles).isEqualTo(allDays.quotedBytes());
        try (Connection c = LakeFixture.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT engine, scanned_bytes, engine_query_id, engine_ms FROM analytics_query_log ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("trino");
            assertThat(rs.getLong(2)).isEqualTo(allDays.scannedBytes());
            assertThat(rs.getString(3)).matches("\\d{8}_\\d{6}_\\d{5}_\\w+");
            assertThat(rs.getLong(4)).isPositive();
        }
    }

    @Test
    void publishingADayAgainChangesNothingInTheCatalog() throws Exception {
        TrinoCatalogPublisher publisher = new TrinoCatalogPublisher(trino, "s3://tokyo-ia-lake/" + PREFIX);
        LocalDate day = LakeFixture.TODAY.minusDays(5);
        long before = partitions("agent_tasks");
        String folder = store.uri(LakeKeys.versionFolder("agent_tasks", day, LakeFixture.manifest().current("agent_tasks", day)
                .orElseThrow().version()));
        publisher.publish(LakeSchemaRegistry.AGENT_TASKS, day, folder);
        publisher.publish(LakeSchemaRegistry.AGENT_TASKS, day, folder);
        assertThat(partitions("agent_tasks")).isEqualTo(before).isEqualTo(40);
        assertThat(pathsOf("agent_tasks", day)).allMatch(p -> p.startsWith(folder));
    }

    @Test
    void aNewVersionMovesTheDaysPartitionToItsFolder() throws Exception {
        TrinoCatalogPublisher publisher = new TrinoCatalogPublisher(trino, "s3://tokyo-ia-lake/" + PREFIX);
        LocalDate day = LakeFixture.TODAY.minusDays(7);
        int version = LakeFixture.exporter(store, publisher, Files.createTempDirectory("trino-tier-reexport"))
                .export(LakeSchemaRegistry.AGENT_TASKS, day, -200, true).version();
        assertThat(version).isGreaterThan(1);
        String folder = store.uri(LakeKeys.versionFolder("agent_tasks", day, version));
        assertThat(pathsOf("agent_tasks", day)).as("Trino reads the new version's folder").isNotEmpty().allMatch(p -> p.startsWith(folder));
        assertThat(partitions("agent_tasks")).isEqualTo(40);
        try (Connection c = trino.connect(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM agent_tasks "
                + "WHERE year = ? AND month = ? AND day = ?")) {
            List<String> values = TrinoCatalogPublisher.partitionValues(day);
            for (int i = 0; i < 3; i++) {
                ps.setString(i + 1, values.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("one version's rows, not two").isEqualTo(TestDatabase.count(
                        "SELECT count(*) FROM agent_tasks WHERE " + TestDatabase.inUtcDay("created_at"), day, day));
            }
        }
    }

    static List<String> pathsOf(String table, LocalDate day) throws Exception {
        List<String> paths = new ArrayList<>();
        try (Connection c = trino.connect(); PreparedStatement ps = c.prepareStatement("SELECT DISTINCT \"$path\" FROM \"" + table
                + "\" WHERE year = ? AND month = ? AND day = ?")) {
            List<String> values = TrinoCatalogPublisher.partitionValues(day);
            for (int i = 0; i < 3; i++) {
                ps.setString(i + 1, values.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    paths.add(rs.getString(1));
                }
            }
        }
        return paths;
    }

    @Test
    void aTableWhoseColumnsDifferFromTheRegistryIsRefused() throws Exception {
        try (TrinoConnector other = new TrinoConnector(new TrinoSettings(trino.settings().url(), "tokyoia-it", "lake",
                "tokyoia_it_drift", Duration.ofMinutes(2)))) {
            try (Connection c = other.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS lake.tokyoia_it_drift");
                s.execute("DROP TABLE IF EXISTS lake.tokyoia_it_drift.agent_metrics");
                s.execute("CREATE TABLE lake.tokyoia_it_drift.agent_metrics (id bigint, value varchar, year varchar, month varchar, "
                        + "day varchar) WITH (format = 'PARQUET', partitioned_by = ARRAY['year', 'month', 'day'], "
                        + "external_location = 's3://tokyo-ia-lake/drift/agent_metrics/')");
            }
            TrinoCatalogPublisher publisher = new TrinoCatalogPublisher(other, "s3://tokyo-ia-lake/drift");
            assertThatThrownBy(() -> publisher.publish(LakeSchemaRegistry.AGENT_METRICS, LakeFixture.TODAY.minusDays(1),
                    store.uri(LakeKeys.partition("agent_metrics", LakeFixture.TODAY.minusDays(1)))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("schema drift")
                    .hasMessageContaining("catalog has [id bigint, value varchar");
        }
    }

    static long partitions(String table) throws Exception {
        try (Connection c = trino.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "$partitions\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long fileBytes(String table, LocalDate from, LocalDate to) throws Exception {
        long sum = 0;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            sum += store.head(LakeFixture.manifest().current(table, d).orElseThrow().objectKey()).orElseThrow().size();
        }
        return sum;
    }

    /**
     * The request the Athena engine builds, run on Trino the way Athena runs it: the query string
     * with its execution parameters substituted as literals (Trino's EXECUTE IMMEDIATE ... USING).
     */
    static final class AthenaRequestOnTrino implements ColdEngine {
        private final AthenaEngine athena = new AthenaEngine(null, new AthenaSettings("primary", "AwsDataCatalog",
                "tokyoia_lake", Optional.empty(), 60, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1),
                Optional.empty(), Optional.empty()));

        @Override
        public ColdAnswer partials(AnalyticsQuery query, List<DayPlan.ColdDay> days, Map<String, String> filters, PartialSink sink) {
            StartQueryExecutionRequest request = athena.request(LakeSql.partials(query, days, filters), days);
            // Every value travels as an execution parameter, one per placeholder.
            assertThat(request.queryString().chars().filter(ch -> ch == '?').count()).isEqualTo(request.executionParameters().size());
            filters.values().forEach(value -> assertThat(request.executionParameters()).contains("'" + value + "'"));
            String sql = "EXECUTE IMMEDIATE '" + request.queryString().replace("'", "''") + "' USING "
                    + String.join(", ", request.executionParameters());
            try (Connection c = trino.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                PartialQueries.read(query, rs, sink);
                return new ColdAnswer(null, "athena-sql-on-trino");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String name() {
            return "athena-sql-on-trino";
        }

        @Override
        public String probe() {
            return name();
        }
    }
}
