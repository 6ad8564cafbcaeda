package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.platform.config.ConfigReader;

/**
 * What the embedded DuckDB may take of the server (tokyoia.analytics.duckdb.*): its memory (left to
 * itself it takes 80% of the machine's, beside WildFly's heap) and its threads. A query that needs
 * more memory than the limit spills to DuckDB's temporary directory or fails as a query, not the server.
 */
public record DuckDbSettings(int memoryLimitMib, int threads) {
    /** For tools and tests outside the server: small and on every core. */
    public static final DuckDbSettings DEFAULTS = new DuckDbSettings(512, Runtime.getRuntime().availableProcessors());

    public DuckDbSettings {
        if (memoryLimitMib < 16 || threads < 1) {
            throw new IllegalArgumentException("DuckDB needs at least 16 MiB and one thread");
        }
    }

    public static DuckDbSettings from(ConfigReader config) {
        return new DuckDbSettings(config.integer("tokyoia.analytics.duckdb.memory-limit-mb", 16, 1 << 20),
                config.integer("tokyoia.analytics.duckdb.threads", 1, 1024));
    }
}
