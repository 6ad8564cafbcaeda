package com.tokyoia.platform.health;

import java.io.IOException;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A dependency the hot API can serve without: always UP for readiness (the node stays in
 * rotation), with state "up" or "degraded" and why, so monitoring alerts on the state instead.
 */
final class DegradableDependency {
    private DegradableDependency() {
    }

    static HealthCheckResponse report(String name, DependencyProbes probes, String whatStopsWorking) {
        var response = HealthCheckResponse.named(name).up();
        var probe = probes.get(name);
        if (probe.isEmpty()) {
            return response.withData("state", "degraded").withData("error", "not started yet").build();
        }
        try {
            return response.withData("state", "up").withData("detail", probe.get().probe()).build();
        } catch (IOException | SQLException | RuntimeException e) {
            return response.withData("state", "degraded").withData("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .withData("impact", whatStopsWorking).build();
        }
    }
}
