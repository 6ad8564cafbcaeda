package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.application.RoleRequiredException;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Deny by default: RESTEasy's role-based security (web.xml) enforces @RolesAllowed where it is
 * written and lets everything else through, so an operation whose method and class name no roles
 * is refused here with a 403 problem for everyone, until someone decides who may call it.
 */
@Provider
public class DenyUnlistedOperations implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (!hasRule(resource.getResourceMethod(), resource.getResourceClass())) {
            context.register((ContainerRequestFilter) request -> {
                throw new RoleRequiredException("no role may call this operation yet: it names none (@RolesAllowed)");
            });
        }
    }

    static boolean hasRule(Method method, Class<?> resource) {
        return method.isAnnotationPresent(RolesAllowed.class) || method.isAnnotationPresent(PermitAll.class)
                || method.isAnnotationPresent(DenyAll.class) || resource.isAnnotationPresent(RolesAllowed.class)
                || resource.isAnnotationPresent(PermitAll.class) || resource.isAnnotationPresent(DenyAll.class);
    }
}
