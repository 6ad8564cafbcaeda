package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.retention.PlatformHousekeeping;
import com.tokyoia.platform.logging.LogContext;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Prunes the query log, the job history and the manifest rows of removed versions. */
@Named
@Dependent
public class HousekeepingBatchlet extends AbstractBatchlet {
    @Inject
    JobContext job;
    @Inject
    PlatformHousekeeping housekeeping;

    @Override
    public String process() throws Exception {
        try (LogContext ignored = LogContext.forExecution(job.getExecutionId())) {
            PlatformHousekeeping.Pruned pruned = housekeeping.prune();
            return "pruned " + pruned.queryLogRows() + " query log rows, " + pruned.jobExecutions() + " job executions, "
                    + pruned.removedVersions() + " removed versions";
        }
    }
}
