package com.tokyoia.persistence.domain.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "workflows")
public class Workflow {
    @Id
    private UUID id;
    @Column(nullable = false)
    private String name;
    @Column(name = "agent_id")
    private UUID agentId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private WorkflowStatus status;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Workflow() {
    }

    public Workflow(String name, UUID agentId, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.agentId = agentId;
        this.status = WorkflowStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Moves the workflow along its state machine, stamping start and finish times. */
    public void transitionTo(WorkflowStatus target, String error, Instant now) {
        status.checkTransitionTo(target);
        if (target == WorkflowStatus.RUNNING) {
            startedAt = now;
        }
        if (target.isTerminal()) {
            finishedAt = now;
        }
        if (target == WorkflowStatus.FAILED) {
            errorMessage = error;
        }
        status = target;
        updatedAt = now;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public UUID getAgentId() { return agentId; }
    public WorkflowStatus getStatus() { return status; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public String getErrorMessage() { return errorMessage; }
    public Instant getUpdatedAt() { return updatedAt; }
    public long getVersion() { return version; }
}
