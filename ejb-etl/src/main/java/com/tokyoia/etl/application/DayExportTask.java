package com.tokyoia.etl.application;

import com.tokyoia.etl.application.port.FailureReport;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * One unit of a job: export one (table, day) and, when that finally fails, alert every channel
 * before failing. The alert cannot mask the failure: the original exception is rethrown.
 */
public record DayExportTask(DayExporter exporter, Alerts alerts) {
    public DayExportResult run(String job, LakeTable table, LocalDate day, long executionId, boolean newVersion)
            throws IOException, SQLException {
        try {
            return exporter.export(table, day, executionId, newVersion);
        } catch (IOException | SQLException | RuntimeException e) {
            alerts.send(new FailureReport(job, table.name(), day.toString(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), executionId));
            throw e;
        }
    }
}
