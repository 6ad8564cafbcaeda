package com.tokyoia.analytics.application;

import com.tokyoia.analytics.domain.AnswerValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Answers to and from the cache: a first line of JSON with the provenance and the row count, then
 * each row in its default order as the JSON object the API sends, one per line. A hit parses the
 * first line only; its rows stay text ({@link EncodedRows}) until something reads them. Values are
 * strings, decimals or null, kept exactly.
 */
final class ResultCodec {
    /** Part of the cache key: entries of another layout are never read as this one. */
    static final String FORMAT = "v2";

    private ResultCodec() {
    }

    /** The whole answer, its rows already in the answer's default order. */
    static String encode(AnalyticsResult r) {
        JsonObject header = AnswerValues.JSON.createObjectBuilder().add("query", r.query()).add("from", r.from()).add("to", r.to())
                .add("rowCount", r.rows().size()).add("hotDays", strings(r.hotDays())).add("coldDays", strings(r.coldDays()))
                .add("missingDays", strings(r.missingDays())).add("engine", r.engine()).add("quotedBytes", r.quotedBytes())
                .add("quotedUsd", r.quotedUsd()).build();
        StringWriter out = new StringWriter(256 + 64 * r.rows().size());
        try {
            out.write(header.toString());
            out.write('\n');
            for (Map<String, Object> row : r.rows()) {
                AnswerJson.row(row, out);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    static AnalyticsResult decode(String text, boolean hit, long durationMs) {
        int headerEnd = text.indexOf('\n');
        if (headerEnd < 0) {
            throw new IllegalArgumentException("not a cached answer: no header line");
        }
        JsonObject o;
        try (JsonReader reader = AnswerValues.JSON.createReader(new StringReader(text.substring(0, headerEnd)))) {
            o = reader.readObject();
        }
        EncodedRows rows = EncodedRows.of(text, headerEnd + 1, o.getInt("rowCount"));
        return new AnalyticsResult(o.getString("query"), o.getString("from"), o.getString("to"), rows,
                list(o.getJsonArray("hotDays")), list(o.getJsonArray("coldDays")), list(o.getJsonArray("missingDays")),
                o.getString("engine"), o.getJsonNumber("quotedBytes").longValue(), o.getJsonNumber("quotedUsd").bigDecimalValue(),
                null, BigDecimal.ZERO.setScale(6), hit, durationMs);
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder a = AnswerValues.JSON.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private static List<String> list(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
