package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.ReconcileDayTask;
import com.tokyoia.lake.domain.schema.LakeTable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;

/** Re-exports one (table, day) as a new version when its rows changed in PostgreSQL since the export. */
@Named
@Dependent
public class ReconcileDayBatchlet extends DayPartitionBatchlet {
    @Inject
    ReconcileDayTask task;

    @Override
    protected String process(LakeTable lakeTable, LocalDate lakeDay, String jobName, long executionId)
            throws IOException, SQLException {
        return task.run(jobName, lakeTable, lakeDay, executionId);
    }
}
