package com.tokyoia.etl.application.alerting;

import java.util.Map;
import java.util.Objects;

/**
 * Something that is wrong now: which alert, about what (the subject names one incident: a table,
 * a (step, table, day), "analytics"), what is wrong, what to do, and the facts behind it for machines.
 */
public record Finding(AlertKind kind, String subject, String summary, String action, Map<String, String> facts) {
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        facts = Map.copyOf(facts);
    }
}
