package com.tokyoia.etl.application.alerting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks the periodic alerts: opens an incident for each new finding, clears each open incident
 * whose finding no longer holds. A check that cannot run (its database unreachable) neither opens
 * nor clears anything.
 */
public final class AlertEvaluator {
    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class.getName());
    private final Alerts alerts;
    private final List<AlertCondition> conditions;
    private final Clock clock;

    public AlertEvaluator(Alerts alerts, List<AlertCondition> conditions, Clock clock) {
        this.alerts = alerts;
        this.conditions = List.copyOf(conditions);
        this.clock = clock;
    }

    public Evaluation check(Set<AlertKind> kinds) {
        List<String> checked = new ArrayList<>();
        List<Finding> holding = new ArrayList<>();
        List<Incident> opened = new ArrayList<>();
        List<Incident> cleared = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Instant at = clock.instant();
        for (AlertCondition condition : conditions) {
            if (!kinds.contains(condition.kind())) {
                continue;
            }
            List<Finding> findings;
            try {
                findings = condition.check(at);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not check the alert " + condition.kind().spelling(), e);
                errors.add(condition.kind().spelling() + ": " + e.getMessage());
                continue;
            }
            checked.add(condition.kind().spelling());
            holding.addAll(findings);
            Set<String> subjects = new HashSet<>();
            for (Finding finding : findings) {
                subjects.add(finding.subject());
                alerts.raise(finding).ifPresent(opened::add);
            }
            for (Incident open : alerts.incidents().openOf(condition.kind())) {
                if (!subjects.contains(open.subject())) {
                    alerts.settle(open.kind(), open.subject()).ifPresent(cleared::add);
                }
            }
        }
        return new Evaluation(at, checked, holding, opened, cleared, errors);
    }

    /** What one check found: when (the server's clock), the alerts checked, what is wrong now, what opened and cleared, and the checks that could not run. */
    public record Evaluation(Instant at, List<String> checked, List<Finding> holding, List<Incident> opened, List<Incident> cleared,
                             List<String> errors) {
    }
}
