package com.tokyoia.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds per-day partial rows from any tier into one result: rows with the same key (the day, for
 * per-day queries, and the dimensions) have their measures summed. Sums of integers and decimals
 * are exact, so the result does not depend on which tier answered which day.
 */
public final class PartialMerge {
    private PartialMerge() {
    }

    public static List<Map<String, Object>> merge(AnalyticsQuery query, List<Map<String, Object>> partials) {
        Map<List<Object>, Map<String, Object>> merged = new TreeMap<>(PartialMerge::compareKeys);
        for (Map<String, Object> partial : partials) {
            List<Object> key = new ArrayList<>();
            if (query.perDay()) {
                key.add(partial.get("day"));
            }
            query.dims().forEach(d -> key.add(partial.get(d.name())));
            Map<String, Object> row = merged.computeIfAbsent(key, k -> {
                Map<String, Object> fresh = new LinkedHashMap<>();
                if (query.perDay()) {
                    fresh.put("day", partial.get("day").toString());
                }
                query.dims().forEach(d -> fresh.put(d.name(), partial.get(d.name())));
                query.measures().forEach(m -> fresh.put(m.name(), BigDecimal.ZERO));
                return fresh;
            });
            query.measures().forEach(m -> row.merge(m.name(), partial.get(m.name()), (a, b) -> ((BigDecimal) a).add((BigDecimal) b)));
        }
        return new ArrayList<>(merged.values());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? -1 : 1;
                }
                continue;
            }
            int c = x instanceof LocalDate || x instanceof BigDecimal ? ((Comparable) x).compareTo(y)
                    : x.toString().compareTo(y.toString());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

}
