package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.application.RateLimits;
import com.tokyoia.web.application.TooManyRequestsException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.OptionalLong;

/** Counts a user's call of a {@link RateLimited} operation, after the role check, and refuses it over the limit. */
@Provider
@RateLimited
@Priority(Priorities.USER)
public class RateLimitFilter implements ContainerRequestFilter {
    @Inject
    RateLimits limits;
    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        String user = request.getSecurityContext().getUserPrincipal().getName();
        String operation = resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName();
        OptionalLong retryAfter = limits.refuse(user, operation);
        if (retryAfter.isPresent()) {
            throw new TooManyRequestsException(user + " has made as many calls of this operation as the limit allows for now "
                    + "(tokyoia.api.rate-limit.*); try again in " + retryAfter.getAsLong() + " s", retryAfter.getAsLong());
        }
    }
}
