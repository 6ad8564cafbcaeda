package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.audit.AuditEvent;
import com.tokyoia.persistence.domain.audit.AuditLogEntry;
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
}
