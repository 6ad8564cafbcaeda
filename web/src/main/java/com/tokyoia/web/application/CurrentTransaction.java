package com.tokyoia.web.application;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The calling thread's JTA transaction, for the web module's beans that need to know it. The
 * registry is looked up once here: the idempotency interceptor is created with every resource
 * call, so a {@code @Resource} field in it cost a JNDI lookup on every request, reads included.
 */
@ApplicationScoped
public class CurrentTransaction {
    @Resource
    TransactionSynchronizationRegistry registry;

    public boolean isActive() {
        return registry.getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    /** Runs {@code action} once the current transaction commits, never if it rolls back; at once when there is none. */
    public void afterCommit(Runnable action) {
        if (registry.getTransactionKey() == null) {
            action.run();
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
