package com.tokyoia.etl.interfaces.timer;

import com.tokyoia.etl.application.EtlOperations;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this node's storage gauges (bytes per table in PostgreSQL and in the lake, partition lag)
 * at most five minutes old. Not persistent: every node has its own gauges to keep, and a missed
 * run is made good by the next. The footprint is a few catalog and manifest queries.
 */
@Singleton
public class StorageGaugeTimer {
    private static final Logger LOG = Logger.getLogger(StorageGaugeTimer.class.getName());

    @Inject
    EtlOperations operations;

    @Schedule(hour = "*", minute = "*/5", timezone = "UTC", persistent = false, info = "tokyo-ia storage gauges")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void refresh() {
        try {
            operations.footprint();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not measure the storage footprint; the gauges keep their last values", e);
        }
    }
}
