package com.tokyoia.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The lake's object store (a bucket request or a directory check, free): degraded, never down, when unreachable. */
@Readiness
@ApplicationScoped
public class LakeStoreReadinessCheck implements HealthCheck {
    public static final String NAME = "lake-store";

    @Inject
    DependencyProbes probes;

    @Override
    public HealthCheckResponse call() {
        return DegradableDependency.report(NAME, probes, "exports, retention and cold reads wait; the hot API keeps serving");
    }
}
