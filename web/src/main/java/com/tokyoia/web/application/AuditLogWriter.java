package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.audit.AuditEvent;
import com.tokyoia.persistence.repository.AuditLogRepository;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes audit events on the EJB async pool, in their own transaction, off the request thread. */
@Stateless
public class AuditLogWriter {
    private static final Logger LOG = Logger.getLogger(AuditLogWriter.class.getName());

    @Inject
    AuditLogRepository repository;

    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void write(AuditEvent event) {
        try {
            repository.add(event);
        } catch (RuntimeException e) {
            // The change itself is committed; losing its audit line must be visible in the log.
            LOG.log(Level.SEVERE, "Could not write audit event " + event, e);
            throw e;
        }
    }
}
