package com.tokyoia.etl.application;

import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.port.FailureReport;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;

/** One unit of the reconcile job: reconcile one (table, day); a final failure alerts, then fails. */
public record ReconcileDayTask(LakeReconciler reconciler, Alerts alerts) {
    /** REEXPORTED:v<n> when the day changed and was exported again, UNCHANGED otherwise. */
    public String run(String job, LakeTable table, LocalDate day, long executionId) throws IOException, SQLException {
        try {
            String outcome = reconciler.reconcile(table, day, executionId).map(r -> "REEXPORTED:v" + r.version()).orElse("UNCHANGED");
            alerts.recovered(Alerts.EXPORT, table.name(), day);
            return outcome;
        } catch (IOException | SQLException | RuntimeException e) {
            alerts.failed(Alerts.EXPORT, new FailureReport(job, table.name(), day.toString(), e.getClass().getSimpleName() + ": " + e.getMessage(),
                    executionId));
            throw e;
        }
    }
}
