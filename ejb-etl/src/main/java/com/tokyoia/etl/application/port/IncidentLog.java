package com.tokyoia.etl.application.port;

import com.tokyoia.etl.application.alerting.AlertKind;
import com.tokyoia.etl.application.alerting.Finding;
import com.tokyoia.etl.application.alerting.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Incidents kept where every node and every restart sees them, so each one is announced once when
 * it opens and once when it clears, however many times (and on however many nodes) it is checked.
 */
public interface IncidentLog {
    /**
     * The new incident, or empty when one is already open for this kind and subject: then it takes the
     * finding's latest words (a lag grows, a spend changes) and last-seen time, and nothing is announced.
     */
    Optional<Incident> open(Finding finding, Instant now);

    /** The incident just cleared, or empty when none was open. */
    Optional<Incident> clear(AlertKind kind, String subject, Instant now);

    List<Incident> openOf(AlertKind kind);

    /** Open incidents first, then the most recently cleared; at most limit. */
    List<Incident> recent(int limit);
}
