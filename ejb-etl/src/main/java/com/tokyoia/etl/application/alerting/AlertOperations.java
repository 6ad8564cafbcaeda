package com.tokyoia.etl.application.alerting;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The alerts for the API and the timers: check them now, and list incidents. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertOperations {
    /** Checked hourly. */
    public static final Set<AlertKind> HOURLY = Collections.unmodifiableSet(EnumSet.of(AlertKind.COST_SPIKE));
    /** Checked daily, after the nightly export. */
    public static final Set<AlertKind> DAILY = Collections.unmodifiableSet(EnumSet.of(AlertKind.PARTITION_LAG, AlertKind.STORAGE_QUOTA));
    /** Every alert a timer checks; the others open the moment a step fails. */
    public static final Set<AlertKind> PERIODIC = periodic();

    @Inject
    AlertEvaluator evaluator;
    @Inject
    Alerts alerts;

    public AlertEvaluator.Evaluation check(Set<AlertKind> kinds) {
        return evaluator.check(kinds);
    }

    public List<Incident> incidents(int limit) {
        return alerts.incidents().recent(limit);
    }

    private static Set<AlertKind> periodic() {
        Set<AlertKind> all = EnumSet.copyOf(HOURLY);
        all.addAll(DAILY);
        return Collections.unmodifiableSet(all);
    }
}
