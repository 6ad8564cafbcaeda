package com.tokyoia.platform.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the cache without failing readiness: with Redis down every endpoint still answers
 * (uncached), so the service stays in rotation and the check says "degraded".
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {
    @Inject
    RedisCache cache;

    @Override
    public HealthCheckResponse call() {
        boolean reachable = cache.ping();
        CacheState state = cache.state();
        var response = HealthCheckResponse.named("redis").up()
                .withData("state", reachable ? "up" : "degraded")
                .withData("endpoint", state.endpoint())
                .withData("hits", state.hits())
                .withData("misses", state.misses());
        if (!reachable) {
            response.withData("since", String.valueOf(state.since()))
                    .withData("error", String.valueOf(state.lastError()));
        }
        return response.build();
    }
}
