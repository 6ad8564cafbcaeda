package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.migration.LakeMigration;
import com.tokyoia.etl.application.migration.LakeMoves;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.platform.logging.LogContext;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The migrate-lake job's work: moves the current versions of [from, to] to the target store and
 * catalog. Ends FAILED when some version could not be moved (they stay readable on the source; a
 * restart of the execution, or a new migration, tries them again and skips what moved).
 */
@Named
@Dependent
public class LakeMigrationBatchlet extends AbstractBatchlet {
    @Inject
    @BatchProperty
    String target;
    @Inject
    @BatchProperty
    String targetCatalog;
    @Inject
    @BatchProperty
    String from;
    @Inject
    @BatchProperty
    String to;
    @Inject
    LakeMoves moves;
    @Inject
    JobContext job;
    private volatile boolean stopping;

    @Override
    public String process() throws Exception {
        try (LogContext ignored = LogContext.forExecution(job.getExecutionId())) {
            DayRange range = DayRange.of(from, to);
            LakeMigration.Outcome outcome = moves.migrate(LakeLocation.parse(target, targetCatalog), range.from(), range.to(),
                    job.getExecutionId(), () -> stopping);
            job.setExitStatus(outcome.summary());
            if (!outcome.failures().isEmpty()) {
                throw new IllegalStateException(outcome.summary());
            }
            return outcome.summary();
        }
    }

    @Override
    public void stop() {
        stopping = true;
    }
}
