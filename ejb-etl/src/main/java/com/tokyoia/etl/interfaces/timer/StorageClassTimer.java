package com.tokyoia.etl.interfaces.timer;

import com.tokyoia.etl.application.EtlOperations;
import com.tokyoia.etl.application.JobAlreadyRunningException;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the storage-class refresh at 05:00 UTC, after retention; persistent, once per cluster. Only starts the job. */
@Singleton
public class StorageClassTimer {
    private static final Logger LOG = Logger.getLogger(StorageClassTimer.class.getName());

    @Inject
    EtlOperations operations;

    @Schedule(hour = "5", minute = "0", timezone = "UTC", persistent = true, info = "tokyo-ia storage classes")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void daily() {
        try {
            long execution = operations.startStorageRefresh("storage-class timer (05:00 UTC)");
            LOG.info(() -> "Started the storage-class refresh, job execution " + execution);
        } catch (JobAlreadyRunningException e) {
            LOG.info(() -> "Storage-class refresh not started: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not start the storage-class refresh", e);
        }
    }
}
