package com.tokyoia.web.interfaces.rest.logging;

import com.tokyoia.platform.logging.LogContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every API request an id: the caller's X-Request-Id when it is a plain token, else a new
 * one. It is in the logging MDC ({@code requestId}) for every line written while the request is
 * handled (the beans it calls and the exception mappers included) and is answered in X-Request-Id,
 * so a client's report leads to the server's lines.
 */
@Provider
@PreMatching
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "X-Request-Id";
    private static final String CONTEXT = RequestIdFilter.class.getName();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public void filter(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && TOKEN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setProperty(CONTEXT, LogContext.put(LogContext.REQUEST_ID, id));
        request.setProperty(HEADER, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(HEADER);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        if (request.getProperty(CONTEXT) instanceof LogContext context) {
            context.close();
        }
    }
}
