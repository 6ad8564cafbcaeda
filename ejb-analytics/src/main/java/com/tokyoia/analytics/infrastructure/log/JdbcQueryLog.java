package com.tokyoia.analytics.infrastructure.log;

import com.tokyoia.analytics.application.port.QueryLog;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The analytics query log in PostgreSQL (analytics_query_log). Times come from the application's
 * clock, like the day the budget guard asks about, never from PostgreSQL's now().
 */
public final class JdbcQueryLog implements QueryLog {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcQueryLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private static final String INSERT = "INSERT INTO analytics_query_log (query_name, parameters, engine, hot_days, cold_days, missing_days, "
            + "quoted_bytes, quoted_usd, scanned_bytes, cost_usd, cache_hit, result_rows, duration_ms, engine_query_id, engine_ms, "
            + "created_at, principal, principal_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public void record(Entry e) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, e);
            ps.executeUpdate();
        }
    }

    /** In one transaction: one commit (one WAL flush) for the batch instead of one per entry. */
    @Override
    public void recordAll(List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Entry e : entries) {
                    bind(ps, e);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private void bind(PreparedStatement ps, Entry e) throws SQLException {
        ps.setString(1, e.query());
        ps.setString(2, e.parameters());
        ps.setString(3, e.engine());
        ps.setInt(4, e.hotDays());
        ps.setInt(5, e.coldDays());
        ps.setInt(6, e.missingDays());
        ps.setLong(7, e.quotedBytes());
        ps.setBigDecimal(8, e.quotedUsd());
        ps.setObject(9, e.scannedBytes());
        ps.setBigDecimal(10, e.costUsd());
        ps.setBoolean(11, e.cacheHit());
        ps.setInt(12, e.rows());
        ps.setLong(13, e.durationMs());
        ps.setString(14, e.engineQueryId());
        ps.setObject(15, e.engineMs());
        ps.setTimestamp(16, Timestamp.from(clock.instant()));
        ps.setString(17, e.principal());
        ps.setString(18, e.principalGroup());
    }

    @Override
    public BigDecimal spentSince(LocalDate today) throws SQLException {
        return spent(today, null, null);
    }

    @Override
    public BigDecimal spentSince(LocalDate today, Payer payer, String name) throws SQLException {
        return spent(today, payer, name);
    }

    /** Cold-scan cost since the start of the UTC day: everyone's, or one user's or group's. */
    private BigDecimal spent(LocalDate today, Payer payer, String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(sum(cost_usd), 0) FROM analytics_query_log WHERE created_at >= ?"
                        + (payer == null ? "" : " AND " + payer.column() + " = ?"))) {
            ps.setTimestamp(1, Timestamp.from(today.atStartOfDay(ZoneOffset.UTC).toInstant()));
            if (payer != null) {
                ps.setString(2, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    @Override
    public List<Map<String, Object>> costs(LocalDate from, LocalDate to) throws SQLException {
        return rowsIn("SELECT (created_at AT TIME ZONE 'UTC')::date, query_name, count(*), sum(CASE WHEN cache_hit THEN 1 ELSE 0 END), "
                + "sum(quoted_bytes), sum(coalesce(scanned_bytes, 0)), sum(cost_usd) FROM analytics_query_log "
                + "WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2 ORDER BY 1, 2", from, to, (rs, row) -> {
                    row.put("day", rs.getObject(1, LocalDate.class).toString());
                    row.put("query", rs.getString(2));
                    row.put("queries", rs.getLong(3));
                    row.put("cacheHits", rs.getLong(4));
                    row.put("quotedBytes", rs.getLong(5));
                    row.put("scannedBytes", rs.getLong(6));
                    row.put("costUsd", rs.getBigDecimal(7));
                });
    }

    @Override
    public List<Map<String, Object>> costsBy(Payer payer, LocalDate from, LocalDate to) throws SQLException {
        String unnamed = payer == Payer.USER ? "(before attribution)" : "(no group)";
        return rowsIn("SELECT coalesce(" + payer.column() + ", '" + unnamed + "'), count(*), sum(CASE WHEN cache_hit THEN 1 ELSE 0 END), "
                + "sum(CASE WHEN cold_days > 0 AND NOT cache_hit THEN 1 ELSE 0 END), sum(coalesce(scanned_bytes, 0)), sum(cost_usd) "
                + "FROM analytics_query_log WHERE created_at >= ? AND created_at < ? GROUP BY 1 ORDER BY 6 DESC, 1", from, to, (rs, row) -> {
                    row.put(payer.label(), rs.getString(1));
                    row.put("queries", rs.getLong(2));
                    row.put("cacheHits", rs.getLong(3));
                    row.put("coldScans", rs.getLong(4));
                    row.put("scannedBytes", rs.getLong(5));
                    row.put("costUsd", rs.getBigDecimal(6));
                });
    }

    /** Fills one row per result line of a query over log entries created in [from, to) (UTC days). */
    private interface RowReader {
        void read(ResultSet rs, Map<String, Object> row) throws SQLException;
    }

    private List<Map<String, Object>> rowsIn(String sql, LocalDate from, LocalDate to, RowReader reader) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
            ps.setTimestamp(2, Timestamp.from(to.atStartOfDay(ZoneOffset.UTC).toInstant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    reader.read(rs, row);
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
