package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.audit.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.security.Principal;
import java.time.Clock;

/**
 * Records administrative changes, with the name of the user who made them. The event is handed to the asynchronous writer only after the
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
    /** The caller of the current request (CDI's built-in bean asks the security context at each call). */
    @Inject
    Principal caller;

    public void record(String action, String entityType, Object entityId, String details) {
        events.fire(new AuditEvent(clock.instant(), actor(), action, entityType, String.valueOf(entityId), details));
    }

    /**
     * A call refused for who made it (401: no or wrong credentials; 403: a role the operation does
     * not admit): who, what, from where. There is no transaction to wait for, so it is written at once.
     */
    public void refused(int status, String method, String path, String address) {
        record("access.refused", "access", method + " " + path, status + " " + method + " " + path + " from " + address);
    }

    /** A refused call with what else is known of it (a failed login: the name it tried, how often). */
    public void refused(int status, String method, String path, String address, String note) {
        record("access.refused", "access", method + " " + path, status + " " + method + " " + path + " from " + address
                + " (" + note + ")");
    }

    private String actor() {
        String name = caller == null ? null : caller.getName();
        return name == null || name.isBlank() ? "anonymous" : name;
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditEvent event) {
        writer.write(event);
    }
}
