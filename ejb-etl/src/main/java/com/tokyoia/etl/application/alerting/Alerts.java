package com.tokyoia.etl.application.alerting;

import com.tokyoia.etl.application.port.AlertChannel;
import com.tokyoia.etl.application.port.FailureReport;
import com.tokyoia.etl.application.port.IncidentLog;
import com.tokyoia.platform.time.SystemTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Raises and settles incidents and announces each change once on every configured channel
 * (webhook, e-mail). The incident log decides what is new, so a failure repeated by retries, by the
 * next night or by a second node is announced once, and its recovery once.
 */
public final class Alerts {
    /** The steps whose failures are ETL incidents, one per (step, table, day). */
    public static final String EXPORT = "export";
    public static final String RETENTION = "retention";
    public static final String STORAGE = "storage";
    public static final String MIGRATION = "migration";
    /** A proven copy in the lake found damaged (other bytes, cut off, missing). */
    public static final String LAKE_COPY = "lake-copy";
    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());
    private final List<AlertChannel> channels;
    private final IncidentLog incidents;
    private final Clock clock;

    public Alerts(List<AlertChannel> channels, IncidentLog incidents, Clock clock) {
        this.channels = List.copyOf(channels);
        this.incidents = incidents;
        this.clock = clock;
    }

    /** Channels with incidents kept in this object only: for tools and tests that have no database of incidents. */
    public Alerts(List<AlertChannel> channels) {
        this(channels, new InMemoryIncidentLog(), SystemTime.clock());
    }

    public static Alerts none() {
        return new Alerts(List.of());
    }

    public int channels() {
        return channels.size();
    }

    public IncidentLog incidents() {
        return incidents;
    }

    /** A step failed for a (table, day) after its retries: announced now unless that incident is already open. */
    public void failed(String step, FailureReport report) {
        raise(new Finding(AlertKind.ETL_FAILURE, subject(step, report.table(), report.day()),
                step + " of " + report.table() + " " + report.day() + " failed in job " + report.job() + " (execution "
                        + report.executionId() + "): " + report.error(), action(step),
                Map.of("step", step, "job", report.job(), "table", report.table(), "day", report.day(), "error",
                        String.valueOf(report.error()), "executionId", String.valueOf(report.executionId()))));
    }

    /** The step succeeded for the (table, day): a failure incident open for it clears. */
    public void recovered(String step, String table, LocalDate day) {
        settle(AlertKind.ETL_FAILURE, subject(step, table, day.toString()));
    }

    /** Opens the finding's incident and announces it, unless it is open already. */
    public Optional<Incident> raise(Finding finding) {
        Instant now = clock.instant();
        Optional<Incident> opened;
        try {
            opened = incidents.open(finding, now);
        } catch (RuntimeException e) {
            // Without the incident log a failure must still be told, even if twice.
            LOG.log(Level.WARNING, "Could not record the incident " + finding.kind().spelling() + " " + finding.subject(), e);
            opened = Optional.of(new Incident(0, finding.kind(), finding.subject(), finding.summary(), finding.action(), now, null, now));
        }
        opened.ifPresent(incident -> announce(new Notice(Notice.State.OPENED, incident, finding.facts(), now)));
        return opened;
    }

    /** Clears the incident and announces it, if one was open. */
    public Optional<Incident> settle(AlertKind kind, String subject) {
        Instant now = clock.instant();
        Optional<Incident> cleared;
        try {
            cleared = incidents.clear(kind, subject, now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not clear the incident " + kind.spelling() + " " + subject, e);
            return Optional.empty();
        }
        cleared.ifPresent(incident -> announce(new Notice(Notice.State.CLEARED, incident, Map.of(), now)));
        return cleared;
    }

    private void announce(Notice notice) {
        LOG.warning(() -> notice.title() + ": " + notice.incident().summary());
        for (AlertChannel channel : channels) {
            try {
                channel.send(notice);
            } catch (RuntimeException e) {
                // Channels log their own failures; the other channels must still be tried.
                LOG.log(Level.WARNING, "Alert channel " + channel.getClass().getSimpleName() + " failed", e);
            }
        }
    }

    static String subject(String step, String table, String day) {
        return step + " " + table + " " + day;
    }

    private static String action(String step) {
        return switch (step) {
            case EXPORT -> "PostgreSQL was left untouched. The next catch-up run retries the day; to retry now, "
                    + "POST /api/etl/backfill for that day (docs/runbook.md, 'An export failed').";
            case RETENTION -> "The day stays in PostgreSQL until its lake copy is proven again; see GET /api/etl/retention/holds "
                    + "and docs/runbook.md ('Retention holds').";
            case MIGRATION -> "The version stays readable where it was; the rest of the lake moved on. Fix the cause and run the "
                    + "migration again (./tokyo-ia lake migrate): it moves only what is left (docs/runbook.md, 'Moving the lake').";
            case LAKE_COPY -> "Analytics refuses the day and retention keeps it in PostgreSQL. Bring the proven bytes back with "
                    + "POST /api/etl/days/{table}/{day}/restore-object (a versioned bucket), or export the day again while PostgreSQL "
                    + "holds it (POST /api/etl/days/{table}/{day}/reexport); docs/runbook.md, section 2 'Data corruption'.";
            default -> "See docs/runbook.md for this step's recovery.";
        };
    }
}
