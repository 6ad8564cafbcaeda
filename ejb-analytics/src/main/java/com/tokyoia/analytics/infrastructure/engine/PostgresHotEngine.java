package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.analytics.application.port.HotPartials;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.Expr.Dialect;
import com.tokyoia.analytics.domain.PartialSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;

/** Partials from PostgreSQL over a contiguous range of hot days (partitions pruned by the range), streamed through a cursor. */
public final class PostgresHotEngine implements HotPartials {
    private static final int FETCH_ROWS = 10_000;
    private final DataSource dataSource;

    public PostgresHotEngine(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void partials(AnalyticsQuery query, LocalDate first, LocalDate last, Map<String, String> filters, PartialSink sink)
            throws SQLException {
        String day = query.table().dayColumn();
        String sql = PartialQueries.sql(query, Dialect.POSTGRES, query.table().name(),
                "(" + day + " AT TIME ZONE 'UTC')::date", day + " >= ? AND " + day + " < ?", filters);
        try (Connection c = dataSource.getConnection()) {
            // Read through a cursor (fetch size, inside a transaction): without one the driver holds every row at once.
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            Throwable failure = null;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_ROWS);
                ps.setTimestamp(1, Timestamp.from(first.atStartOfDay(ZoneOffset.UTC).toInstant()));
                ps.setTimestamp(2, Timestamp.from(last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                PartialQueries.bindFilters(ps, 3, filters);
                PartialQueries.read(query, ps, sink);
            } catch (SQLException | RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                if (autoCommit) {
                    restoreAutoCommit(c, failure);
                }
            }
        }
    }

    /** Ends the read-only transaction; a failure doing so never hides the failure that ended the read. */
    private static void restoreAutoCommit(Connection c, Throwable failure) throws SQLException {
        try {
            // Only read: ending the transaction either way is the same.
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
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
