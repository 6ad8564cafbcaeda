package com.tokyoia.analytics.domain;

import com.tokyoia.platform.error.InvalidValueException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which page of an answer a request wants ({@code limit}, {@code cursor}, {@code top}), checked
 * before anything runs. The whole answer is what is quoted, computed and cached; a page is cut from
 * it. A cursor is a keyset: it carries the last row's ordering values, so the next page starts
 * right after that row even when a re-export changed the answer in between (an offset would skip
 * or repeat rows), and it names the question, range, filters and order it belongs to, so it is
 * refused anywhere else.
 *
 * @param after the ordering key of the previous page's last row; null on the first page
 */
public record PageRequest(int limit, String top, List<Object> after, String fingerprint, AnswerOrder order) {
    /** The request parameters that choose the page; they are not filters and not part of the cache key. */
    public static final Set<String> PARAMETERS = Set.of("limit", "cursor", "top");
    private static final int MAX_CURSOR_LENGTH = 8192;

    /** Rows per page when none is asked for, and the most one page may hold. */
    public record Limits(int defaultRows, int maxRows) {
        public static final Limits DEFAULT = new Limits(1000, 10_000);

        public Limits {
            if (defaultRows < 1 || maxRows < defaultRows) {
                throw new IllegalArgumentException("page rows: default " + defaultRows + " must be 1 to the maximum " + maxRows);
            }
        }
    }

    /** A page and the cursor of the next one (null on the last page). */
    public record Cut(List<Map<String, Object>> rows, String nextCursor) {
    }

    /**
     * @param question the question's name and its normalized range and filters: a cursor is bound to it
     */
    public static PageRequest parse(AnalyticsQuery query, String question, Map<String, String> parameters, Limits limits) {
        int limit = limit(parameters.get("limit"), limits);
        String top = parameters.get("top");
        if (top != null && !AnswerOrder.measures(query).contains(top)) {
            throw new InvalidValueException("top", "'" + abbreviate(top) + "' is not a measure of " + query.name()
                    + "; it orders by one of " + AnswerOrder.measures(query));
        }
        AnswerOrder order = AnswerOrder.of(query, Optional.ofNullable(top));
        String fingerprint = fingerprint(question + "|top=" + (top == null ? "" : top));
        String cursor = parameters.get("cursor");
        List<Object> after = cursor == null ? null : decode(cursor, fingerprint, order.columns().size());
        return new PageRequest(limit, top, after, fingerprint, order);
    }

    /** The page this request asks for, cut from the whole answer (in any order: it is put in this request's). */
    public Cut cut(List<Map<String, Object>> answer) {
        return cutSorted(order.sort(answer));
    }

    /**
     * The page this request asks for, cut from the whole answer already in its default order (no
     * {@code top}), as the service keeps and caches every answer: without {@code top} nothing is
     * sorted, the page starts by a binary search that reads only the rows it probes, and it is a
     * view of the answer, so an answer whose rows are still encoded is never decoded for it.
     */
    public Cut cutInDefaultOrder(List<Map<String, Object>> answer) {
        return top == null ? cutSorted(answer) : cut(answer);
    }

    private Cut cutSorted(List<Map<String, Object>> sorted) {
        int start = after == null ? 0 : firstAfter(sorted);
        int end = (int) Math.min(sorted.size(), (long) start + limit);
        return new Cut(sorted.subList(start, end), end < sorted.size() ? encode(order.key(sorted.get(end - 1))) : null);
    }

    private int firstAfter(List<Map<String, Object>> sorted) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (order.compareKeys(order.key(sorted.get(middle)), after) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private String encode(List<Object> key) {
        JsonArrayBuilder array = AnswerValues.JSON.createArrayBuilder().add(fingerprint);
        key.forEach(value -> array.add(AnswerValues.toJson(value)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(array.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<Object> decode(String cursor, String fingerprint, int columns) {
        JsonArray array;
        try {
            if (cursor.length() > MAX_CURSOR_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            try (JsonReader reader = AnswerValues.JSON.createReader(new StringReader(json))) {
                array = reader.readArray();
            }
        } catch (IllegalArgumentException | JsonException | IllegalStateException e) {
            throw notACursor();
        }
        if (array.size() != columns + 1 || array.get(0).getValueType() != JsonValue.ValueType.STRING) {
            throw notACursor();
        }
        if (!array.getString(0).equals(fingerprint)) {
            throw new InvalidValueException("cursor", "belongs to another question, range, filter or top: a cursor continues only "
                    + "the answer whose nextCursor it was");
        }
        List<Object> key = new ArrayList<>(columns);
        try {
            array.subList(1, array.size()).forEach(value -> key.add(AnswerValues.fromJson(value)));
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
        return key;
    }

    private static InvalidValueException notACursor() {
        return new InvalidValueException("cursor", "is not a cursor this API gave: pass the previous page's nextCursor back unchanged");
    }

    private static int limit(String value, Limits limits) {
        if (value == null) {
            return limits.defaultRows();
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= limits.maxRows()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new InvalidValueException("limit", "'" + abbreviate(value) + "' is not a number of rows from 1 to " + limits.maxRows());
    }

    private static String fingerprint(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }
}
