package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.domain.ExportRequest;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.platform.logging.LogContext;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * A batchlet that works on one (table, day) partition of a job, as planned by
 * {@link DayPartitionMapper}; subclasses say what to do with the day.
 */
public abstract class DayPartitionBatchlet extends AbstractBatchlet {
    @Inject
    @BatchProperty
    String table;
    @Inject
    @BatchProperty
    String day;
    @Inject
    JobContext job;

    @Override
    public final String process() throws Exception {
        try (LogContext ignored = LogContext.forExecution(job.getExecutionId())) {
            return process(ExportRequest.tables(table).get(0), LocalDate.parse(day), job.getJobName(), job.getExecutionId());
        }
    }

    /** The partition's work; the returned text becomes the partition's exit status. */
    protected abstract String process(LakeTable lakeTable, LocalDate lakeDay, String jobName, long executionId)
            throws IOException, SQLException;
}
