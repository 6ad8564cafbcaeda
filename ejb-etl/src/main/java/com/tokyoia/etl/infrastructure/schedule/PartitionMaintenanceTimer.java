package com.tokyoia.etl.infrastructure.schedule;

import com.tokyoia.persistence.partition.DayPartitions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps day partitions of the partitioned hot tables created ahead of time, so inserts never hit a
 * missing partition. Runs at deployment and daily; the timer is persistent (database timer store)
 * so in a cluster it fires on one node, and a run missed while the server was down fires on start.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class PartitionMaintenanceTimer {
    private static final Logger LOG = Logger.getLogger(PartitionMaintenanceTimer.class.getName());

    @Inject
    DayPartitions partitions;

    @Inject
    @ConfigProperty(name = "tokyoia.partitions.days-ahead", defaultValue = "7")
    int daysAhead;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void atDeployment() {
        ensureAhead();
    }

    @Schedule(hour = "0", minute = "15", timezone = "UTC", persistent = true, info = "tokyo-ia partition maintenance")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void daily() {
        ensureAhead();
    }

    private void ensureAhead() {
        int created = partitions.ensureWindow(0, daysAhead);
        LOG.info(() -> "Day partitions ensured through today+" + daysAhead + " (UTC): " + created + " created");
    }
}
