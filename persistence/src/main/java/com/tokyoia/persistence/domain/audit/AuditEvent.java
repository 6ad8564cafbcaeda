package com.tokyoia.persistence.domain.audit;

import java.time.Instant;

/** An administrative change worth keeping a trace of; written to audit_log off the request thread. */
public record AuditEvent(Instant occurredAt, String actor, String action, String entityType, String entityId,
                         String details) {
}
