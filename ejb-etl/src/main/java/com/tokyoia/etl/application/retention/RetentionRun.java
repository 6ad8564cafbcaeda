package com.tokyoia.etl.application.retention;

import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.port.FailureReport;
import com.tokyoia.etl.application.port.HotDays;
import com.tokyoia.etl.application.port.RetentionHolds;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * One pass of retention over every exported table: the day-partitioned tables first (tasks,
 * metrics, interactions), then the plain ones (workflows, sessions, the audit log), whose rows
 * the first ones refer to. Each day older than the hot window is checked and removed on its own; a day that may
 * not go is recorded as held and alerts once per reason.
 */
public final class RetentionRun {
    static final List<LakeTable> ORDER = List.of(LakeSchemaRegistry.AGENT_TASKS, LakeSchemaRegistry.AGENT_METRICS,
            LakeSchemaRegistry.AGENT_INTERACTIONS, LakeSchemaRegistry.WORKFLOWS, LakeSchemaRegistry.USER_SESSIONS,
            LakeSchemaRegistry.AUDIT_LOG);
    private static final Logger LOG = Logger.getLogger(RetentionRun.class.getName());
    private final DayRetention days;
    private final HotDays hot;
    private final RetentionHolds holds;
    private final Alerts alerts;
    private final int hotDays;

    public RetentionRun(DayRetention days, HotDays hot, RetentionHolds holds, Alerts alerts, int hotDays) {
        this.days = days;
        this.hot = hot;
        this.holds = holds;
        this.alerts = alerts;
        this.hotDays = hotDays;
    }

    /** The first day PostgreSQL keeps: every earlier day is a candidate. */
    public LocalDate cutoff(LocalDate today) {
        return today.minusDays(hotDays);
    }

    /**
     * Checks (and unless {@code dryRun} removes) every candidate day; {@code stopped} is asked
     * between days so a stop request ends the pass at a day boundary. A dry run changes nothing,
     * records no hold and sends no alert.
     */
    public List<RetentionVerdict> run(LocalDate today, long executionId, boolean dryRun, BooleanSupplier stopped)
            throws IOException, SQLException {
        List<RetentionVerdict> verdicts = new ArrayList<>();
        for (LakeTable table : ORDER) {
            for (LocalDate day : hot.heldBefore(table, cutoff(today))) {
                if (stopped.getAsBoolean()) {
                    return verdicts;
                }
                RetentionVerdict verdict = days.apply(table, day, executionId, dryRun);
                verdicts.add(verdict);
                if (!dryRun) {
                    record(verdict, executionId);
                }
            }
        }
        return verdicts;
    }

    private void record(RetentionVerdict verdict, long executionId) throws SQLException {
        if (verdict.outcome() == RetentionVerdict.Outcome.HELD) {
            LOG.warning(() -> "Retention keeps " + verdict.table() + " " + verdict.day() + ": " + verdict.reason());
            // A damaged copy was announced as the copy's own incident: one alert for one fault.
            if (holds.hold(verdict.table(), verdict.day(), verdict.reason()) && !verdict.copyDamaged()) {
                alerts.failed(Alerts.RETENTION, new FailureReport("retention", verdict.table(), verdict.day().toString(),
                        "kept in PostgreSQL: " + verdict.reason(), executionId));
            }
        } else {
            LOG.info(() -> "Retention removed " + verdict.table() + " " + verdict.day() + " from PostgreSQL (" + verdict.rows()
                    + " rows; the lake's version " + verdict.version() + " is the copy)");
            holds.release(verdict.table(), verdict.day());
            alerts.recovered(Alerts.RETENTION, verdict.table(), verdict.day());
        }
    }
}
