package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.Expr.Dialect;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one SQL that Trino and Athena (engine v3, Trino-based) run for a query's cold days, over the
 * catalog table the publishers register (partitions year, month, day as strings). The days become
 * predicates on the partition columns, so both engines read only those partitions; every value,
 * days and filters alike, is a {@code ?} placeholder with its value in {@link #values()}, in order.
 */
public record LakeSql(String sql, List<String> values) {
    static final String DAY = "CAST(concat(year, '-', month, '-', day) AS date)";

    public static LakeSql partials(AnalyticsQuery query, List<DayPlan.ColdDay> days, Map<String, String> filters) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no cold days to query");
        }
        // One disjunct per month: (year = ? AND month = ? AND day IN (?, ...)) OR ...
        Map<String, List<String>> byMonth = new TreeMap<>();
        for (DayPlan.ColdDay d : days) {
            LocalDate day = d.day();
            byMonth.computeIfAbsent(String.format("%04d-%02d", day.getYear(), day.getMonthValue()), k -> new ArrayList<>())
                    .add(String.format("%02d", day.getDayOfMonth()));
        }
        List<String> values = new ArrayList<>();
        List<String> disjuncts = new ArrayList<>();
        byMonth.forEach((month, monthDays) -> {
            values.add(month.substring(0, 4));
            values.add(month.substring(5));
            values.addAll(monthDays);
            disjuncts.add("(year = ? AND month = ? AND day IN (" + String.join(", ", monthDays.stream().map(x -> "?").toList()) + "))");
        });
        values.addAll(filters.values());
        String sql = PartialQueries.sql(query, Dialect.TRINO, query.table().name(), DAY,
                "(" + String.join(" OR ", disjuncts) + ")", filters);
        return new LakeSql(sql, List.copyOf(values));
    }
}
