package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.analytics.application.port.HotPartials;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.Expr.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Per-day partials from PostgreSQL over a contiguous range of hot days (partitions pruned by the range). */
public final class PostgresHotEngine implements HotPartials {
    private final DataSource dataSource;

    public PostgresHotEngine(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Map<String, Object>> partials(AnalyticsQuery query, LocalDate first, LocalDate last,
                                              Map<String, String> filters) throws SQLException {
        String day = query.table().dayColumn();
        String sql = PartialQueries.sql(query, Dialect.POSTGRES, query.table().name(),
                "(" + day + " AT TIME ZONE 'UTC')::date", day + " >= ? AND " + day + " < ?", filters);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(first.atStartOfDay(ZoneOffset.UTC).toInstant()));
            ps.setTimestamp(2, Timestamp.from(last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            PartialQueries.bindFilters(ps, 3, filters);
            return PartialQueries.read(query, ps);
        }
    }

    @Override
    public String watermark(AnalyticsQuery query, LocalDate first, LocalDate last) throws SQLException {
        String changed = switch (query.table().name()) {
            case "agent_metrics", "agent_interactions" -> "ingested_at";
            default -> "updated_at";
        };
        String day = query.table().dayColumn();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*), max(" + changed + ") FROM " + query.table().name()
                     + " WHERE " + day + " >= ? AND " + day + " < ?")) {
            ps.setTimestamp(1, Timestamp.from(first.atStartOfDay(ZoneOffset.UTC).toInstant()));
            ps.setTimestamp(2, Timestamp.from(last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "@" + rs.getString(2);
            }
        }
    }
}
