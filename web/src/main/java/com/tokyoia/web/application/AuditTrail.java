package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.audit.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Records administrative changes. The event is handed to the asynchronous writer only after the
 * change commits, so a rolled-back request leaves no audit line and no request waits for the write.
 */
@ApplicationScoped
public class AuditTrail {
    @Inject
    Event<AuditEvent> events;

    @Inject
    AuditLogWriter writer;
    @Inject
    Clock clock;

    public void record(String action, String entityType, Object entityId, String details) {
        events.fire(new AuditEvent(clock.instant(), "api", action, entityType, String.valueOf(entityId), details));
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditEvent event) {
        writer.write(event);
    }
}
