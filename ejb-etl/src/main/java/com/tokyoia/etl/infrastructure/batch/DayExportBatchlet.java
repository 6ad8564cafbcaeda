package com.tokyoia.etl.infrastructure.batch;

import com.tokyoia.etl.application.DayExportResult;
import com.tokyoia.persistence.lake.LakeSchemaRegistry;
import com.tokyoia.persistence.lake.LakeTable;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;

/** Exports one (table, day) partition; a final failure alerts and fails the partition (and the job). */
@Named
@jakarta.enterprise.context.Dependent
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
    EtlRuntime runtime;

    @Override
    public String process() throws Exception {
        LakeTable lakeTable = LakeSchemaRegistry.table(table).orElseThrow(() -> new IllegalArgumentException("unknown table " + table));
        DayExportResult result = runtime.task().run(job.getJobName(), lakeTable, LocalDate.parse(day),
                job.getExecutionId(), "reexport".equals(mode));
        return result.status().name();
    }
}
