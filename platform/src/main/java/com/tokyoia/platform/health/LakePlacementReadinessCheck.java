package com.tokyoia.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the manifest's proven days are in the store and catalog this deployment is configured
 * with: degraded, never down, when some are elsewhere (a deployment moved without its lake).
 */
@Readiness
@ApplicationScoped
public class LakePlacementReadinessCheck implements HealthCheck {
    public static final String NAME = "lake-placement";

    @Inject
    DependencyProbes probes;

    @Override
    public HealthCheckResponse call() {
        return DegradableDependency.report(NAME, probes, "analytics refuses the days kept elsewhere (409 naming them); "
                + "exports, retention and everything else go on in the configured store");
    }
}
