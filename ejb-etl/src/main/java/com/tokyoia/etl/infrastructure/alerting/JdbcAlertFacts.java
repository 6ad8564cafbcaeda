package com.tokyoia.etl.infrastructure.alerting;

import com.tokyoia.etl.application.port.AlertFacts;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The alerts' figures from PostgreSQL: the analytics query log, the export manifest and the
 * database's own size functions. The query log is the analytics module's table; it is read here,
 * never written.
 */
public final class JdbcAlertFacts implements AlertFacts {
    private final DataSource dataSource;

    public JdbcAlertFacts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public BigDecimal analyticsCost(Instant from, Instant to) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement statement = c.prepareStatement(
                     "SELECT coalesce(sum(cost_usd), 0) FROM analytics_query_log WHERE created_at >= ? AND created_at < ?")) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("analytics_query_log: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, LocalDate> newestProvenDays() {
        Map<String, LocalDate> newest = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement statement = c.prepareStatement("SELECT table_name, max(day) FROM export_manifest WHERE status IN "
                     + JdbcManifest.PROVEN + " GROUP BY table_name ORDER BY table_name");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                newest.put(rs.getString(1), rs.getObject(2, LocalDate.class));
            }
            return newest;
        } catch (SQLException e) {
            throw new IllegalStateException("export_manifest: " + e.getMessage(), e);
        }
    }

    @Override
    public long lakeBytes() {
        return single("SELECT coalesce(sum(bytes), 0) FROM export_manifest WHERE object_key IS NOT NULL AND removed_at IS NULL "
                + "AND status IN " + JdbcManifest.STORED);
    }

    @Override
    public long postgresBytes() {
        return single("SELECT pg_database_size(current_database())");
    }

    private long single(String sql) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement statement = c.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
