package com.tokyoia.persistence.domain.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A unit of work of an agent inside a workflow. Its day column (lake partition) is created_at. */
@Entity
@Table(name = "agent_tasks")
public class AgentTask {
    @Id
    private UUID id;
    @Column(name = "workflow_id", nullable = false, updatable = false)
    private UUID workflowId;
    @Column(name = "agent_id", nullable = false, updatable = false)
    private UUID agentId;
    @Column(name = "task_type", nullable = false, updatable = false)
    private String taskType;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TaskStatus status;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Column(name = "tokens_input")
    private Integer tokensInput;
    @Column(name = "tokens_output")
    private Integer tokensOutput;
    @Column(name = "cost_usd", precision = 14, scale = 6)
    private BigDecimal costUsd;
    @Column(name = "latency_ms")
    private Integer latencyMs;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected AgentTask() {
    }

    public AgentTask(UUID workflowId, UUID agentId, String taskType, Instant now) {
        this.id = UUID.randomUUID();
        this.workflowId = workflowId;
        this.agentId = agentId;
        this.taskType = taskType;
        this.status = TaskStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void start(Instant now) {
        status.checkTransitionTo(TaskStatus.RUNNING);
        status = TaskStatus.RUNNING;
        startedAt = now;
        updatedAt = now;
    }

    public void complete(TaskOutcome outcome, Instant now) {
        finish(TaskStatus.COMPLETED, outcome, now);
    }

    public void fail(TaskOutcome outcome, Instant now) {
        finish(TaskStatus.FAILED, outcome, now);
    }

    private void finish(TaskStatus target, TaskOutcome outcome, Instant now) {
        status.checkTransitionTo(target);
        status = target;
        completedAt = now;
        tokensInput = outcome.tokensInput();
        tokensOutput = outcome.tokensOutput();
        costUsd = outcome.costUsd();
        latencyMs = outcome.latencyMs();
        errorMessage = outcome.errorMessage();
        updatedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getWorkflowId() { return workflowId; }
    public UUID getAgentId() { return agentId; }
    public String getTaskType() { return taskType; }
    public TaskStatus getStatus() { return status; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getCompletedAt() { return completedAt; }
    public Integer getTokensInput() { return tokensInput; }
    public Integer getTokensOutput() { return tokensOutput; }
    public BigDecimal getCostUsd() { return costUsd; }
    public Integer getLatencyMs() { return latencyMs; }
    public String getErrorMessage() { return errorMessage; }
    public Instant getUpdatedAt() { return updatedAt; }
    public long getVersion() { return version; }
}
