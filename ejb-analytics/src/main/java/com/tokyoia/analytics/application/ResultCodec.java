package com.tokyoia.analytics.application;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Results to and from the cache's JSON, column-wise ({"columns": [...], "rows": [[...], ...]}) so
 * large answers do not repeat every key. Values are strings, decimals or null, kept exactly.
 */
final class ResultCodec {
    private ResultCodec() {
    }

    static String encode(AnalyticsResult r) {
        List<String> columns = r.rows().isEmpty() ? List.of() : List.copyOf(r.rows().get(0).keySet());
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (Map<String, Object> row : r.rows()) {
            JsonArrayBuilder values = Json.createArrayBuilder();
            for (String column : columns) {
                Object v = row.get(column);
                if (v == null) {
                    values.addNull();
                } else if (v instanceof BigDecimal d) {
                    values.add(d);
                } else {
                    values.add(v.toString());
                }
            }
            rows.add(values);
        }
        JsonObjectBuilder o = Json.createObjectBuilder().add("query", r.query()).add("from", r.from()).add("to", r.to())
                .add("columns", strings(columns)).add("rows", rows).add("hotDays", strings(r.hotDays())).add("coldDays", strings(r.coldDays()))
                .add("missingDays", strings(r.missingDays())).add("engine", r.engine()).add("quotedBytes", r.quotedBytes())
                .add("quotedUsd", r.quotedUsd());
        return o.build().toString();
    }

    static AnalyticsResult decode(String json, boolean hit, long durationMs) {
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            o = reader.readObject();
        }
        List<String> columns = list(o.getJsonArray("columns"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonValue value : o.getJsonArray("rows")) {
            JsonArray values = value.asJsonArray();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                JsonValue v = values.get(i);
                row.put(columns.get(i), switch (v.getValueType()) {
                    case NULL -> null;
                    case NUMBER -> ((JsonNumber) v).bigDecimalValue();
                    case STRING -> ((JsonString) v).getString();
                    default -> v.toString();
                });
            }
            rows.add(row);
        }
        return new AnalyticsResult(o.getString("query"), o.getString("from"), o.getString("to"), rows,
                list(o.getJsonArray("hotDays")), list(o.getJsonArray("coldDays")), list(o.getJsonArray("missingDays")),
                o.getString("engine"), o.getJsonNumber("quotedBytes").longValue(), o.getJsonNumber("quotedUsd").bigDecimalValue(),
                null, BigDecimal.ZERO.setScale(6), hit, durationMs);
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private static List<String> list(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
