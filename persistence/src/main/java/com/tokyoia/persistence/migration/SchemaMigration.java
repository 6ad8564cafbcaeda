package com.tokyoia.persistence.migration;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the hot schema to the latest version with the versioned SQL scripts in
 * {@code db/migration}. Flyway takes a database lock, so several nodes starting together migrate
 * once.
 */
public final class SchemaMigration {
    public static final String LOCATION = "classpath:db/migration";

    private SchemaMigration() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .baselineOnMigrate(false)
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
