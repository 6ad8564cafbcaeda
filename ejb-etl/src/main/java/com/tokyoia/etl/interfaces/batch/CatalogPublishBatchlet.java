package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.migration.CatalogResync;
import com.tokyoia.etl.application.migration.LakeMoves;
import com.tokyoia.platform.logging.LogContext;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The publish-lake job's work: registers the current versions of [from, to] in the configured catalog again. */
@Named
@Dependent
public class CatalogPublishBatchlet extends AbstractBatchlet {
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
            CatalogResync.Outcome outcome = moves.publish(range.from(), range.to(), () -> stopping);
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
