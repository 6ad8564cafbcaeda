package com.tokyoia.etl.interfaces.timer;

import com.tokyoia.persistence.partition.DayPartitions;
import com.tokyoia.persistence.partition.PartitionSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

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
    PartitionSettings settings;

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
        int created = partitions.ensureWindow(0, settings.daysAhead());
        LOG.info(() -> "Day partitions ensured through today+" + settings.daysAhead() + " (UTC): " + created + " created");
    }
}
