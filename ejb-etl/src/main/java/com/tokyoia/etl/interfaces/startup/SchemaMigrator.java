package com.tokyoia.etl.interfaces.startup;

import com.tokyoia.persistence.migration.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the schema while the EAR deploys, before anything else touches the database. A failed
 * migration fails the deployment: better no service than one on a half-migrated schema.
 */
@Singleton
@Startup
public class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "java:jboss/datasources/TokyoIaDS")
    DataSource dataSource;

    // Flyway commits each migration itself; a surrounding JTA transaction would forbid that.
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        MigrateResult result = SchemaMigration.migrate(dataSource);
        LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }
}
