package com.tokyoia.web.interfaces.rest.idempotency;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Whether the calling thread runs in an active JTA transaction. The registry is looked up once
 * here: the interceptor is created with every request-scoped resource, so a {@code @Resource}
 * field in it cost a JNDI lookup on every request, reads included.
 */
@ApplicationScoped
class CurrentTransaction {
    @Resource
    TransactionSynchronizationRegistry registry;

    boolean isActive() {
        return registry.getTransactionStatus() == Status.STATUS_ACTIVE;
    }
}
