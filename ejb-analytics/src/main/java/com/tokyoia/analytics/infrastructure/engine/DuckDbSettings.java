package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.platform.config.ConfigReader;

/**
 * What the embedded DuckDB may take of the server (tokyoia.analytics.duckdb.*): its memory (left to
 * itself it takes 80% of the machine's, beside WildFly's heap), its threads, and how long one query
 * may run before DuckDB cancels it. A query that needs more memory than the limit spills to DuckDB's
 * temporary directory or fails as a query, not the server.
 */
public record DuckDbSettings(int memoryLimitMib, int threads, int queryTimeoutSeconds) {
    /** For tools and tests outside the server: small, on every core, and a query may take ten minutes. */
    public static final DuckDbSettings DEFAULTS = new DuckDbSettings(512, Runtime.getRuntime().availableProcessors(), 600);

    public DuckDbSettings {
        if (memoryLimitMib < 16 || threads < 1 || queryTimeoutSeconds < 1) {
            throw new IllegalArgumentException("DuckDB needs at least 16 MiB, one thread and a query timeout of a second");
        }
    }

    public static DuckDbSettings from(ConfigReader config) {
        return new DuckDbSettings(config.integer("tokyoia.analytics.duckdb.memory-limit-mb", 16, 1 << 20),
                config.integer("tokyoia.analytics.duckdb.threads", 1, 1024),
                config.integer("tokyoia.analytics.duckdb.query-timeout-seconds", 1, 86_400));
    }
}
