package com.tokyoia.web.interfaces.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/**
 * The exceptions are built the way the server's layers nest them: the transaction manager keeps a resource's
 * failure among the suppressed exceptions of its {@link RollbackException}, and the connector wraps the driver's.
 */
class UnexpectedErrorMapperTest {
    @Test
    void aConnectionLostDuringTheCommitIsUnavailableNotAnError() {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(xaFailure(new ResourceException("commit failed", new SQLException("I/O error", "08006"))));

        assertUnavailable(new TransactionalException("commit", commit));
    }

    @Test
    void aCommitThatFailedWithoutAReasonHasAnUnknownOutcome() {
        assertThat(outage(new TransactionalException("commit", new RollbackException("ARJUNA016053: Could not commit transaction."))))
                .startsWith("commit failed, outcome unknown");
        assertUnavailable(new TransactionalException("commit", new RollbackException("ARJUNA016053: Could not commit transaction.")));
    }

    @Test
    void aPoolWithoutAConnectionIsUnavailable() {
        assertUnavailable(new PersistenceException(new ResourceException("IJ000453: Unable to get managed connection")));
    }

    @Test
    void aServerShuttingDownIsUnavailable() {
        assertUnavailable(new PersistenceException(new SQLException("terminating connection", "57P01")));
    }

    @Test
    void aConstraintRefusedAtTheCommitStaysAnError() {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(xaFailure(new ResourceException("commit failed", new SQLException("duplicate key", "23505"))));

        assertThat(outage(new TransactionalException("commit", commit))).isNull();
    }

    @Test
    void aFlushThatFailedBeforeTheCommitStaysAnError() {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        commit.initCause(new IllegalStateException("a listener failed"));

        assertThat(outage(new TransactionalException("commit", commit))).isNull();
    }

    @Test
    void aCycleInTheCausesEnds() {
        RuntimeException outer = new RuntimeException("outer");
        RuntimeException inner = new RuntimeException("inner", outer);
        outer.addSuppressed(inner);

        assertThat(UnexpectedErrorMapper.causesOf(outer)).containsExactly(outer, inner);
        assertThat(outage(outer)).isNull();
    }

    /** What makes the mapper answer 503 with Retry-After rather than 500 (its response needs a JAX-RS runtime). */
    private static String outage(Throwable e) {
        return UnexpectedErrorMapper.databaseOutage(UnexpectedErrorMapper.causesOf(e));
    }

    private static void assertUnavailable(Throwable e) {
        assertThat(outage(e)).isNotNull();
    }

    private static XAException xaFailure(Throwable cause) {
        XAException xa = new XAException(XAException.XA_RBROLLBACK);
        xa.initCause(cause);
        return xa;
    }
}
