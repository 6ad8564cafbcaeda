package com.tokyoia.etl.application;

import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.port.EtlMetrics;
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
public record DayExportTask(DayExporter exporter, Alerts alerts, EtlMetrics metrics) {
    public DayExportTask(DayExporter exporter, Alerts alerts) {
        this(exporter, alerts, EtlMetrics.NONE);
    }

    public DayExportResult run(String job, LakeTable table, LocalDate day, long executionId, boolean newVersion)
            throws IOException, SQLException {
        try {
            DayExportResult result = exporter.export(table, day, executionId, newVersion);
            if (result.status() == DayExportResult.Status.EXPORTED) {
                metrics.exported(table.name(), result.rows(), result.bytes(), result.millis());
                // A new proven version is current now: whatever damage an older one had no longer matters.
                alerts.recovered(Alerts.LAKE_COPY, table.name(), day);
            }
            alerts.recovered(Alerts.EXPORT, table.name(), day);
            return result;
        } catch (IOException | SQLException | RuntimeException e) {
            metrics.failed(table.name());
            alerts.failed(Alerts.EXPORT, new FailureReport(job, table.name(), day.toString(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), executionId));
            throw e;
        }
    }
}
