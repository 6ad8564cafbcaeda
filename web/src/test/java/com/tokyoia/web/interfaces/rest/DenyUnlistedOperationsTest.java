package com.tokyoia.web.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.web.application.RoleRequiredException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deny by default, on the mechanism: an operation that names no roles gets a filter that refuses
 * every call; one that names its roles is left to RESTEasy's role check. (AccessMatrixIT proves
 * every real operation names its roles, on the server.)
 */
class DenyUnlistedOperationsTest {
    @Path("/sample")
    public static class Sample {
        @GET
        public String forgotten() {
            return "anyone";
        }

        @GET
        @Path("/ruled")
        @RolesAllowed(Roles.VIEWER)
        public String ruled() {
            return "viewers";
        }
    }

    @RolesAllowed(Roles.ADMIN)
    public static class RuledClass {
        @GET
        public String inherited() {
            return "admins";
        }
    }

    @Test
    void anOperationWithoutRolesIsRefusedToEveryone() throws Exception {
        List<Object> registered = configure(Sample.class, Sample.class.getMethod("forgotten"));
        assertThat(registered).hasSize(1);
        assertThatThrownBy(() -> ((ContainerRequestFilter) registered.get(0)).filter(null))
                .isInstanceOf(RoleRequiredException.class).hasMessageContaining("names none");
    }

    @Test
    void anOperationWithRolesOnItselfOrItsClassIsLeftToTheRoleCheck() throws Exception {
        assertThat(configure(Sample.class, Sample.class.getMethod("ruled"))).isEmpty();
        assertThat(configure(RuledClass.class, RuledClass.class.getMethod("inherited"))).isEmpty();
    }

    private static List<Object> configure(Class<?> resource, Method method) {
        List<Object> registered = new ArrayList<>();
        new DenyUnlistedOperations().configure(new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return method;
            }

            @Override
            public Class<?> getResourceClass() {
                return resource;
            }
        }, new Registrations(registered));
        return registered;
    }

    /** Records what the feature registers. */
    private record Registrations(List<Object> registered) implements FeatureContext {
        @Override
        public Configuration getConfiguration() {
            return null;
        }

        @Override
        public FeatureContext property(String name, Object value) {
            return this;
        }

        @Override
        public FeatureContext register(Class<?> componentClass) {
            registered.add(componentClass);
            return this;
        }

        @Override
        public FeatureContext register(Class<?> componentClass, int priority) {
            return register(componentClass);
        }

        @Override
        public FeatureContext register(Class<?> componentClass, Class<?>... contracts) {
            return register(componentClass);
        }

        @Override
        public FeatureContext register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
            return register(componentClass);
        }

        @Override
        public FeatureContext register(Object component) {
            registered.add(component);
            return this;
        }

        @Override
        public FeatureContext register(Object component, int priority) {
            return register(component);
        }

        @Override
        public FeatureContext register(Object component, Class<?>... contracts) {
            return register(component);
        }

        @Override
        public FeatureContext register(Object component, Map<Class<?>, Integer> contracts) {
            return register(component);
        }
    }
}
