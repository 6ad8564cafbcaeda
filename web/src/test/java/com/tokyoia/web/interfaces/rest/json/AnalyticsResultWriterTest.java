package com.tokyoia.web.interfaces.rest.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.application.AnalyticsResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written answer JSON is what JSON-B wrote for the same answer before it (the API's contract is unchanged). */
class AnalyticsResultWriterTest {

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String written(AnalyticsResult result) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AnalyticsResultWriter().writeTo(result, AnalyticsResult.class, AnalyticsResult.class, new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static AnalyticsResult answer(Long scanned, String nextCursor) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("day", "2026-03-01");
        row.put("workflow_id", "quote \" back\\slash line\nbreak control \u0002 東京 \uD83D\uDE80");
        row.put("tasks", new BigDecimal("12"));
        row.put("cost_usd", new BigDecimal("0.000100"));
        row.put("big", new BigDecimal("1E+3"));
        row.put("negative", new BigDecimal("-7.5"));
        row.put("avg_cost_usd", null);
        return new AnalyticsResult("token_cost_by_workflow", "2026-03-01", "2026-03-02", List.of(row, Map.of("tasks", BigDecimal.ONE)),
                List.of(), List.of("2026-03-01"), List.of("2026-02-28"), "duckdb", 10, new BigDecimal("0.000001"), scanned,
                new BigDecimal("0.000000"), false, 42, 7, nextCursor);
    }

    @Test
    void theAnswerReadsAsJsonBWroteIt() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            for (AnalyticsResult result : List.of(answer(123L, "abc"), answer(null, null))) {
                String mine = written(result);
                assertThat(parse(mine)).isEqualTo(parse(jsonb.toJson(result)));
            }
        }
    }

    @Test
    void onlyAnalyticsAnswersAreWrittenThisWay() {
        AnalyticsResultWriter writer = new AnalyticsResultWriter();
        assertThat(writer.isWriteable(AnalyticsResult.class, AnalyticsResult.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE))
                .isTrue();
        assertThat(writer.isWriteable(Map.class, Map.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE)).isFalse();
    }
}
