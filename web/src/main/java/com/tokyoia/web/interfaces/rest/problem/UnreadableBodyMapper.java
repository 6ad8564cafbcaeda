package com.tokyoia.web.interfaces.rest.problem;

import com.tokyoia.web.application.PayloadTooLargeException;
import com.tokyoia.web.interfaces.rest.problem.Problem.FieldError;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A body JSON-B could not read: malformed JSON, a value of the wrong type, an unknown enum
 * constant. The binder's messages name the property; it is lifted into {@code errors} so the client
 * learns which field to fix. The binder's internals (class names, stack) never reach the client.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Json property (\\S{1,80}) can not be mapped");
    private static final Pattern PROPERTY = Pattern.compile("(?:property|field)[ :]+'?\"?([A-Za-z_][A-Za-z0-9_]*)");

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ProcessingException e) {
        return unreadable(e, uri);
    }

    /** The problem for a body that could not be read (also used for JAX-RS's own 400s with a cause). */
    static Response unreadable(Throwable e, UriInfo uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return new ProblemMappers.TooLarge().toResponse(tooLarge);
            }
        }
        String unknown = unknownPropertyIn(e);
        String field = unknown != null ? unknown : propertyIn(e);
        String detail = unknown != null ? "'" + unknown + "' is not a property of this request"
                : field == null ? "the body is not valid JSON for this request"
                : "the value of '" + field + "' has the wrong type or an unknown value";
        return Problem.of(Status.BAD_REQUEST, "unreadable-body", detail, ProblemMappers.path(uri),
                field == null ? List.of(new FieldError("body", detail)) : List.of(new FieldError(field, detail)))
                .toResponse();
    }

    /** Yasson's "Json property x can not be mapped to a class ..." (the request has no such property). */
    static String unknownPropertyIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = UNKNOWN_PROPERTY.matcher(t.getMessage());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    static String propertyIn(Throwable error) {
        String field = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = PROPERTY.matcher(t.getMessage());
                while (m.find()) {
                    field = m.group(1); // innermost mention wins: the deepest property that failed
                }
            }
        }
        return field;
    }
}
