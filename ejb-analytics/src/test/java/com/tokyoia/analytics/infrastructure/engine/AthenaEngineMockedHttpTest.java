package com.tokyoia.analytics.infrastructure.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.AnalyticsSettings;
import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.ColdEngineException;
import com.tokyoia.analytics.application.port.HotPartials;
import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.PartialSink;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.analytics.infrastructure.log.JdbcQueryLog;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.manifest.ValidatedCopy;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.testing.MockedAws;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The Athena engine at the HTTP level. No Athena emulator can run here, so WireMock answers with
 * responses shaped as the AWS Athena API reference documents them (JSON 1.1 protocol, X-Amz-Target
 * operations); the real AWS SDK builds and sends every request. That the SQL itself runs is proven
 * on Trino (TrinoTierIT).
 */
class AthenaEngineMockedHttpTest {
    private static final String JSON = "application/x-amz-json-1.1";
    /** The hot window is 0 days here: PostgreSQL is never asked. */
    private static final HotPartials NO_HOT_DAYS = new HotPartials() {
        @Override
        public void partials(AnalyticsQuery query, LocalDate first, LocalDate last, Map<String, String> filters, PartialSink sink) {
            throw new AssertionError("no hot day expected");
        }

        @Override
        public String watermark(AnalyticsQuery query, LocalDate first, LocalDate last) {
            throw new AssertionError("no hot day expected");
        }
    };
    /** For calls that fail before any row arrives. */
    private static final PartialSink IGNORED = partial -> { };
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-07-01T12:00:00Z"), ZoneOffset.UTC);
    private static final DayPlan.ColdDay JUNE_1 = new DayPlan.ColdDay(LocalDate.of(2024, 6, 1), 1, "k", "{}", 1000L, "0123abcd");
    private static final DayPlan.ColdDay JUNE_2 = new DayPlan.ColdDay(LocalDate.of(2024, 6, 2), 1, "k", "{}", 1000L, "0123abcd");
    private WireMockServer athena;
    private AthenaClient client;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        athena = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        athena.start();
        client = MockedAws.client(AthenaClient.builder(), athena.port());
        stub("StartQueryExecution", "{\"QueryExecutionId\":\"q-1\"}");
        stub("StopQueryExecution", "{}");
    }

    @AfterEach
    void stop() {
        client.close();
        athena.stop();
    }

    private AthenaEngine engine(Duration timeout) {
        return new AthenaEngine(client, new AthenaSettings("analytics", "AwsDataCatalog", "tokyoia_lake",
                Optional.of("s3://results/tokyo-ia/"), 60, Duration.ofMillis(10), Duration.ofMillis(40), timeout,
                Optional.empty(), Optional.of("analytics-admin")),
                d -> {
                    waits.add(d);
                    Thread.sleep(d.toMillis());
                });
    }

    private static MappingBuilder operation(String name) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena." + name));
    }

    private void stub(String name, String body) {
        athena.stubFor(operation(name).willReturn(aResponse().withHeader("Content-Type", JSON).withBody(body)));
    }

    /** GetQueryExecution answering each state in turn, the last one from then on. */
    private void states(String... executions) {
        String state = Scenario.STARTED;
        for (int i = 0; i < executions.length; i++) {
            String next = i == executions.length - 1 ? state : "poll-" + (i + 1);
            athena.stubFor(operation("GetQueryExecution").inScenario("polls").whenScenarioStateIs(state)
                    .willReturn(aResponse().withHeader("Content-Type", JSON).withBody("{\"QueryExecution\":" + executions[i] + "}"))
                    .willSetStateTo(next));
            state = next;
        }
    }

    private static String execution(String state, String extra) {
        return "{\"QueryExecutionId\":\"q-1\",\"StatementType\":\"DML\",\"WorkGroup\":\"analytics\","
                + "\"Status\":{\"State\":\"" + state + "\",\"SubmissionDateTime\":1.7193E9" + extra + "}}";
    }

    private static final String SUCCEEDED = "{\"QueryExecutionId\":\"q-1\",\"StatementType\":\"DML\",\"WorkGroup\":\"analytics\","
            + "\"Status\":{\"State\":\"SUCCEEDED\",\"SubmissionDateTime\":1.7193E9,\"CompletionDateTime\":1.719300004E9},"
            + "\"Statistics\":{\"EngineExecutionTimeInMillis\":4321,\"DataScannedInBytes\":123456789,"
            + "\"TotalExecutionTimeInMillis\":4500,\"QueryQueueTimeInMillis\":90,"
            + "\"ResultReuseInformation\":{\"ReusedPreviousResult\":false}}}";

    private static final String METADATA = "\"ResultSetMetadata\":{\"ColumnInfo\":["
            + column("partition_day", "date") + "," + column("sessions", "decimal") + "," + column("users", "decimal") + ","
            + column("ended", "decimal") + "," + column("length_ms", "decimal") + "]}";

    private static String column(String name, String type) {
        return "{\"CatalogName\":\"hive\",\"SchemaName\":\"\",\"TableName\":\"\",\"Name\":\"" + name + "\",\"Label\":\"" + name
                + "\",\"Type\":\"" + type + "\",\"Precision\":38,\"Scale\":6,\"Nullable\":\"UNKNOWN\",\"CaseSensitive\":false}";
    }

    private static String row(String... values) {
        List<String> data = new ArrayList<>();
        for (String v : values) {
            data.add(v == null ? "{}" : "{\"VarCharValue\":\"" + v + "\"}");
        }
        return "{\"Data\":[" + String.join(",", data) + "]}";
    }

    /** Two result pages: the first carries the header row and a NextToken. */
    private void results() {
        athena.stubFor(operation("GetQueryResults").withRequestBody(notContaining("NextToken"))
                .willReturn(aResponse().withHeader("Content-Type", JSON).withBody("{\"UpdateCount\":0,\"ResultSet\":{\"Rows\":["
                        + row("partition_day", "sessions", "users", "ended", "length_ms") + ","
                        + row("2024-06-01", "8.000000", "4.000000", "5.000000", "1234567.000000") + "]," + METADATA
                        + "},\"NextToken\":\"page-2\"}")));
        athena.stubFor(operation("GetQueryResults").withRequestBody(containing("\"NextToken\":\"page-2\""))
                .willReturn(aResponse().withHeader("Content-Type", JSON).withBody("{\"UpdateCount\":0,\"ResultSet\":{\"Rows\":["
                        + row("2024-06-02", "6.000000", "3.000000", null, "0.000000") + "]," + METADATA + "}}")));
    }

    private JsonObject startRequest() {
        var requests = athena.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonAthena.StartQueryExecution")));
        assertThat(requests).hasSize(1);
        return Json.createReader(new StringReader(requests.get(0).getBodyAsString())).readObject();
    }

    @Test
    void sendsValuesAsExecutionParametersPollsWithBackoffAndReadsEveryResultPage() throws Exception {
        states(execution("QUEUED", ""), execution("RUNNING", ""), execution("RUNNING", ""), execution("RUNNING", ""), SUCCEEDED);
        results();

        List<Map<String, Object>> partials = new ArrayList<>();
        ColdEngine.ColdAnswer answer = engine(Duration.ofSeconds(30)).partials(QueryCatalog.SESSION_ACTIVITY,
                List.of(JUNE_1, JUNE_2), Map.of("userId", "user-3"), partials::add);

        JsonObject start = startRequest();
        assertThat(start.getString("QueryString")).contains("year = ? AND month = ? AND day IN (?, ?)")
                .contains("user_id = ?").doesNotContain("user-3").doesNotContain("2024")
                .matches("(?s).* /\\* lake versions [0-9a-f]{16} \\*/");
        assertThat(start.getJsonArray("ExecutionParameters").getValuesAs(JsonString::getString))
                .containsExactly("'2024'", "'06'", "'01'", "'02'", "'user-3'");
        assertThat(start.getString("WorkGroup")).isEqualTo("analytics");
        assertThat(start.getJsonObject("QueryExecutionContext").getString("Database")).isEqualTo("tokyoia_lake");
        assertThat(start.getJsonObject("QueryExecutionContext").getString("Catalog")).isEqualTo("AwsDataCatalog");
        assertThat(start.getJsonObject("ResultConfiguration").getString("OutputLocation")).isEqualTo("s3://results/tokyo-ia/");
        assertThat(start.getJsonObject("ResultReuseConfiguration").getJsonObject("ResultReuseByAgeConfiguration").toString())
                .contains("\"Enabled\":true").contains("\"MaxAgeInMinutes\":60");

        // A short first wait, doubling, capped at the maximum: 10, 20, 40, 40, 40 ms for five polls.
        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40),
                Duration.ofMillis(40), Duration.ofMillis(40));
        athena.verify(5, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena.GetQueryExecution")));
        athena.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena.GetQueryResults")));

        assertThat(partials).hasSize(2);
        assertThat(partials.get(0)).containsEntry("day", LocalDate.of(2024, 6, 1))
                .containsEntry("sessions", new BigDecimal("8.000000")).containsEntry("length_ms", new BigDecimal("1234567.000000"));
        assertThat(partials.get(1)).containsEntry("day", LocalDate.of(2024, 6, 2))
                .containsEntry("ended", new BigDecimal("0.000000"));
        assertThat(answer.bytesScanned()).isEqualTo(123456789L);
        assertThat(answer.engineMillis()).isEqualTo(4321L);
        assertThat(answer.engineQueryId()).isEqualTo("q-1");
    }

    @Test
    void aScanAllowedOverTheLimitRunsInTheAdminWorkgroup() throws Exception {
        states(SUCCEEDED);
        results();
        engine(Duration.ofSeconds(30)).partialsOverLimit(QueryCatalog.SESSION_ACTIVITY, List.of(JUNE_1, JUNE_2), Map.of(), IGNORED);
        assertThat(startRequest().getString("WorkGroup")).isEqualTo("analytics-admin");
    }

    @Test
    void aReExportedDayChangesTheQueryTextSoAthenaCannotReuseTheOldResult() {
        AthenaEngine engine = engine(Duration.ofSeconds(30));
        LakeSql statement = LakeSql.partials(QueryCatalog.SESSION_ACTIVITY, List.of(JUNE_1, JUNE_2), Map.of());
        String before = engine.request(statement, List.of(JUNE_1, JUNE_2)).queryString();
        String again = engine.request(statement, List.of(JUNE_1, JUNE_2)).queryString();
        String after = engine.request(statement, List.of(JUNE_1, new DayPlan.ColdDay(JUNE_2.day(), 2, "k", "{}", 1000L, "0123abcd"))).queryString();
        assertThat(again).isEqualTo(before);
        assertThat(after).isNotEqualTo(before);
        String otherFile = engine.request(statement, List.of(JUNE_1, new DayPlan.ColdDay(JUNE_2.day(), 1, "k", "{}", 1000L, "4567ef")))
                .queryString();
        assertThat(otherFile).as("the same version over another file (a rebuilt database)").isNotEqualTo(before);
    }

    @Test
    void dimensionsAreTypedFromTheResultMetadataAndNullsStayNull() throws Exception {
        states(SUCCEEDED);
        String metadata = "\"ResultSetMetadata\":{\"ColumnInfo\":[" + column("partition_day", "date") + ","
                + column("task_type", "varchar") + "," + column("bucket", "bigint") + "," + column("tasks", "decimal") + "]}";
        athena.stubFor(operation("GetQueryResults").willReturn(aResponse().withHeader("Content-Type", JSON).withBody(
                "{\"UpdateCount\":0,\"ResultSet\":{\"Rows\":[" + row("partition_day", "task_type", "bucket", "tasks") + ","
                        + row("2024-06-01", "plan", "1230", "3.000000") + "," + row("2024-06-01", null, "40", "1.000000") + "],"
                        + metadata + "}}")));

        List<Map<String, Object>> rows = new ArrayList<>();
        engine(Duration.ofSeconds(30)).partials(QueryCatalog.LATENCY_BY_TASK_TYPE, List.of(JUNE_1), Map.of(), rows::add);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("task_type", "plan").containsEntry("bucket", new BigDecimal("1230"))
                .containsEntry("tasks", new BigDecimal("3.000000"));
        assertThat(rows.get(1)).containsEntry("task_type", null).containsEntry("bucket", new BigDecimal("40"));
    }

    @Test
    void anAthenaErrorWhileFollowingTheQueryStopsItAndIsAClearError() {
        athena.stubFor(operation("GetQueryExecution").willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON)
                .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));

        assertThatThrownBy(() -> engine(Duration.ofSeconds(30)).partials(QueryCatalog.SESSION_ACTIVITY, List.of(JUNE_1), Map.of(), IGNORED))
                .isInstanceOf(ColdEngineException.class)
                .hasMessageContaining("Athena query q-1 could not be followed").hasMessageContaining("Rate exceeded");
        athena.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena.StopQueryExecution")));
    }

    @Test
    void theQueryLogRecordsAthenasScanItsRealCostAndItsQueryId() throws Exception {
        // Two days the manifest says are in the lake; Athena (the stand-in) answers for them.
        LocalDate june1 = JUNE_1.day();
        TestDatabase.resetManifest(List.of(june1, june1.plusDays(1)));
        JdbcManifest manifest = new JdbcManifest(TestDatabase.dataSource(), CLOCK);
        for (LocalDate day : List.of(june1, june1.plusDays(1))) {
            long id = manifest.begin("user_sessions", day, -1, false).orElseThrow().id();
            manifest.markExported(id, new ValidatedCopy(8, 2000, "{\"id\":500}", "rows:8;sum:1", "ab".repeat(32),
                    LakeKeys.dataFile("user_sessions", day, 1), "etag", "STANDARD", CLOCK.instant()));
            manifest.markValidated(id);
        }
        states(execution("RUNNING", ""), SUCCEEDED);
        results();
        BigDecimal noLimit = new BigDecimal("1000");
        AnalyticsService service = new AnalyticsService(NO_HOT_DAYS, engine(Duration.ofSeconds(30)),
                manifest, ResultCache.NONE, new JdbcQueryLog(TestDatabase.dataSource(), CLOCK),
                new AnalyticsSettings(AnalyticsSettings.Engine.ATHENA, 0, 400, noLimit, noLimit, Duration.ofHours(1),
                        Duration.ofSeconds(60)), CLOCK);

        AnalyticsResult result = service.run(service.validate("session_activity",
                Map.of("from", "2024-06-01", "to", "2024-06-03")), false);

        assertThat(result.engine()).isEqualTo("athena");
        assertThat(result.scannedBytes()).isEqualTo(123456789L);
        // $5 per TB: 123456789 bytes cost $0.000561 (above the 10 MB minimum).
        assertThat(result.costUsd()).isEqualByComparingTo("0.000561");
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT engine, scanned_bytes, cost_usd, engine_query_id, engine_ms FROM analytics_query_log ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("athena");
            assertThat(rs.getLong(2)).isEqualTo(123456789L);
            assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("0.000561");
            assertThat(rs.getString(4)).isEqualTo("q-1");
            assertThat(rs.getLong(5)).isEqualTo(4321L);
        }
    }

    @Test
    void aFailedQueryIsAClearErrorWithAthenasReason() {
        states(execution("RUNNING", ""), execution("FAILED", ",\"StateChangeReason\":\"COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved\","
                + "\"AthenaError\":{\"ErrorCategory\":2,\"ErrorType\":1006,\"Retryable\":false,"
                + "\"ErrorMessage\":\"COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved\"}"));

        assertThatThrownBy(() -> engine(Duration.ofSeconds(30)).partials(QueryCatalog.SESSION_ACTIVITY, List.of(JUNE_1), Map.of(), IGNORED))
                .isInstanceOf(ColdEngineException.class)
                .hasMessage("Athena query q-1 FAILED: COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved");
        athena.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena.GetQueryResults")));
    }

    @Test
    void aCancelledQueryIsAClearError() {
        states(execution("CANCELLED", ",\"StateChangeReason\":\"Query cancelled by user\""));

        assertThatThrownBy(() -> engine(Duration.ofSeconds(30)).partials(QueryCatalog.SESSION_ACTIVITY, List.of(JUNE_1), Map.of(), IGNORED))
                .isInstanceOf(ColdEngineException.class)
                .hasMessage("Athena query q-1 CANCELLED: Query cancelled by user");
    }

    @Test
    void aQueryPastTheTimeLimitIsStopped() {
        states(execution("RUNNING", ""));

        assertThatThrownBy(() -> engine(Duration.ofMillis(150)).partials(QueryCatalog.SESSION_ACTIVITY, List.of(JUNE_1), Map.of(), IGNORED))
                .isInstanceOf(ColdEngineException.class)
                .hasMessageContaining("did not finish within").hasMessageContaining("was stopped");
        athena.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena.StopQueryExecution"))
                .withRequestBody(containing("\"QueryExecutionId\":\"q-1\"")));
        athena.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena.GetQueryResults")));
    }
}
