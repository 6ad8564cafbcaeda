package com.tokyoia.etl.application.alerting;

import com.tokyoia.etl.application.port.IncidentLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Incidents of one process only (tools and tests): a restart forgets them, so it announces them again. */
final class InMemoryIncidentLog implements IncidentLog {
    private final List<Incident> incidents = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public synchronized Optional<Incident> open(Finding finding, Instant now) {
        Optional<Incident> existing = find(finding.kind(), finding.subject());
        if (existing.isPresent()) {
            replace(existing.get(), new Incident(existing.get().id(), finding.kind(), finding.subject(), finding.summary(),
                    finding.action(), existing.get().openedAt(), null, now));
            return Optional.empty();
        }
        Incident incident = new Incident(ids.incrementAndGet(), finding.kind(), finding.subject(), finding.summary(), finding.action(),
                now, null, now);
        incidents.add(incident);
        return Optional.of(incident);
    }

    @Override
    public synchronized Optional<Incident> clear(AlertKind kind, String subject, Instant now) {
        return find(kind, subject).map(open -> {
            Incident cleared = new Incident(open.id(), kind, subject, open.summary(), open.action(), open.openedAt(), now,
                    open.lastSeenAt());
            replace(open, cleared);
            return cleared;
        });
    }

    @Override
    public synchronized List<Incident> openOf(AlertKind kind) {
        return incidents.stream().filter(i -> i.isOpen() && i.kind() == kind).toList();
    }

    @Override
    public synchronized List<Incident> recent(int limit) {
        return incidents.stream().sorted(Comparator.comparing(Incident::isOpen).reversed()
                .thenComparing(Incident::id, Comparator.reverseOrder())).limit(limit).toList();
    }

    private Optional<Incident> find(AlertKind kind, String subject) {
        return incidents.stream().filter(i -> i.isOpen() && i.kind() == kind && i.subject().equals(subject)).findFirst();
    }

    private void replace(Incident old, Incident updated) {
        incidents.set(incidents.indexOf(old), updated);
    }
}
