package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.paging.TimeRange;
import com.tokyoia.persistence.domain.task.AgentTask;
import com.tokyoia.persistence.domain.task.TaskOutcome;
import com.tokyoia.persistence.partition.DayPartitions;
import com.tokyoia.persistence.repository.TaskRepository;
import com.tokyoia.web.application.Views.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class TaskService {
    @Inject
    TaskRepository tasks;
    @Inject
    WorkflowService workflows;
    @Inject
    AgentService agents;
    @Inject
    DayPartitions partitions;
    @Inject
    Clock clock;

    public TaskView create(UUID workflowId, UUID agentId, String taskType) {
        workflows.requireOpen(workflowId, "workflowId");
        agents.requireExists(agentId, "agentId");
        Instant now = clock.instant();
        partitions.ensure(DayPartitions.AGENT_TASKS, List.of(now.atZone(ZoneOffset.UTC).toLocalDate()));
        AgentTask task = new AgentTask(workflowId, agentId, taskType, now);
        tasks.add(task);
        return TaskView.of(task);
    }

    public TaskView start(UUID id) {
        AgentTask task = load(id);
        task.start(clock.instant());
        return TaskView.of(task);
    }

    public TaskView complete(UUID id, TaskOutcome outcome) {
        AgentTask task = load(id);
        task.complete(outcome, clock.instant());
        return TaskView.of(task);
    }

    public TaskView fail(UUID id, TaskOutcome outcome) {
        if (outcome.errorMessage() == null || outcome.errorMessage().isBlank()) {
            throw new InvalidInputException("errorMessage", "a failed task needs an errorMessage");
        }
        AgentTask task = load(id);
        task.fail(outcome, clock.instant());
        return TaskView.of(task);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TaskView get(UUID id) {
        return tasks.find(id).map(TaskView::of).orElseThrow(() -> new ResourceNotFoundException("task", id, null));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TaskView> list(UUID workflowId, UUID agentId, TimeRange created, KeysetCursor after, int limit) {
        return tasks.list(workflowId, agentId, created, after, limit).map(TaskView::of);
    }

    private AgentTask load(UUID id) {
        return tasks.findForUpdate(id).orElseThrow(() -> new ResourceNotFoundException("task", id, null));
    }
}
