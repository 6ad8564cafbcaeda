package com.tokyoia.etl.interfaces.timer;

import com.tokyoia.etl.application.alerting.AlertEvaluator;
import com.tokyoia.etl.application.alerting.AlertKind;
import com.tokyoia.etl.application.alerting.AlertOperations;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks the periodic alerts: the cost spike hourly, the partition lag and storage quotas daily at
 * 03:30 UTC (after the nightly export). Persistent, so once per cluster; the checks are a few
 * queries on PostgreSQL, no batch job. The incident log makes a check repeated on another node or
 * after a restart announce nothing twice.
 */
@Singleton
public class AlertTimer {
    private static final Logger LOG = Logger.getLogger(AlertTimer.class.getName());

    @Inject
    AlertOperations alerts;

    @Schedule(hour = "*", minute = "7", timezone = "UTC", persistent = true, info = "tokyo-ia hourly alerts")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void hourly() {
        check(AlertOperations.HOURLY);
    }

    @Schedule(hour = "3", minute = "30", timezone = "UTC", persistent = true, info = "tokyo-ia daily alerts")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void daily() {
        check(AlertOperations.DAILY);
    }

    private void check(Set<AlertKind> kinds) {
        try {
            AlertEvaluator.Evaluation result = alerts.check(kinds);
            LOG.info(() -> "Alerts checked " + result.checked() + ": " + result.holding().size() + " holding, " + result.opened().size()
                    + " opened, " + result.cleared().size() + " cleared" + (result.errors().isEmpty() ? "" : ", errors " + result.errors()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not check the alerts " + kinds, e);
        }
    }
}
