package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.Dimension;
import com.tokyoia.analytics.domain.Expr.Dialect;
import com.tokyoia.analytics.domain.Filter;
import com.tokyoia.analytics.domain.Measure;
import com.tokyoia.analytics.domain.PartialSink;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Builds the partial SQL of a query for one dialect, and reads its rows into a sink. */
public final class PartialQueries {
    private PartialQueries() {
    }

    /**
     * SELECT day, dims, measures FROM source WHERE range AND condition AND filters GROUP BY day, dims;
     * a query that is not per day is summed over the whole range instead (its day column is NULL and
     * not grouped): one partial row per group, however many days the engine serves.
     */
    static String sql(AnalyticsQuery query, Dialect dialect, String source, String dayExpr, String range,
                      Map<String, String> filters) {
        List<String> select = new ArrayList<>();
        select.add((query.perDay() ? dayExpr : "CAST(NULL AS DATE)") + " AS partition_day");
        for (Dimension d : query.dims()) {
            select.add(d.value().in(dialect) + " AS " + d.name());
        }
        for (Measure m : query.measures()) {
            select.add("CAST(" + m.aggregate().in(dialect) + " AS DECIMAL(38,6)) AS " + m.name());
        }
        List<String> where = new ArrayList<>();
        if (range != null) {
            where.add(range);
        }
        if (query.condition() != null) {
            where.add(query.condition().in(dialect));
        }
        for (String name : filters.keySet()) {
            Filter filter = query.filter(name).orElseThrow();
            where.add(filter.predicate(dialect));
        }
        String groupBy = IntStream.rangeClosed(query.perDay() ? 1 : 2, 1 + query.dims().size())
                .mapToObj(Integer::toString).collect(Collectors.joining(", "));
        // Without any group, an aggregate over no rows is still one row: the HAVING keeps "no rows" empty.
        return "SELECT " + String.join(", ", select) + " FROM " + source
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + (groupBy.isEmpty() ? " HAVING count(*) > 0" : " GROUP BY " + groupBy);
    }

    /** Binds the filter values (in the key order used by {@link #sql}) from {@code position}. */
    static void bindFilters(PreparedStatement ps, int position, Map<String, String> filters) throws SQLException {
        for (String value : filters.values()) {
            ps.setString(position++, value);
        }
    }

    static void read(AnalyticsQuery query, PreparedStatement ps, PartialSink sink) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            read(query, rs, sink);
        }
    }

    /**
     * Hands every row to the sink as it is read: the day (null when the query is not per day), then
     * dimensions as text (numbers as BigDecimal), then measures at scale 6.
     */
    public static void read(AnalyticsQuery query, ResultSet rs, PartialSink sink) throws SQLException {
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", rs.getObject(1, LocalDate.class));
            int i = 2;
            for (Dimension d : query.dims()) {
                Object value = rs.getObject(i++);
                row.put(d.name(), value instanceof Number n ? new BigDecimal(n.toString()) : value == null ? null : value.toString());
            }
            for (Measure m : query.measures()) {
                BigDecimal value = rs.getBigDecimal(i++);
                row.put(m.name(), value == null ? BigDecimal.ZERO.setScale(6) : value.setScale(6));
            }
            sink.accept(row);
        }
    }
}
