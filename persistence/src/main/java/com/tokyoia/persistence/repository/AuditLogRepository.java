package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.audit.AuditEvent;
import com.tokyoia.persistence.domain.audit.AuditLogEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

@ApplicationScoped
public class AuditLogRepository {
    @PersistenceContext(unitName = "hot")
    EntityManager em;

    public void add(AuditEvent event) {
        em.persist(new AuditLogEntry(event));
    }

    public List<AuditLogEntry> forEntity(String entityType, String entityId, int limit) {
        return em.createQuery("SELECT e FROM AuditLogEntry e WHERE e.entityType = :type AND e.entityId = :id "
                        + "ORDER BY e.occurredAt DESC, e.id DESC", AuditLogEntry.class)
                .setParameter("type", entityType)
                .setParameter("id", entityId)
                .setMaxResults(limit)
                .getResultList();
    }
}
