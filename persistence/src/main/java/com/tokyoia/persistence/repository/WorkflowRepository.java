package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.paging.TimeRange;
import com.tokyoia.persistence.domain.workflow.Workflow;
import com.tokyoia.persistence.domain.workflow.WorkflowStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WorkflowRepository {
    @PersistenceContext(unitName = "hot")
    EntityManager em;

    public Optional<Workflow> find(UUID id) {
        return Optional.ofNullable(em.find(Workflow.class, id));
    }

    /** Row-locks the workflow so two concurrent transitions are decided one after the other. */
    public Optional<Workflow> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(Workflow.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(Workflow workflow) {
        em.persist(workflow);
    }

    public Page<Workflow> list(TimeRange created, WorkflowStatus status, KeysetCursor after, int limit) {
        var rows = new KeysetQuery("workflows", "created_at", "id")
                .whereEquals("status", status == null ? null : status.name())
                .within(created)
                .after(after, after == null ? null : after.uuidId())
                .fetch(em, Workflow.class, limit);
        return Page.of(rows, limit, w -> new KeysetCursor(w.getCreatedAt(), w.getId().toString()));
    }
}
