package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.paging.TimeRange;
import com.tokyoia.persistence.domain.task.AgentTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class TaskRepository {
    @PersistenceContext(unitName = "hot")
    EntityManager em;

    public Optional<AgentTask> find(UUID id) {
        return Optional.ofNullable(em.find(AgentTask.class, id));
    }

    public Optional<AgentTask> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(AgentTask.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(AgentTask task) {
        em.persist(task);
    }

    public Page<AgentTask> list(UUID workflowId, UUID agentId, TimeRange created, KeysetCursor after, int limit) {
        var rows = new KeysetQuery("agent_tasks", "created_at", "id")
                .whereEquals("workflow_id", workflowId)
                .whereEquals("agent_id", agentId)
                .within(created)
                .after(after, after == null ? null : after.uuidId())
                .fetch(em, AgentTask.class, limit);
        return Page.of(rows, limit, t -> new KeysetCursor(t.getCreatedAt(), t.getId().toString()));
    }
}
