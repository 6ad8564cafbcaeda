package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.agent.Agent;
import com.tokyoia.persistence.domain.audit.AuditLogEntry;
import com.tokyoia.persistence.domain.interaction.AgentInteraction;
import com.tokyoia.persistence.domain.metric.AgentMetric;
import com.tokyoia.persistence.domain.session.UserSession;
import com.tokyoia.persistence.domain.task.AgentTask;
import com.tokyoia.persistence.domain.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Instant;

/** What the API returns for each entity; also the form agents and workflows take in the cache. */
public final class Views {
    private Views() {
    }

    public record AgentView(String id, String name, String role, String model, String status, String description,
                            Instant createdAt, Instant updatedAt, long version) {
        public static AgentView of(Agent a) {
            return new AgentView(a.getId().toString(), a.getName(), a.getRole(), a.getModel(), a.getStatus().name(),
                    a.getDescription(), a.getCreatedAt(), a.getUpdatedAt(), a.getVersion());
        }
    }

    public record WorkflowView(String id, String name, String agentId, String status, Instant createdAt,
                               Instant startedAt, Instant finishedAt, String errorMessage, Instant updatedAt,
                               long version) {
        public static WorkflowView of(Workflow w) {
            return new WorkflowView(w.getId().toString(), w.getName(),
                    w.getAgentId() == null ? null : w.getAgentId().toString(), w.getStatus().name(), w.getCreatedAt(),
                    w.getStartedAt(), w.getFinishedAt(), w.getErrorMessage(), w.getUpdatedAt(), w.getVersion());
        }
    }

    public record TaskView(String id, String workflowId, String agentId, String taskType, String status,
                           Instant createdAt, Instant startedAt, Instant completedAt, Integer tokensInput,
                           Integer tokensOutput, BigDecimal costUsd, Integer latencyMs, String errorMessage,
                           Instant updatedAt) {
        public static TaskView of(AgentTask t) {
            return new TaskView(t.getId().toString(), t.getWorkflowId().toString(), t.getAgentId().toString(),
                    t.getTaskType(), t.getStatus().name(), t.getCreatedAt(), t.getStartedAt(), t.getCompletedAt(),
                    t.getTokensInput(), t.getTokensOutput(), t.getCostUsd(), t.getLatencyMs(), t.getErrorMessage(),
                    t.getUpdatedAt());
        }
    }

    public record MetricView(long id, String agentId, String name, double value, String unit, Instant recordedAt) {
        public static MetricView of(AgentMetric m) {
            return new MetricView(m.getId(), m.getAgentId().toString(), m.getName(), m.getValue(), m.getUnit(),
                    m.getRecordedAt());
        }
    }

    public record InteractionView(long id, String workflowId, String fromAgentId, String toAgentId, String kind,
                                  Integer tokens, Integer latencyMs, Instant occurredAt) {
        public static InteractionView of(AgentInteraction i) {
            return new InteractionView(i.getId(), i.getWorkflowId() == null ? null : i.getWorkflowId().toString(),
                    i.getFromAgentId().toString(), i.getToAgentId().toString(), i.getKind().name(), i.getTokens(),
                    i.getLatencyMs(), i.getOccurredAt());
        }
    }

    public record SessionView(String id, String userId, String client, String status, Instant startedAt,
                              Instant lastHeartbeatAt, Instant endedAt) {
        public static SessionView of(UserSession s) {
            return new SessionView(s.getId().toString(), s.getUserId(), s.getClient(), s.getStatus().name(),
                    s.getStartedAt(), s.getLastHeartbeatAt(), s.getEndedAt());
        }
    }

    public record AuditEntryView(long id, Instant occurredAt, String actor, String action, String entityType, String entityId,
                                 String details) {
        public static AuditEntryView of(AuditLogEntry e) {
            return new AuditEntryView(e.getId(), e.getOccurredAt(), e.getActor(), e.getAction(), e.getEntityType(),
                    e.getEntityId(), e.getDetails());
        }
    }
}
