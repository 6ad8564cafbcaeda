package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.DayExportTask;
import com.tokyoia.lake.domain.schema.LakeTable;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;

/** Exports one (table, day) partition; a final failure alerts and fails the partition (and the job). */
@Named
@Dependent
public class DayExportBatchlet extends DayPartitionBatchlet {
    @Inject
    @BatchProperty
    String mode;
    @Inject
    DayExportTask task;

    @Override
    protected String process(LakeTable lakeTable, LocalDate lakeDay, String jobName, long executionId)
            throws IOException, SQLException {
        return task.run(jobName, lakeTable, lakeDay, executionId, "reexport".equals(mode)).status().name();
    }
}
