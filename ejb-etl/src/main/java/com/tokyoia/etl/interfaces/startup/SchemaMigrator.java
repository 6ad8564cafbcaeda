package com.tokyoia.etl.interfaces.startup;

import com.tokyoia.persistence.migration.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the schema while the EAR deploys, before anything else touches the database. A failed
 * migration fails the deployment: better no service than one on a half-migrated schema. Migrations
 * run as the schema's owner (TokyoIaOwnerDS, used for nothing else); the application's own
 * datasource connects as a role that may only read and write rows, which is granted here.
 */
@Singleton
@Startup
public class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "java:jboss/datasources/TokyoIaOwnerDS")
    DataSource ownerDataSource;
    @Resource(lookup = "java:jboss/datasources/TokyoIaDS")
    DataSource dataSource;

    // Flyway commits each migration itself; a surrounding JTA transaction would forbid that.
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        String appRole;
        try (Connection c = dataSource.getConnection()) {
            appRole = c.getMetaData().getUserName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect as the application's database role: " + e.getMessage(), e);
        }
        MigrateResult result = SchemaMigration.migrate(ownerDataSource, appRole);
        LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now); the application connects as " + appRole);
    }
}
