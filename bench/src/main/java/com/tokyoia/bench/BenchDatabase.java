package com.tokyoia.bench;

import com.tokyoia.persistence.migration.SchemaMigration;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The benchmark database, migrated, behind a connection pool as the server's datasource is: a new
 * PostgreSQL connection costs ~40 ms on these machines, which an unpooled benchmark would measure
 * on every call instead of the code under test.
 */
final class BenchDatabase {
    private BenchDatabase() {
    }

    static HikariDataSource open() {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(System.getenv().getOrDefault("TOKYOIA_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_bench"));
        ds.setUsername(System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER", "postgres"));
        ds.setPassword(System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER_PASSWORD", "postgres"));
        ds.setMaximumPoolSize(8);
        SchemaMigration.migrate(ds);
        return ds;
    }
}
