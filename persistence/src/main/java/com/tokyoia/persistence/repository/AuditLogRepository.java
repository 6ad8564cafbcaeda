package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.audit.AuditEvent;
import com.tokyoia.persistence.domain.audit.AuditLogEntry;
import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.paging.TimeRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@ApplicationScoped
public class AuditLogRepository {
    @PersistenceContext(unitName = "hot")
    EntityManager em;

    public void add(AuditEvent event) {
        em.persist(new AuditLogEntry(event));
    }

    /** Entries in the range matching every filter given (null: any), oldest first. */
    public Page<AuditLogEntry> list(TimeRange range, String actor, String action, String entityType, String entityId,
                                    KeysetCursor after, int limit) {
        var rows = new KeysetQuery("audit_log", "occurred_at", "id")
                .within(range)
                .whereEquals("actor", actor)
                .whereEquals("action", action)
                .whereEquals("entity_type", entityType)
                .whereEquals("entity_id", entityId)
                .after(after, after == null ? null : after.longId())
                .fetch(em, AuditLogEntry.class, limit);
        return Page.of(rows, limit, e -> new KeysetCursor(e.getOccurredAt(), e.getId().toString()));
    }
}
