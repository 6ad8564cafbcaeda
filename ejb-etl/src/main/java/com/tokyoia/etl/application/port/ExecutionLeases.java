package com.tokyoia.etl.application.port;

import java.sql.SQLException;
import java.util.List;

/**
 * Leases on batch job executions, one node at a time. A node holds the lease of each execution it
 * runs and renews them; an execution the job repository still calls running whose lease expired
 * (or that never had one) was left behind by a dead server.
 */
public interface ExecutionLeases {

    void acquire(long executionId, String jobName) throws SQLException;

    /** Extends the leases of the executions this node runs. */
    void renew(List<Long> executionIds) throws SQLException;

    void release(long executionId) throws SQLException;

    /** Executions the job repository calls running (STARTING, STARTED, STOPPING) with no live lease. */
    List<Long> orphans() throws SQLException;

    /**
     * Takes an orphan over for this node: true for exactly one caller across the cluster, which then
     * marks the execution FAILED in the job repository (in the same transaction) so it can be
     * restarted; false when another node was first or the execution is no longer an orphan.
     */
    boolean claimAndFail(long executionId, String reason) throws SQLException;
}
