package com.tokyoia.etl.application;

import com.tokyoia.etl.infrastructure.notify.FailureNotifier;
import com.tokyoia.etl.infrastructure.notify.FailureReport;
import com.tokyoia.persistence.lake.LakeTable;
import java.time.LocalDate;
import java.util.List;

/**
 * One unit of a job: export one (table, day) and, when that finally fails, alert every notifier
 * before failing. The alert cannot mask the failure: notifiers never throw and the original
 * exception is rethrown.
 */
public final class DayExportTask {
    private final DayExporter exporter;
    private final List<FailureNotifier> notifiers;

    public DayExportTask(DayExporter exporter, List<FailureNotifier> notifiers) {
        this.exporter = exporter;
        this.notifiers = List.copyOf(notifiers);
    }

    public DayExportResult run(String job, LakeTable table, LocalDate day, long executionId, boolean newVersion)
            throws Exception {
        try {
            return exporter.export(table, day, executionId, newVersion);
        } catch (Exception e) {
            FailureReport report = new FailureReport(job, table.name(), day.toString(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), executionId);
            for (FailureNotifier notifier : notifiers) {
                try {
                    notifier.notify(report);
                } catch (RuntimeException ignored) {
                    // Notifiers log their own failures; the export's failure is what must surface.
                }
            }
            throw e;
        }
    }
}
