package com.tokyoia.etl.application.port;

import java.sql.SQLException;
import java.time.Instant;

/** The platform's own bookkeeping that would otherwise grow forever. Each call deletes in bounded batches and returns how many rows went. */
public interface Housekeeping {

    /** Analytics query log entries (the cost ledger) older than {@code before}. */
    long pruneQueryLog(Instant before, int batchRows) throws SQLException;

    /** Batch job executions (export, reconcile, retention) that ended before {@code before}, with their steps. */
    long pruneJobHistory(Instant before) throws SQLException;

    /** Manifest rows of versions whose files were deleted before {@code before}. */
    long pruneRemovedVersions(Instant before, int batchRows) throws SQLException;
}
