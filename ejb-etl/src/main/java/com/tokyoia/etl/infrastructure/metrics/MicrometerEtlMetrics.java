package com.tokyoia.etl.infrastructure.metrics;

import com.tokyoia.etl.application.port.EtlMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The export meters on WildFly's Micrometer registry (Prometheus at /metrics):
 * tokyoia_etl_exported_rows_total{table}, tokyoia_etl_exported_bytes_total{table},
 * tokyoia_etl_export_seconds{table} (count, sum, max) and tokyoia_etl_export_errors_total{table}.
 */
public final class MicrometerEtlMetrics implements EtlMetrics {
    private final MeterRegistry registry;

    public MicrometerEtlMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void exported(String table, long rows, long bytes, long millis) {
        registry.counter("tokyoia.etl.exported.rows", "table", table).increment(rows);
        registry.counter("tokyoia.etl.exported.bytes", "table", table).increment(bytes);
        registry.timer("tokyoia.etl.export", "table", table).record(Duration.ofMillis(millis));
    }

    @Override
    public void failed(String table) {
        registry.counter("tokyoia.etl.export.errors", "table", table).increment();
    }
}
