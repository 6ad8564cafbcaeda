package com.tokyoia.web.interfaces.rest.problem;

import com.tokyoia.web.application.AuditTrail;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own errors (unknown path 404, wrong method 405, unsupported media type 415, bad
 * request...) as problem+json with the same status.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    UriInfo uri;
    @Context
    HttpServletRequest request;
    @Inject
    AuditTrail audit;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == Response.Status.FORBIDDEN.getStatusCode()) {
            audit.refused(status, request.getMethod(), ProblemMappers.path(uri), request.getRemoteAddr());
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at this path";
            case 405 -> "method not allowed here";
            case 406 -> "this resource produces application/json";
            case 403 -> "this user's roles do not admit this operation";
            case 415 -> "send the body as application/json";
            default -> status >= 500 ? "the request could not be processed" : title;
        };
        if (status == 400 && e.getCause() != null) {
            return UnreadableBodyMapper.unreadable(e, uri);
        }
        Response problem = Problem.of(status, title, "http-" + status, detail, ProblemMappers.path(uri), null).toResponse();
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(problem).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return problem;
    }
}
