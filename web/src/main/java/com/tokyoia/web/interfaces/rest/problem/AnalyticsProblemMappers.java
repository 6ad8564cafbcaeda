package com.tokyoia.web.interfaces.rest.problem;

import com.tokyoia.analytics.application.QueryRefusedException;
import com.tokyoia.analytics.application.port.ColdEngineException;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Analytics refusals as problem+json (bad requests are InvalidValueExceptions): archived days 409, cost limits 422 with the
 * quote, and 502 when the cold engine behind us (Athena, Trino) failed, with its reason and query id.
 */
public final class AnalyticsProblemMappers {
    private AnalyticsProblemMappers() {
    }

    /** RFC 9457 allows extension members: here the quote and the days behind the refusal. */
    @JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "days", "quotedBytes", "quotedUsd", "limitUsd"})
    public record Refusal(String type, String title, int status, String detail, String instance, List<String> days,
                          long quotedBytes, BigDecimal quotedUsd, BigDecimal limitUsd) {
    }

    @Provider
    public static class Refused implements ExceptionMapper<QueryRefusedException> {
        static final int BUSY_RETRY_SECONDS = 2;
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(QueryRefusedException e) {
            if (e.reason() == QueryRefusedException.Reason.BUSY) {
                // Busy: as many answers as the server computes at once are running; the same request may pass in a
                // moment. A plain problem, as the document's shared 503 says: no days or quote are at fault.
                Problem busy = Problem.of(Response.Status.SERVICE_UNAVAILABLE, "busy", e.getMessage(), ProblemMappers.path(uri), null);
                return Response.status(busy.status()).type(Problem.MEDIA_TYPE).entity(busy).header("Retry-After", BUSY_RETRY_SECONDS).build();
            }
            // Days the configured engine cannot read (archived, in another store, or damaged) conflict
            // with the lake's state; a quote over a limit is the request's own matter.
            boolean conflict = e.reason() == QueryRefusedException.Reason.ARCHIVED_DAYS
                    || e.reason() == QueryRefusedException.Reason.STORE_UNREACHABLE
                    || e.reason() == QueryRefusedException.Reason.DAMAGED_DAYS;
            int status = conflict ? 409 : 422;
            String title = conflict ? "Conflict" : "Unprocessable Content";
            String type = "urn:tokyo-ia:problem:" + e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(new Refusal(type, title, status, e.getMessage(),
                    ProblemMappers.path(uri), e.days(), e.quotedBytes(), e.quotedUsd(), e.limitUsd())).build();
        }
    }

    @JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "engine", "engineQueryId"})
    public record EngineFailure(String type, String title, int status, String detail, String instance, String engine,
                                String engineQueryId) {
    }

    @Provider
    public static class EngineFailed implements ExceptionMapper<ColdEngineException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ColdEngineException e) {
            return Response.status(502).type(Problem.MEDIA_TYPE)
                    .entity(new EngineFailure("urn:tokyo-ia:problem:cold-engine-failed", "Bad Gateway", 502, e.getMessage(),
                            ProblemMappers.path(uri), e.engine(), e.engineQueryId()))
                    .build();
        }
    }
}
