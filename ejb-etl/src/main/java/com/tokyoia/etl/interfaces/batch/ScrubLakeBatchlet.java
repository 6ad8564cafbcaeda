package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.scrub.LakeScrub;
import com.tokyoia.platform.logging.LogContext;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The scrub; its exit status says what it checked and found, and how much of the lake the checks cover. */
@Named
@Dependent
public class ScrubLakeBatchlet extends AbstractBatchlet {
    /** The first and last day to check, each optional (the whole lake). */
    @Inject
    @BatchProperty
    String from;
    @Inject
    @BatchProperty
    String to;
    @Inject
    LakeScrub scrub;
    @Inject
    JobContext job;

    @Override
    public String process() throws Exception {
        try (LogContext ignored = LogContext.forExecution(job.getExecutionId())) {
            DayRange range = DayRange.of(from, to);
            String summary = scrub.scrub(range.from(), range.to(), job.getExecutionId()).summary();
            job.setExitStatus(summary); // the job's, which the API and the console show, not only the step's
            return summary;
        }
    }
}
