package com.tokyoia.etl.application.alerting;

import java.time.Instant;
import java.util.Map;

/** What the channels send: an incident that just opened (what is wrong and what to do) or just cleared. */
public record Notice(State state, Incident incident, Map<String, String> facts, Instant at) {
    public enum State { OPENED, CLEARED }

    public Notice {
        facts = Map.copyOf(facts);
    }

    public String title() {
        String verb = state == State.OPENED ? "" : "cleared: ";
        return "[tokyo-ia] " + verb + incident.kind().spelling() + " " + incident.subject();
    }

    /** A fact of the finding (for example table, day, executionId), or null. */
    public String fact(String name) {
        return facts.get(name);
    }
}
