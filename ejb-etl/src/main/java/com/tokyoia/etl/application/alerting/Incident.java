package com.tokyoia.etl.application.alerting;

import java.time.Instant;

/** One stretch of time during which a finding held: opened once, cleared once; summary and action are the latest finding's. */
public record Incident(long id, AlertKind kind, String subject, String summary, String action, Instant openedAt, Instant clearedAt,
                       Instant lastSeenAt) {
    public boolean isOpen() {
        return clearedAt == null;
    }
}
