package com.tokyoia.etl.infrastructure.alerting;

import com.tokyoia.etl.application.alerting.AlertKind;
import com.tokyoia.etl.application.alerting.Finding;
import com.tokyoia.etl.application.alerting.Incident;
import com.tokyoia.etl.application.port.IncidentLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Incidents in PostgreSQL (alert_incident); its partial unique index keeps one open incident per (alert, subject) across nodes. */
public final class JdbcIncidentLog implements IncidentLog {
    private static final String COLUMNS = "id, alert, subject, summary, action, opened_at, cleared_at, last_seen_at";
    private final DataSource dataSource;

    public JdbcIncidentLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Incident> open(Finding finding, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<Incident> inserted = query(c, "INSERT INTO alert_incident (alert, subject, summary, action, opened_at, last_seen_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alert, subject) WHERE cleared_at IS NULL DO NOTHING RETURNING " + COLUMNS,
                    finding.kind().spelling(), finding.subject(), finding.summary(), finding.action(), Timestamp.from(now),
                    Timestamp.from(now));
            if (inserted.isEmpty()) {
                try (PreparedStatement seen = c.prepareStatement("UPDATE alert_incident SET last_seen_at = ?, summary = ?, action = ? "
                        + "WHERE alert = ? AND subject = ? AND cleared_at IS NULL")) {
                    seen.setTimestamp(1, Timestamp.from(now));
                    seen.setString(2, finding.summary());
                    seen.setString(3, finding.action());
                    seen.setString(4, finding.kind().spelling());
                    seen.setString(5, finding.subject());
                    seen.executeUpdate();
                }
            }
            return inserted.stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("alert_incident: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Incident> clear(AlertKind kind, String subject, Instant now) {
        return run("UPDATE alert_incident SET cleared_at = greatest(?, opened_at) WHERE alert = ? AND subject = ? AND cleared_at IS NULL "
                + "RETURNING " + COLUMNS, Timestamp.from(now), kind.spelling(), subject).stream().findFirst();
    }

    @Override
    public List<Incident> openOf(AlertKind kind) {
        return run("SELECT " + COLUMNS + " FROM alert_incident WHERE alert = ? AND cleared_at IS NULL ORDER BY id", kind.spelling());
    }

    @Override
    public List<Incident> recent(int limit) {
        return run("SELECT " + COLUMNS + " FROM alert_incident ORDER BY cleared_at IS NULL DESC, coalesce(cleared_at, opened_at) DESC, "
                + "id DESC LIMIT ?", limit);
    }

    private List<Incident> run(String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return query(c, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException("alert_incident: " + e.getMessage(), e);
        }
    }

    private static List<Incident> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<Incident> incidents = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    incidents.add(new Incident(rs.getLong(1), AlertKind.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7)), rs.getTimestamp(8).toInstant()));
                }
            }
            return incidents;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
