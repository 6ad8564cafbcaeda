package com.tokyoia.web.interfaces.rest.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything not mapped elsewhere is a server fault: logged in full with a reference the client
 * gets, so support can find it; no stack trace or exception text goes out.
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
            if (t instanceof ResourceException) {
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
}
