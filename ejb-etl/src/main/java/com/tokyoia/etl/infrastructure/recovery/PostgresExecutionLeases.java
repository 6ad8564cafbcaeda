package com.tokyoia.etl.infrastructure.recovery;

import com.tokyoia.etl.application.port.ExecutionLeases;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Execution leases in PostgreSQL (table batch_execution_lease), next to JBeret's JDBC job
 * repository (job_execution and partition_execution), which a claim updates in the same
 * transaction. An execution without a lease is not an orphan until it is older than the lease
 * period and at least two minutes: it may still be waiting for a batch thread on the node that
 * started it (a job started from the console gets its lease only when a thread takes it).
 */
public final class PostgresExecutionLeases implements ExecutionLeases {
    private static final String RUNNING = "('STARTING', 'STARTED', 'STOPPING')";
    private static final Duration UNLEASED_GRACE = Duration.ofMinutes(2);
    private final DataSource dataSource;
    private final String node;
    private final Duration lease;
    private final Clock clock;

    public PostgresExecutionLeases(DataSource dataSource, String node, Duration lease, Clock clock) {
        this.dataSource = dataSource;
        this.node = node;
        this.lease = lease;
        this.clock = clock;
    }

    @Override
    public void acquire(long executionId, String jobName) throws SQLException {
        Instant now = clock.instant();
        update("INSERT INTO batch_execution_lease (execution_id, job_name, node, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (execution_id) DO UPDATE SET node = EXCLUDED.node, expires_at = EXCLUDED.expires_at",
                executionId, jobName, node, Timestamp.from(now), Timestamp.from(now.plus(lease)));
    }

    @Override
    public void renew(List<Long> executionIds) throws SQLException {
        if (executionIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE batch_execution_lease SET expires_at = ? WHERE execution_id = ANY (?) AND node = ?")) {
            Array ids = c.createArrayOf("bigint", executionIds.toArray());
            ps.setTimestamp(1, Timestamp.from(clock.instant().plus(lease)));
            ps.setArray(2, ids);
            ps.setString(3, node);
            ps.executeUpdate();
        }
    }

    @Override
    public void release(long executionId) throws SQLException {
        update("DELETE FROM batch_execution_lease WHERE execution_id = ? AND node = ?", executionId, node);
    }

    @Override
    public List<Long> orphans() throws SQLException {
        Instant now = clock.instant();
        List<Long> orphans = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT e.jobexecutionid FROM job_execution e LEFT JOIN batch_execution_lease l ON l.execution_id = e.jobexecutionid "
                        + "WHERE e.batchstatus IN " + RUNNING + " AND ((l.execution_id IS NULL AND e.createtime < ?) OR l.expires_at < ?) "
                        + "ORDER BY e.jobexecutionid")) {
            ps.setTimestamp(1, Timestamp.from(now.minus(lease.compareTo(UNLEASED_GRACE) > 0 ? lease : UNLEASED_GRACE)));
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orphans.add(rs.getLong(1));
                }
            }
        }
        return orphans;
    }

    @Override
    public boolean claimAndFail(long executionId, String reason) throws SQLException {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean claimed;
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO batch_execution_lease (execution_id, job_name, node, acquired_at, expires_at) "
                                + "SELECT e.jobexecutionid, i.jobname, ?, ?, ? FROM job_execution e "
                                + "JOIN job_instance i ON i.jobinstanceid = e.jobinstanceid WHERE e.jobexecutionid = ? "
                                + "ON CONFLICT (execution_id) DO UPDATE SET node = EXCLUDED.node, acquired_at = EXCLUDED.acquired_at, "
                                + "expires_at = EXCLUDED.expires_at WHERE batch_execution_lease.expires_at < ? RETURNING execution_id")) {
                    ps.setString(1, node);
                    ps.setTimestamp(2, at);
                    ps.setTimestamp(3, Timestamp.from(now.plus(lease)));
                    ps.setLong(4, executionId);
                    ps.setTimestamp(5, at);
                    try (ResultSet rs = ps.executeQuery()) {
                        claimed = rs.next();
                    }
                }
                int failed = claimed ? update(c, "UPDATE job_execution SET batchstatus = 'FAILED', exitstatus = ?, endtime = ?, "
                        + "lastupdatedtime = ? WHERE jobexecutionid = ? AND batchstatus IN " + RUNNING, reason, at, at, executionId) : 0;
                if (failed != 1) {
                    c.rollback();
                    return false;
                }
                update(c, "UPDATE partition_execution SET batchstatus = 'FAILED', exitstatus = ? WHERE batchstatus IN " + RUNNING
                        + " AND stepexecutionid IN (SELECT stepexecutionid FROM step_execution WHERE jobexecutionid = ?)", reason, executionId);
                // The step stays as the dead server left it (STARTED). JBeret restarts a step that ended
                // (FAILED) with only the partitions it recorded; a step that terminated abruptly, with
                // every partition that did not complete, including those the dead server never started.
                // Marked FAILED here, a crashed export's restart skipped the (table, day)s still queued.
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            update(c, sql, params);
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
