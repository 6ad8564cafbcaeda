package com.tokyoia.etl.infrastructure.metrics;

import com.tokyoia.etl.application.footprint.LakeObjects;
import com.tokyoia.etl.application.footprint.TableFootprint;
import com.tokyoia.etl.application.port.EtlMetrics;
import com.tokyoia.lake.domain.lifecycle.StorageClass;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ETL meters on WildFly's Micrometer registry (Prometheus at /metrics):
 * tokyoia_etl_exported_rows_total{table}, tokyoia_etl_exported_bytes_total{table},
 * tokyoia_etl_export_seconds{table} (count, sum, max), tokyoia_etl_export_errors_total{table}, and
 * the gauges tokyoia_storage_postgresql_bytes{table}, tokyoia_storage_lake_bytes{table,storage_class}
 * and tokyoia_etl_partition_lag_days{table} (tables exported at least once).
 * <p>
 * Gauges go through {@code registry.gauge(name, tags, holder, fn)}: on WildFly 39 the deployment's
 * registry forwards only that call to the scraped registry ({@code Gauge.builder} registrations stay
 * in a private registry nobody scrapes, WFLY-21339). The registry holds the state object weakly, so
 * the holders are kept here; the gauge only reads the value the last footprint set, never the database.
 */
public final class MicrometerEtlMetrics implements EtlMetrics, AutoCloseable {
    private final MeterRegistry registry;
    private final Map<GaugeKey, Value> gauges = new ConcurrentHashMap<>();

    private record GaugeKey(String name, Tags tags) {
    }

    /** The number a gauge shows; NaN until first set. */
    private static final class Value {
        private volatile double value = Double.NaN;

        double get() {
            return value;
        }
    }

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

    @Override
    public void footprint(List<TableFootprint> tables) {
        for (TableFootprint table : tables) {
            set("tokyoia.storage.postgresql.bytes", Tags.of("table", table.table()), table.postgresBytes());
            // Every class of the table is set, 0 when it has none there, so a day moving class leaves no stale series.
            for (StorageClass storageClass : StorageClass.values()) {
                long bytes = table.lakeObjects().stream().filter(o -> o.storageClass() == storageClass).mapToLong(LakeObjects::bytes).sum();
                set("tokyoia.storage.lake.bytes", Tags.of("table", table.table(), "storage_class", storageClass.name().toLowerCase(Locale.ROOT)),
                        bytes);
            }
            if (table.lagDays() != null) {
                set("tokyoia.etl.partition.lag.days", Tags.of("table", table.table()), table.lagDays());
            }
        }
    }

    private void set(String name, Tags tags, double value) {
        gauges.computeIfAbsent(new GaugeKey(name, tags), key -> {
            Value holder = new Value();
            registry.gauge(key.name(), key.tags(), holder, Value::get);
            return holder;
        }).value = value;
    }

    /** Removes the gauges at undeployment: the server's registry outlives the deployment, and a stale gauge would read NaN forever. */
    @Override
    public void close() {
        gauges.keySet().forEach(key -> {
            Gauge gauge = registry.find(key.name()).tags(key.tags()).gauge();
            if (gauge != null) {
                registry.remove(gauge);
            }
        });
        gauges.clear();
    }
}
