package com.tokyoia.etl.infrastructure.retention;

import com.tokyoia.etl.application.port.RetentionHolds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Retention holds in PostgreSQL (table retention_hold). */
public final class JdbcRetentionHolds implements RetentionHolds {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcRetentionHolds(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public boolean hold(String table, LocalDate day, String reason) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        // The alert goes out when the hold is new or its reason changed; the same reason again only moves last_seen_at.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO retention_hold (table_name, day, reason, first_seen_at, last_seen_at, alerted_at) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (table_name, day) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at, "
                        + "reason = EXCLUDED.reason, first_seen_at = CASE WHEN retention_hold.reason = EXCLUDED.reason "
                        + "THEN retention_hold.first_seen_at ELSE EXCLUDED.first_seen_at END, "
                        + "alerted_at = CASE WHEN retention_hold.reason = EXCLUDED.reason THEN retention_hold.alerted_at "
                        + "ELSE EXCLUDED.alerted_at END "
                        + "RETURNING alerted_at = ?")) {
            ps.setString(1, table);
            ps.setObject(2, day);
            ps.setString(3, reason);
            ps.setTimestamp(4, now);
            ps.setTimestamp(5, now);
            ps.setTimestamp(6, now);
            ps.setTimestamp(7, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public void release(String table, LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM retention_hold WHERE table_name = ? AND day = ?")) {
            ps.setString(1, table);
            ps.setObject(2, day);
            ps.executeUpdate();
        }
    }

    @Override
    public List<Hold> all() throws SQLException {
        List<Hold> holds = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT table_name, day, reason, first_seen_at, last_seen_at FROM retention_hold ORDER BY day, table_name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                holds.add(new Hold(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
            }
        }
        return holds;
    }
}
