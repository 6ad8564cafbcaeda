package com.tokyoia.web.interfaces.rest.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
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
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException lost) {
                return new ProblemMappers.ConcurrentUpdate().toResponse(lost); // detected at commit
            }
        }
        String reference = UUID.randomUUID().toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            // The connection pool had no connection within its blocking timeout: busy or unreachable, not broken.
            // Or the connection broke under the request: PostgreSQL restarting (57P01-57P03) or the link lost (class 08).
            if (t instanceof ResourceException || t instanceof SQLException sql && lostConnection(sql.getSQLState())) {
                LOG.log(Level.WARNING, "No database connection, reference " + reference + ": " + t.getMessage());
                return Response.fromResponse(Problem.of(Status.SERVICE_UNAVAILABLE, "database-unavailable",
                        "the database is busy or unreachable; try again shortly (reference " + reference + ")",
                        ProblemMappers.path(uri), null).toResponse()).header("Retry-After", RETRY_AFTER_SECONDS).build();
            }
        }
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal-error",
                "an unexpected error occurred; reference " + reference, ProblemMappers.path(uri), null).toResponse();
    }

    static boolean lostConnection(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }
}
