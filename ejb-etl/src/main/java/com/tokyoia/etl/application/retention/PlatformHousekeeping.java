package com.tokyoia.etl.application.retention;

import com.tokyoia.etl.application.port.Housekeeping;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The retention of the platform's own tables: the analytics query log (the cost ledger, kept a
 * little over a year by default), the batch job history, and manifest rows of versions whose files
 * are gone. The audit log is not here: it is a lake table, exported nightly and removed by the
 * retention run once its copy is proven, like the agents' data.
 */
public final class PlatformHousekeeping {
    private final Housekeeping housekeeping;
    private final RetentionSettings settings;
    private final Clock clock;

    public PlatformHousekeeping(Housekeeping housekeeping, RetentionSettings settings, Clock clock) {
        this.housekeeping = housekeeping;
        this.settings = settings;
        this.clock = clock;
    }

    /** What went, per table. */
    public record Pruned(long queryLogRows, long jobExecutions, long removedVersions) {
    }

    public Pruned prune() throws SQLException {
        Instant now = clock.instant();
        return new Pruned(housekeeping.pruneQueryLog(now.minus(Duration.ofDays(settings.queryLogDays())), settings.deleteBatchRows()),
                housekeeping.pruneJobHistory(now.minus(Duration.ofDays(settings.jobHistoryDays()))),
                housekeeping.pruneRemovedVersions(now.minus(Duration.ofDays(settings.jobHistoryDays())), settings.deleteBatchRows()));
    }
}
