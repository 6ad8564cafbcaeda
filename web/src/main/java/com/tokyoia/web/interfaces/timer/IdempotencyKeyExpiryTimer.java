package com.tokyoia.web.interfaces.timer;

import com.tokyoia.persistence.repository.IdempotencyKeyRepository;
import com.tokyoia.web.application.ApiSettings;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forgets the answers kept for idempotency keys once they are older than
 * tokyoia.api.idempotency-key-hours. Not persistent: the delete is the same on every node, and a
 * missed hour is made good by the next.
 */
@Singleton
public class IdempotencyKeyExpiryTimer {
    private static final Logger LOG = Logger.getLogger(IdempotencyKeyExpiryTimer.class.getName());

    @Inject
    IdempotencyKeyRepository keys;
    @Inject
    ApiSettings settings;
    @Inject
    Clock clock;

    @Schedule(hour = "*", minute = "23", timezone = "UTC", persistent = false, info = "tokyo-ia idempotency key expiry")
    void expire() {
        try {
            int forgotten = keys.expireBefore(clock.instant().minus(settings.idempotencyKeyTtl()));
            LOG.fine(() -> "Forgot " + forgotten + " idempotency keys older than " + settings.idempotencyKeyTtl());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not expire idempotency keys; the next hour tries again", e);
        }
    }
}
