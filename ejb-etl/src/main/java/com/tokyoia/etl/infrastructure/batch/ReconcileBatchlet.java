package com.tokyoia.etl.infrastructure.batch;

import com.tokyoia.etl.application.DayExportResult;
import com.tokyoia.etl.domain.ExportRequest;
import com.tokyoia.etl.infrastructure.notify.FailureNotifier;
import com.tokyoia.etl.infrastructure.notify.FailureReport;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.util.List;

/** Re-exports, as new versions, exported days whose rows changed in PostgreSQL since. */
@Named
@jakarta.enterprise.context.Dependent
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
    EtlRuntime runtime;

    @Override
    public String process() throws Exception {
        try {
            List<DayExportResult> reexported = runtime.reconciler().reconcile(ExportRequest.tables(tables),
                    LocalDate.parse(from), LocalDate.parse(to), job.getExecutionId());
            return "REEXPORTED:" + reexported.size();
        } catch (Exception e) {
            for (FailureNotifier notifier : runtime.settings().notifiers()) {
                notifier.notify(new FailureReport(job.getJobName(), tables == null ? "all" : tables, from + ".." + to,
                        e.getClass().getSimpleName() + ": " + e.getMessage(), job.getExecutionId()));
            }
            throw e;
        }
    }
}
