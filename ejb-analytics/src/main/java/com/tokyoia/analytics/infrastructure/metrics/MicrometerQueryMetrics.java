package com.tokyoia.analytics.infrastructure.metrics;

import com.tokyoia.analytics.application.port.QueryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The analytics meters on WildFly's Micrometer registry (Prometheus at /metrics):
 * tokyoia_analytics_query_seconds{engine,cache}, tokyoia_analytics_scanned_bytes_total{engine},
 * tokyoia_analytics_cost_usd_total{engine}, tokyoia_analytics_refused_total{reason},
 * tokyoia_analytics_errors_total{engine}.
 */
public final class MicrometerQueryMetrics implements QueryMetrics {
    private final MeterRegistry registry;

    public MicrometerQueryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(String engine, long durationMs, Long scannedBytes, BigDecimal costUsd, boolean cacheHit) {
        registry.timer("tokyoia.analytics.query", "engine", engine, "cache", cacheHit ? "hit" : "miss")
                .record(Duration.ofMillis(durationMs));
        if (scannedBytes != null) {
            registry.counter("tokyoia.analytics.scanned.bytes", "engine", engine).increment(scannedBytes);
        }
        registry.counter("tokyoia.analytics.cost.usd", "engine", engine).increment(costUsd.doubleValue());
    }

    @Override
    public void refused(String reason) {
        registry.counter("tokyoia.analytics.refused", "reason", reason).increment();
    }

    @Override
    public void failed(String engine) {
        registry.counter("tokyoia.analytics.errors", "engine", engine).increment();
    }
}
