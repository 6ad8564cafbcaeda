package com.tokyoia.etl.application;

import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.port.FailureReport;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * One unit of a job: export one (table, day); when that finally fails, open its ETL incident
 * (announced once) before failing, and when it succeeds, clear one left open by an earlier failure.
 * The alert cannot mask the failure: the original exception is rethrown.
 */
public record DayExportTask(DayExporter exporter, Alerts alerts) {
    public DayExportResult run(String job, LakeTable table, LocalDate day, long executionId, boolean newVersion)
            throws IOException, SQLException {
        try {
            DayExportResult result = exporter.export(table, day, executionId, newVersion);
            alerts.recovered(Alerts.EXPORT, table.name(), day);
            return result;
        } catch (IOException | SQLException | RuntimeException e) {
            alerts.failed(Alerts.EXPORT, new FailureReport(job, table.name(), day.toString(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), executionId));
            throw e;
        }
    }
}
