package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.agent.Agent;
import com.tokyoia.persistence.domain.agent.AgentStatus;
import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.repository.AgentRepository;
import com.tokyoia.web.application.Views.AgentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class AgentService {
    static final String CACHE = "agent";

    @Inject
    AgentRepository agents;
    @Inject
    ViewCache cache;
    @Inject
    AuditTrail audit;
    @Inject
    ApiSettings settings;
    @Inject
    Clock clock;

    public AgentView create(String name, String role, String model, AgentStatus status, String description) {
        requireFreeName(name, null);
        Agent agent = new Agent(name, role, model, status == null ? AgentStatus.ACTIVE : status, description, clock.instant());
        agents.add(agent);
        flush(name);
        audit.record("agent.created", "agent", agent.getId(), "name=" + name);
        return AgentView.of(agent);
    }

    public AgentView update(UUID id, String name, String role, String model, AgentStatus status, String description) {
        Agent agent = agents.find(id).orElseThrow(() -> new ResourceNotFoundException("agent", id, null));
        requireFreeName(name, id);
        String before = agent.getStatus().name();
        agent.update(name, role, model, status, description, clock.instant());
        flush(name);
        cache.evictAfterCommit(CACHE, id.toString());
        audit.record("agent.updated", "agent", id, "status " + before + "->" + status);
        return AgentView.of(agent);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Cached<AgentView> get(UUID id) {
        return cache.get(CACHE, id.toString(), settings.agentTtl(),
                () -> agents.find(id).map(AgentView::of), () -> new ResourceNotFoundException("agent", id, null));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AgentView> list(AgentStatus status, KeysetCursor after, int limit) {
        return agents.list(status, after, limit).map(AgentView::of);
    }

    /** Throws 404 naming {@code field} when the agent does not exist. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireExists(UUID id, String field) {
        if (id != null && agents.find(id).isEmpty()) {
            throw new ResourceNotFoundException("agent", id, field);
        }
    }

    private void requireFreeName(String name, UUID self) {
        if (agents.nameTaken(name, self)) {
            throw new ConflictException("name", "an agent named '" + name + "' already exists");
        }
    }

    private void flush(String name) {
        try {
            agents.flush();
        } catch (PersistenceException e) {
            // Lost a race with a concurrent create of the same name (unique constraint).
            throw new ConflictException("name", "an agent named '" + name + "' already exists");
        }
    }
}
