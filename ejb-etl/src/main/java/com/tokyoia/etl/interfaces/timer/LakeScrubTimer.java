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

/** Starts the lake's scrub at 06:00 UTC, after the storage-class refresh; persistent, once per cluster. Only starts the job. */
@Singleton
public class LakeScrubTimer {
    private static final Logger LOG = Logger.getLogger(LakeScrubTimer.class.getName());

    @Inject
    EtlOperations operations;

    @Schedule(hour = "6", minute = "0", timezone = "UTC", persistent = true, info = "tokyo-ia lake scrub")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void daily() {
        try {
            long execution = operations.startScrub(null, null, "scrub timer (06:00 UTC)");
            LOG.info(() -> "Started the lake's scrub, job execution " + execution);
        } catch (JobAlreadyRunningException e) {
            LOG.info(() -> "Lake scrub not started: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not start the lake's scrub", e);
        }
    }
}
