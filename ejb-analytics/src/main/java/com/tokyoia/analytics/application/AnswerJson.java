package com.tokyoia.analytics.application;

import com.tokyoia.analytics.domain.AnswerValues;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The API's JSON of an answer, written by hand because it is the hot path of a cache hit: the rows
 * of a cached answer are kept as the JSON text they are sent as ({@link EncodedRows}) and copied
 * out unparsed, and fresh rows are written the same way, so a page reads the same whether it came
 * from the engines or the cache. Row values are strings, decimals (JSON numbers) or null; the
 * answer's null properties ({@code scannedBytes}, {@code nextCursor}) are left out, as JSON-B does.
 */
public final class AnswerJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AnswerJson() {
    }

    /** The answer (one page of it) as the API sends it. */
    public static void write(AnalyticsResult r, Writer out) throws IOException {
        out.write("{\"query\":");
        string(r.query(), out);
        out.write(",\"from\":");
        string(r.from(), out);
        out.write(",\"to\":");
        string(r.to(), out);
        out.write(",\"rows\":[");
        if (r.rows() instanceof EncodedRows encoded) {
            encoded.writeTo(out);
        } else {
            boolean first = true;
            for (Map<String, Object> row : r.rows()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                row(row, out);
            }
        }
        out.write("],\"hotDays\":");
        strings(r.hotDays(), out);
        out.write(",\"coldDays\":");
        strings(r.coldDays(), out);
        out.write(",\"missingDays\":");
        strings(r.missingDays(), out);
        out.write(",\"engine\":");
        string(r.engine(), out);
        out.write(",\"quotedBytes\":" + r.quotedBytes());
        out.write(",\"quotedUsd\":" + r.quotedUsd());
        if (r.scannedBytes() != null) {
            out.write(",\"scannedBytes\":" + r.scannedBytes());
        }
        out.write(",\"costUsd\":" + r.costUsd());
        out.write(",\"cacheHit\":" + r.cacheHit());
        out.write(",\"durationMs\":" + r.durationMs());
        out.write(",\"totalRows\":" + r.totalRows());
        if (r.nextCursor() != null) {
            out.write(",\"nextCursor\":");
            string(r.nextCursor(), out);
        }
        out.write('}');
    }

    /** One row as a JSON object, its columns in the row's order, each value as {@link AnswerValues#toJson} maps it (without building it). */
    static void row(Map<String, Object> row, Writer out) throws IOException {
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, Object> column : row.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            string(column.getKey(), out);
            out.write(':');
            Object value = column.getValue();
            if (value == null) {
                out.write("null");
            } else if (value instanceof BigDecimal number) {
                out.write(number.toString());
            } else {
                string(value.toString(), out);
            }
        }
        out.write('}');
    }

    private static void strings(List<String> values, Writer out) throws IOException {
        out.write('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            string(values.get(i), out);
        }
        out.write(']');
    }

    /** A JSON string; control characters escaped, so an encoded row never holds a raw line break. */
    static void string(String value, Writer out) throws IOException {
        out.write('"');
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.write(value, start, i - start);
            start = i + 1;
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    out.write("\\u00");
                    out.write(HEX[c >> 4]);
                    out.write(HEX[c & 0xF]);
                }
            }
        }
        out.write(value, start, value.length() - start);
        out.write('"');
    }
}
