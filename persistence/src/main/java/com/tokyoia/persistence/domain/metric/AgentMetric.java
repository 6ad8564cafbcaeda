package com.tokyoia.persistence.domain.metric;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One metric point of an agent. Points are immutable; they are written in JDBC batches by
 * {@link com.tokyoia.persistence.repository.MetricRepository} (one request carries thousands) and
 * read through JPA. Day column: recorded_at.
 */
@Entity
@Table(name = "agent_metrics")
public class AgentMetric {
    @Id
    private Long id;
    @Column(name = "agent_id", nullable = false)
    private UUID agentId;
    @Column(name = "metric_name", nullable = false)
    private String name;
    @Column(name = "metric_value", nullable = false)
    private double value;
    private String unit;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;
    @Column(name = "ingested_at", nullable = false)
    private Instant ingestedAt;

    protected AgentMetric() {
    }

    public Long getId() { return id; }
    public UUID getAgentId() { return agentId; }
    public String getName() { return name; }
    public double getValue() { return value; }
    public String getUnit() { return unit; }
    public Instant getRecordedAt() { return recordedAt; }
    public Instant getIngestedAt() { return ingestedAt; }
}
