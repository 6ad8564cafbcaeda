package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.Alerts;
import com.tokyoia.etl.application.LakeReconciler;
import com.tokyoia.etl.application.port.FailureReport;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.domain.ExportRequest;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.util.List;

/** Re-exports, as new versions, exported days whose rows changed in PostgreSQL since. */
@Named
@Dependent
public class ReconcileBatchlet extends AbstractBatchlet {
    @Inject
    @BatchProperty
    String from;
    @Inject
    @BatchProperty
    String to;
    @Inject
    @BatchProperty
    String tables;
    @Inject
    JobContext job;
    @Inject
    LakeReconciler reconciler;
    @Inject
    Alerts alerts;

    @Override
    public String process() throws Exception {
        try {
            List<DayExportResult> reexported = reconciler.reconcile(ExportRequest.tables(tables), LocalDate.parse(from),
                    LocalDate.parse(to), job.getExecutionId());
            return "REEXPORTED:" + reexported.size();
        } catch (Exception e) {
            alerts.send(new FailureReport(job.getJobName(), tables == null ? "all" : tables, from + ".." + to,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), job.getExecutionId()));
            throw e;
        }
    }
}
