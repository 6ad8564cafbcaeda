package com.tokyoia.web.interfaces.rest.dto;

import com.tokyoia.etl.application.alerting.Incident;
import java.time.Instant;

/** An alert incident as the API shows it: the alert by its spelling (cost-spike, ...), open while clearedAt is null. */
public record IncidentView(long id, String alert, String subject, boolean open, String summary, String action, Instant openedAt,
                           Instant lastSeenAt, Instant clearedAt) {
    public static IncidentView of(Incident incident) {
        return new IncidentView(incident.id(), incident.kind().spelling(), incident.subject(), incident.isOpen(), incident.summary(),
                incident.action(), incident.openedAt(), incident.lastSeenAt(), incident.clearedAt());
    }
}
