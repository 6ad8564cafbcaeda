package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.paging.TimeRange;
import com.tokyoia.persistence.domain.workflow.Workflow;
import com.tokyoia.persistence.domain.workflow.WorkflowStatus;
import com.tokyoia.persistence.repository.WorkflowRepository;
import com.tokyoia.web.application.Views.WorkflowView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class WorkflowService {
    static final String CACHE = "workflow";

    @Inject
    WorkflowRepository workflows;
    @Inject
    AgentService agents;
    @Inject
    ViewCache cache;
    @Inject
    AuditTrail audit;
    @Inject
    ApiSettings settings;
    @Inject
    Clock clock;

    public WorkflowView create(String name, UUID agentId) {
        agents.requireExists(agentId, "agentId");
        Workflow workflow = new Workflow(name, agentId, clock.instant());
        workflows.add(workflow);
        audit.record("workflow.created", "workflow", workflow.getId(), "name=" + name);
        return WorkflowView.of(workflow);
    }

    public WorkflowView transition(UUID id, WorkflowStatus target, String error) {
        Workflow workflow = workflows.findForUpdate(id).orElseThrow(() -> new ResourceNotFoundException("workflow", id, null));
        WorkflowStatus before = workflow.getStatus();
        workflow.transitionTo(target, error, clock.instant());
        cache.evictAfterCommit(CACHE, id.toString());
        audit.record("workflow.transition", "workflow", id, before + "->" + target);
        return WorkflowView.of(workflow);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Cached<WorkflowView> get(UUID id) {
        return cache.get(CACHE, id.toString(), settings.workflowTtl(),
                () -> workflows.find(id).map(WorkflowView::of), () -> new ResourceNotFoundException("workflow", id, null));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WorkflowView> list(TimeRange created, WorkflowStatus status, KeysetCursor after, int limit) {
        return workflows.list(created, status, after, limit).map(WorkflowView::of);
    }

    /** Loads a workflow for a task write: 404 naming {@code field} if absent, 409 if already finished. */
    public Workflow requireOpen(UUID id, String field) {
        Workflow workflow = workflows.find(id).orElseThrow(() -> new ResourceNotFoundException("workflow", id, field));
        if (workflow.getStatus().isTerminal()) {
            throw new ConflictException(field, "workflow " + id + " is " + workflow.getStatus() + " and takes no new tasks");
        }
        return workflow;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireExists(UUID id, String field) {
        if (id != null && workflows.find(id).isEmpty()) {
            throw new ResourceNotFoundException("workflow", id, field);
        }
    }
}
