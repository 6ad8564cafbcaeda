package com.tokyoia.persistence.migration;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
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

    /**
     * Migrates as the schema's owner, then gives the application's role its rights (DatabaseGrants).
     * The same role for both (a database without the split) gets no grants: it owns everything.
     */
    public static MigrateResult migrate(DataSource owner, String appRole) {
        MigrateResult result = migrate(owner);
        try (Connection c = owner.getConnection()) {
            if (!appRole.equals(c.getMetaData().getUserName()) && !DatabaseGrants.grantApplicationRole(c, appRole)) {
                throw new FlywayException("the application's database role " + appRole + " does not exist: create it "
                        + "(./tokyo-ia up does, see tools/db-roles.sql) before deploying");
            }
        } catch (SQLException e) {
            throw new FlywayException("could not grant the application's database role " + appRole + " its rights: "
                    + e.getMessage(), e);
        }
        return result;
    }

    /** Migrates as whoever the data source connects as, granting nothing (tools on their own database). */
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
