package com.tokyoia.etl.infrastructure.retention;

import com.tokyoia.etl.application.port.Housekeeping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Prunes the platform's own tables in PostgreSQL. The job history is JBeret's JDBC repository
 * (job_execution, step_execution, partition_execution, job_instance): executions that ended
 * before the cutoff go with their steps and partitions, then instances left without executions.
 */
public final class PostgresHousekeeping implements Housekeeping {
    private final DataSource dataSource;

    public PostgresHousekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long pruneQueryLog(Instant before, int batchRows) throws SQLException {
        return inBatches("DELETE FROM analytics_query_log WHERE id IN (SELECT id FROM analytics_query_log WHERE created_at < ? LIMIT "
                + batchRows + ")", before, batchRows);
    }

    @Override
    public long pruneRemovedVersions(Instant before, int batchRows) throws SQLException {
        return inBatches("DELETE FROM export_manifest WHERE id IN (SELECT id FROM export_manifest WHERE status = 'REMOVED' "
                + "AND removed_at < ? LIMIT " + batchRows + ")", before, batchRows);
    }

    @Override
    public long pruneJobHistory(Instant before) throws SQLException {
        String ended = "SELECT jobexecutionid FROM job_execution WHERE endtime < ? AND batchstatus NOT IN ('STARTING', 'STARTED', 'STOPPING')";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Timestamp cutoff = Timestamp.from(before);
                update(c, "DELETE FROM partition_execution WHERE stepexecutionid IN (SELECT stepexecutionid FROM step_execution "
                        + "WHERE jobexecutionid IN (" + ended + "))", cutoff);
                update(c, "DELETE FROM step_execution WHERE jobexecutionid IN (" + ended + ")", cutoff);
                long executions = update(c, "DELETE FROM job_execution WHERE jobexecutionid IN (" + ended + ")", cutoff);
                update(c, "DELETE FROM job_instance i WHERE NOT EXISTS (SELECT 1 FROM job_execution e WHERE e.jobinstanceid = i.jobinstanceid)");
                c.commit();
                return executions;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private long inBatches(String sql, Instant before, int batchRows) throws SQLException {
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            while (true) {
                ps.setTimestamp(1, Timestamp.from(before));
                int n = ps.executeUpdate();
                total += n;
                if (n < batchRows) {
                    return total;
                }
            }
        }
    }

    private static long update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
