package com.tokyoia.etl.interfaces.startup;

import com.tokyoia.etl.application.LakePlacementCheck;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At deployment, once the schema is migrated: are the manifest's proven days where this deployment
 * is configured to keep them? A mismatch is logged once here (and readiness shows it as degraded)
 * rather than found by the first analytics question that needs those days.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class LakePlacementStartup {
    private static final Logger LOG = Logger.getLogger(LakePlacementStartup.class.getName());

    @Inject
    LakePlacementCheck check;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void atDeployment() {
        try {
            LOG.info(check.probe());
        } catch (IllegalStateException e) {
            // The check has logged the mismatch itself.
            LOG.fine(e::getMessage);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not compare the manifest's days with the configured lake; readiness keeps trying", e);
        }
    }
}
