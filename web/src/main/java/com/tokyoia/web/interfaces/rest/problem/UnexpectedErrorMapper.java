package com.tokyoia.web.interfaces.rest.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.resource.ResourceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything not mapped elsewhere is a server fault: logged in full with a reference the client
 * gets, so support can find it; no stack trace or exception text goes out. A database that cannot
 * be reached, or whose connection broke under the request, is a 503 with Retry-After. Its transaction
 * rolled back, unless the connection broke during the commit itself; a client that must not store a
 * write twice retries it with the same Idempotency-Key.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        List<Throwable> causes = causesOf(e);
        for (Throwable t : causes) {
            if (t instanceof OptimisticLockException lost) {
                return new ProblemMappers.ConcurrentUpdate().toResponse(lost); // detected at commit
            }
        }
        String reference = UUID.randomUUID().toString();
        String outage = databaseOutage(causes);
        if (outage != null) {
            LOG.log(Level.WARNING, "No database connection, reference " + reference + ": " + outage);
            return Response.fromResponse(Problem.of(Status.SERVICE_UNAVAILABLE, "database-unavailable",
                    "the database is busy or unreachable; try again shortly (reference " + reference + ")",
                    ProblemMappers.path(uri), null).toResponse()).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal-error",
                "an unexpected error occurred; reference " + reference, ProblemMappers.path(uri), null).toResponse();
    }

    /**
     * What says the database was out of reach, or null. The transaction manager reports a failed commit as a
     * {@link RollbackException} and keeps the driver's error among its suppressed exceptions, not as its cause,
     * so both are searched.
     */
    static String databaseOutage(List<Throwable> causes) {
        boolean refusedByTheDatabase = false;
        for (Throwable t : causes) {
            if (t instanceof SQLException sql) {
                // PostgreSQL restarting (57P01-57P03) or the link lost (class 08): the connection broke under the request.
                if (lostConnection(sql.getSQLState())) {
                    return t.getClass().getSimpleName() + ": " + t.getMessage();
                }
                refusedByTheDatabase = true; // it answered: a constraint or a bug, not an outage
            }
        }
        if (refusedByTheDatabase) {
            return null;
        }
        for (Throwable t : causes) {
            // The pool had no connection within its blocking timeout: busy or unreachable, not broken.
            if (t instanceof ResourceException) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        for (Throwable t : causes) {
            // A commit that failed without saying why: the connection went during the commit, whose outcome the
            // client cannot know. A refused commit (a failed flush, a rollback-only mark) carries its reason.
            if (t instanceof RollbackException && t.getCause() == null && t.getSuppressed().length == 0) {
                return "commit failed, outcome unknown: " + t.getMessage();
            }
        }
        return null;
    }

    /** The throwable, its causes and everything suppressed in any of them, each once. */
    static List<Throwable> causesOf(Throwable e) {
        List<Throwable> found = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        next.add(e);
        while (!next.isEmpty()) {
            Throwable t = next.poll();
            if (!seen.add(t)) {
                continue;
            }
            found.add(t);
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            Collections.addAll(next, t.getSuppressed());
        }
        return found;
    }

    static boolean lostConnection(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }
}
