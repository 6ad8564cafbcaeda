package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.DayExportTask;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.domain.ExportRequest;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;

/** Exports one (table, day) partition; a final failure alerts and fails the partition (and the job). */
@Named
@Dependent
public class DayExportBatchlet extends AbstractBatchlet {
    @Inject
    @BatchProperty
    String table;
    @Inject
    @BatchProperty
    String day;
    @Inject
    @BatchProperty
    String mode;
    @Inject
    JobContext job;
    @Inject
    DayExportTask task;

    @Override
    public String process() throws Exception {
        DayExportResult result = task.run(job.getJobName(), ExportRequest.tables(table).get(0), LocalDate.parse(day),
                job.getExecutionId(), "reexport".equals(mode));
        return result.status().name();
    }
}
