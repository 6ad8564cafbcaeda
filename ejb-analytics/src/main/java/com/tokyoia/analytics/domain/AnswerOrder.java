package com.tokyoia.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order of an answer's rows: the day (per-day questions), then the dimensions, then every
 * other column, each ascending with nulls first; with a {@code top} measure, that measure comes
 * first, descending. Every column takes part, so no two distinct rows tie and a keyset cursor never
 * skips or repeats one. Values compare by kind, not by representation: a number fresh from an
 * engine and the same number decoded from the cache are equal.
 */
public final class AnswerOrder implements Comparator<Map<String, Object>> {
    private final List<String> columns;
    private final boolean topFirst;

    private AnswerOrder(List<String> columns, boolean topFirst) {
        this.columns = List.copyOf(columns);
        this.topFirst = topFirst;
    }

    public static AnswerOrder of(AnalyticsQuery query, Optional<String> top) {
        List<String> answerColumns = query.resultColumns();
        List<String> order = new ArrayList<>();
        top.ifPresent(order::add);
        if (answerColumns.contains("day")) {
            order.add("day");
        }
        for (Dimension dimension : query.dims()) {
            if (answerColumns.contains(dimension.name()) && !order.contains(dimension.name())) {
                order.add(dimension.name());
            }
        }
        answerColumns.stream().filter(c -> !order.contains(c)).forEach(order::add);
        return new AnswerOrder(order, top.isPresent());
    }

    /** The measures a request may name as {@code top}: the answer's columns that are neither the day nor a dimension. */
    public static List<String> measures(AnalyticsQuery query) {
        List<String> dimensions = query.dims().stream().map(Dimension::name).toList();
        return query.resultColumns().stream().filter(c -> !c.equals("day") && !dimensions.contains(c)).toList();
    }

    /** The columns in the order they are compared (a cursor carries one value for each). */
    public List<String> columns() {
        return columns;
    }

    /** The row's values in {@link #columns()} order, each in its comparable kind. */
    public List<Object> key(Map<String, Object> row) {
        List<Object> key = new ArrayList<>(columns.size());
        for (String column : columns) {
            key.add(comparable(row.get(column)));
        }
        return key;
    }

    /**
     * The rows in this order, each row's key built once (a comparator building keys per comparison
     * would build them n log n times); {@code rows} is not changed.
     */
    public List<Map<String, Object>> sort(List<Map<String, Object>> rows) {
        List<Keyed> keyed = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            keyed.add(new Keyed(key(row), row));
        }
        keyed.sort((a, b) -> compareKeys(a.key(), b.key()));
        List<Map<String, Object>> sorted = new ArrayList<>(keyed.size());
        keyed.forEach(k -> sorted.add(k.row()));
        return sorted;
    }

    private record Keyed(List<Object> key, Map<String, Object> row) {
    }

    @Override
    public int compare(Map<String, Object> a, Map<String, Object> b) {
        return compareKeys(key(a), key(b));
    }

    /** Compares two keys of this order. */
    public int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < columns.size(); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return i == 0 && topFirst ? -c : c;
            }
        }
        return 0;
    }

    /** Numbers as exact decimals, everything else (dates, ids, names) as its text. */
    static Object comparable(Object value) {
        if (value == null || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite()) || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return value.toString();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return value.toString();
    }

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof BigDecimal != b instanceof BigDecimal) {
            // A column holds one kind; should two ever meet, numbers sort first rather than fail the page.
            return a instanceof BigDecimal ? -1 : 1;
        }
        return a.toString().compareTo(b.toString());
    }
}
