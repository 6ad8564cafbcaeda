package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.Dimension;
import com.tokyoia.analytics.domain.Expr.Dialect;
import com.tokyoia.analytics.domain.Filter;
import com.tokyoia.analytics.domain.Measure;
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

/** Builds the per-day partial SQL of a query for one dialect, and reads its rows. */
public final class PartialQueries {
    private PartialQueries() {
    }

    /** SELECT day, dims, measures FROM source WHERE range AND condition AND filters GROUP BY day, dims. */
    static String sql(AnalyticsQuery query, Dialect dialect, String source, String dayExpr, String range,
                      Map<String, String> filters) {
        List<String> select = new ArrayList<>();
        select.add(dayExpr + " AS partition_day");
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
        String groupBy = IntStream.rangeClosed(1, 1 + query.dims().size())
                .mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return "SELECT " + String.join(", ", select) + " FROM " + source
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " GROUP BY " + groupBy;
    }

    /** Binds the filter values (in the key order used by {@link #sql}) from {@code position}. */
    static void bindFilters(PreparedStatement ps, int position, Map<String, String> filters) throws SQLException {
        for (String value : filters.values()) {
            ps.setString(position++, value);
        }
    }

    static List<Map<String, Object>> read(AnalyticsQuery query, PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return read(query, rs);
        }
    }

    /** Reads every row: the day, then dimensions as text (numbers as BigDecimal), then measures at scale 6. */
    public static List<Map<String, Object>> read(AnalyticsQuery query, ResultSet rs) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
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
            rows.add(row);
        }
        return rows;
    }
}
