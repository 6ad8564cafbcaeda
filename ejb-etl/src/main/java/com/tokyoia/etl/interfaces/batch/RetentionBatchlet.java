package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.retention.RetentionRun;
import com.tokyoia.etl.application.retention.RetentionVerdict;
import com.tokyoia.platform.logging.LogContext;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** The retention pass; its exit status says how many days went and how many stay. */
@Named
@Dependent
public class RetentionBatchlet extends AbstractBatchlet {
    @Inject
    RetentionRun retention;
    @Inject
    JobContext job;
    @Inject
    Clock clock;
    private volatile boolean stopped;

    @Override
    public String process() throws Exception {
        try (LogContext ignored = LogContext.forExecution(job.getExecutionId())) {
            List<RetentionVerdict> verdicts = retention.run(LocalDate.now(clock), job.getExecutionId(), false, () -> stopped);
            long purged = verdicts.stream().filter(v -> v.outcome() == RetentionVerdict.Outcome.PURGED).count();
            long rows = verdicts.stream().mapToLong(RetentionVerdict::rows).sum();
            long held = verdicts.stream().filter(v -> v.outcome() == RetentionVerdict.Outcome.HELD).count();
            return "purged " + purged + " days (" + rows + " rows), kept " + held + (stopped ? ", stopped" : "");
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
