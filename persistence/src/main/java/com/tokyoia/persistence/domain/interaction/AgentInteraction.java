package com.tokyoia.persistence.domain.interaction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One message between two agents; written in JDBC batches, read through JPA. Day column: occurred_at. */
@Entity
@Table(name = "agent_interactions")
public class AgentInteraction {
    @Id
    private Long id;
    @Column(name = "workflow_id")
    private UUID workflowId;
    @Column(name = "from_agent_id", nullable = false)
    private UUID fromAgentId;
    @Column(name = "to_agent_id", nullable = false)
    private UUID toAgentId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InteractionKind kind;
    private Integer tokens;
    @Column(name = "latency_ms")
    private Integer latencyMs;
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;
    @Column(name = "ingested_at", nullable = false)
    private Instant ingestedAt;

    protected AgentInteraction() {
    }

    public Long getId() { return id; }
    public UUID getWorkflowId() { return workflowId; }
    public UUID getFromAgentId() { return fromAgentId; }
    public UUID getToAgentId() { return toAgentId; }
    public InteractionKind getKind() { return kind; }
    public Integer getTokens() { return tokens; }
    public Integer getLatencyMs() { return latencyMs; }
    public Instant getOccurredAt() { return occurredAt; }
    public Instant getIngestedAt() { return ingestedAt; }
}
