package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.application.CrossSiteRequestException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Cross-site request forgery guard for the dashboard signed in through OpenID Connect, whose calls
 * are authenticated by the session cookie: a call that changes something must also carry
 * {@code X-Requested-With: XMLHttpRequest}, which a page of another site cannot add without a CORS
 * preflight this server never grants (the cookie is also SameSite=Lax, web.xml). Calls with their
 * own credentials (HTTP Basic, a bearer token) carry nothing a browser adds by itself and pass.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class SessionRequestForgeryFilter implements ContainerRequestFilter {
    static final String HEADER = "X-Requested-With";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || "XMLHttpRequest".equalsIgnoreCase(request.getHeaderString(HEADER))) {
            return;
        }
        throw new CrossSiteRequestException("a " + request.getMethod() + " authenticated by a browser session's cookie needs the header "
                + HEADER + ": XMLHttpRequest (the dashboard sends it; programs send their own credentials instead)");
    }
}
