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

/**
 * Starts the retention job at 04:00 UTC, after the nightly export (02:00) has had two hours; a day
 * the export did not prove by then simply stays another night. Persistent: it fires on one node of
 * a cluster, and late after downtime. The timer only starts the batch job.
 */
@Singleton
public class RetentionTimer {
    private static final Logger LOG = Logger.getLogger(RetentionTimer.class.getName());

    @Inject
    EtlOperations operations;

    @Schedule(hour = "4", minute = "0", timezone = "UTC", persistent = true, info = "tokyo-ia nightly retention")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void nightly() {
        try {
            long execution = operations.startRetention("retention timer (04:00 UTC)");
            LOG.info(() -> "Started retention, job execution " + execution);
        } catch (JobAlreadyRunningException e) {
            LOG.info(() -> "Retention not started: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not start retention", e);
        }
    }
}
