package com.tokyoia.etl.infrastructure.audit;

import com.tokyoia.etl.application.port.JobAudit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;

/** Job starts and restarts as audit_log rows (entity "job-execution", the execution id). */
public final class JdbcJobAudit implements JobAudit {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcJobAudit(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public void record(long executionId, String job, String action, String actor, String details) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_id, details) VALUES (?, ?, ?, 'job-execution', ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, String.valueOf(executionId));
            ps.setString(5, details);
            ps.executeUpdate();
        }
    }
}
