package com.tokyoia.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The cold engine, probed without a paid query (DuckDB in process, Trino's /v1/info, Athena's
 * GetWorkGroup): degraded, never down, when unreachable.
 */
@Readiness
@ApplicationScoped
public class ColdEngineReadinessCheck implements HealthCheck {
    public static final String NAME = "cold-engine";

    @Inject
    DependencyProbes probes;

    @Override
    public HealthCheckResponse call() {
        return DegradableDependency.report(NAME, probes, "questions over lake days are refused with 502; hot-only questions answer");
    }
}
