package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.interaction.AgentInteraction;
import com.tokyoia.persistence.domain.interaction.InteractionEvent;
import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.paging.TimeRange;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class InteractionRepository {
    private static final UnnestInsert<InteractionEvent> INSERT = new UnnestInsert<>("agent_interactions", List.of(
            UnnestInsert.Column.of("workflow_id", "uuid", InteractionEvent::workflowId),
            UnnestInsert.Column.of("from_agent_id", "uuid", InteractionEvent::fromAgentId),
            UnnestInsert.Column.of("to_agent_id", "uuid", InteractionEvent::toAgentId),
            UnnestInsert.Column.of("kind", "text", e -> e.kind().name()),
            UnnestInsert.Column.of("tokens", "int4", InteractionEvent::tokens),
            UnnestInsert.Column.of("latency_ms", "int4", InteractionEvent::latencyMs),
            new UnnestInsert.Column<>("occurred_at", "text", "text[]::timestamptz[]", e -> e.occurredAt().toString())));

    @PersistenceContext(unitName = "hot")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/TokyoIaDS")
    DataSource dataSource;

    /** Inserts all events in the caller's transaction, in array-bound chunks. */
    public void addAll(List<InteractionEvent> events) {
        try {
            INSERT.insertAll(dataSource, events);
        } catch (SQLException e) {
            throw new IllegalStateException("interaction batch insert failed", e);
        }
    }

    /** Interactions in the range; with an agent, those it sent or received. */
    public Page<AgentInteraction> list(UUID agentId, TimeRange occurred, KeysetCursor after, int limit) {
        KeysetQuery query = new KeysetQuery("agent_interactions", "occurred_at", "id");
        if (agentId != null) {
            query.where("(from_agent_id = ? OR to_agent_id = ?)", agentId, agentId);
        }
        var rows = query.within(occurred)
                .after(after, after == null ? null : after.longId())
                .fetch(em, AgentInteraction.class, limit);
        return Page.of(rows, limit, i -> new KeysetCursor(i.getOccurredAt(), i.getId().toString()));
    }
}
