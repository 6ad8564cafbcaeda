package com.tokyoia.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.domain.AnalyticsRequest;
import com.tokyoia.analytics.domain.AnswerOrder;
import com.tokyoia.analytics.domain.PageRequest;
import com.tokyoia.analytics.domain.QueryCatalog;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResultCodecTest {
    private static final String[] AWKWARD = {"plain", "quote \" inside", "back\\slash", "line\nbreak", "tab\tand\rreturn",
        "control \u0001\u001f", "unicode ü 東京 \uD83D\uDE80", "", "</script>", "ends with \\"};

    /** token_cost_by_workflow-shaped rows: awkward text in the key column, decimals of every scale, nulls. */
    private static List<Map<String, Object>> rows(int count, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workflow_id", AWKWARD[i % AWKWARD.length] + " " + new UUID(random.nextLong(), random.nextLong()));
            row.put("tasks", BigDecimal.valueOf(random.nextInt(1000)));
            row.put("tokens_input", BigDecimal.valueOf(random.nextLong()));
            row.put("tokens_output", i % 7 == 0 ? new BigDecimal("1E+3") : BigDecimal.valueOf(random.nextInt(100)));
            row.put("cost_usd", new BigDecimal(random.nextInt(50) + "." + String.format("%06d", random.nextInt(1_000_000))));
            row.put("avg_cost_usd", i % 5 == 0 ? null : new BigDecimal("-0.000001"));
            rows.add(row);
        }
        return AnswerOrder.of(QueryCatalog.TOKEN_COST_BY_WORKFLOW, Optional.empty()).sort(rows);
    }

    private static AnalyticsResult fresh(List<Map<String, Object>> rows) {
        return new AnalyticsResult("token_cost_by_workflow", "2026-03-01", "2026-03-08", rows, List.of("2026-03-07"),
                List.of("2026-03-01", "2026-03-02"), List.of(), "postgresql+duckdb", 1234, new BigDecimal("0.000006"), 999L,
                new BigDecimal("0.000005"), false, 17);
    }

    private static PageRequest page(Map<String, String> paging) {
        Map<String, String> parameters = new HashMap<>(Map.of("from", "2026-03-01", "to", "2026-03-08"));
        parameters.putAll(paging);
        return AnalyticsRequest.parse("token_cost_by_workflow", parameters, LocalDate.of(2026, 3, 31), 366,
                new PageRequest.Limits(50, 1000)).page();
    }

    private static JsonObject json(AnalyticsResult result) throws IOException {
        StringWriter out = new StringWriter();
        AnswerJson.write(result, out);
        try (JsonReader reader = Json.createReader(new StringReader(out.toString()))) {
            return reader.readObject();
        }
    }

    @Test
    void aCachedAnswerDecodesToTheSameRowsValueForValue() {
        List<Map<String, Object>> rows = rows(500, 1);
        AnalyticsResult decoded = ResultCodec.decode(ResultCodec.encode(fresh(rows)), true, 3);
        assertThat(decoded.rows()).isInstanceOf(EncodedRows.class).hasSize(500);
        assertThat(decoded.rows()).isEqualTo(rows);
        assertThat(decoded.cacheHit()).isTrue();
        assertThat(decoded.engine()).isEqualTo("postgresql+duckdb");
        assertThat(decoded.coldDays()).containsExactly("2026-03-01", "2026-03-02");
        assertThat(decoded.quotedUsd()).isEqualByComparingTo("0.000006");
    }

    @Test
    void everyPageOfACachedAnswerIsSentAsTheSamePageOfTheFreshOne() throws IOException {
        List<Map<String, Object>> rows = rows(257, 2);
        AnalyticsResult fresh = fresh(rows);
        AnalyticsResult cached = ResultCodec.decode(ResultCodec.encode(fresh), true, 3);
        for (Map<String, String> paging : List.of(Map.<String, String>of(), Map.of("limit", "1"), Map.of("limit", "256"),
                Map.of("limit", "1000"), Map.of("limit", "7", "top", "cost_usd"))) {
            Map<String, String> next = new HashMap<>(paging);
            int pages = 0;
            while (true) {
                JsonObject a = json(fresh.page(page(next)));
                JsonObject b = json(cached.page(page(next)));
                assertThat(b.getJsonArray("rows")).as(paging + " page " + pages).isEqualTo(a.getJsonArray("rows"));
                assertThat(b.getInt("totalRows")).isEqualTo(a.getInt("totalRows")).isEqualTo(257);
                assertThat(b.getString("nextCursor", null)).isEqualTo(a.getString("nextCursor", null));
                pages++;
                if (!a.containsKey("nextCursor")) {
                    break;
                }
                next.put("cursor", a.getString("nextCursor"));
            }
            assertThat(pages).as(paging.toString()).isEqualTo((257 + page(paging).limit() - 1) / page(paging).limit());
        }
    }

    @Test
    void theApiJsonCarriesTheProvenanceAndLeavesOutOnlyNulls() throws IOException {
        JsonObject sent = json(fresh(rows(3, 3)));
        assertThat(sent.getString("query")).isEqualTo("token_cost_by_workflow");
        assertThat(sent.getJsonNumber("scannedBytes").longValue()).isEqualTo(999L);
        assertThat(sent.getBoolean("cacheHit")).isFalse();
        assertThat(sent.getJsonNumber("costUsd").bigDecimalValue()).isEqualByComparingTo("0.000005");
        assertThat(sent.containsKey("nextCursor")).isFalse();
        JsonObject hit = json(ResultCodec.decode(ResultCodec.encode(fresh(rows(3, 3))), true, 3));
        assertThat(hit.containsKey("scannedBytes")).as("a hit scanned nothing").isFalse();
        assertThat(hit.getBoolean("cacheHit")).isTrue();
        assertThat(hit.getJsonArray("rows")).isEqualTo(sent.getJsonArray("rows"));
        assertThat(sent.getJsonArray("rows").getValuesAs(JsonObject.class)).as("a null value is sent as null")
                .anyMatch(row -> row.containsKey("avg_cost_usd") && row.isNull("avg_cost_usd"));
    }
}
