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
                // WildFly's timer store and batch repository create their tables in the same
                // database at boot, before the EAR deploys; baseline below V1 so those don't block
                // the first migration (our own tables, if present without history, still fail V1).
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("server tables present before the first migration")
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
