package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.agent.Agent;
import com.tokyoia.persistence.domain.agent.AgentStatus;
import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class AgentRepository {
    @PersistenceContext(unitName = "hot")
    EntityManager em;

    public Optional<Agent> find(UUID id) {
        return Optional.ofNullable(em.find(Agent.class, id));
    }

    public void add(Agent agent) {
        em.persist(agent);
    }

    /** Sends pending changes now, so a constraint violation surfaces inside the caller's code. */
    public void flush() {
        em.flush();
    }

    public boolean nameTaken(String name, UUID exceptId) {
        return !em.createQuery("SELECT a.id FROM Agent a WHERE a.name = :name AND a.id <> :except", UUID.class)
                .setParameter("name", name)
                .setParameter("except", exceptId == null ? new UUID(0, 0) : exceptId)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    /** Which of the given ids name no agent (for validating references in ingest batches). */
    public Set<UUID> missing(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<UUID> missing = new HashSet<>(ids);
        missing.removeAll(em.createQuery("SELECT a.id FROM Agent a WHERE a.id IN :ids", UUID.class)
                .setParameter("ids", ids).getResultList());
        return missing;
    }

    public Page<Agent> list(AgentStatus status, KeysetCursor after, int limit) {
        var rows = new KeysetQuery("agents", "created_at", "id")
                .whereEquals("status", status == null ? null : status.name())
                .after(after, after == null ? null : after.uuidId())
                .fetch(em, Agent.class, limit);
        return Page.of(rows, limit, a -> new KeysetCursor(a.getCreatedAt(), a.getId().toString()));
    }
}
