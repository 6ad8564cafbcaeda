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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class InteractionRepository {
    private static final int CHUNK = 5_000;

    @PersistenceContext(unitName = "hot")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/TokyoIaDS")
    DataSource dataSource;

    /** Inserts all events in the caller's transaction, in array-bound chunks (see MetricRepository). */
    public void addAll(List<InteractionEvent> events) {
        String sql = "INSERT INTO agent_interactions (workflow_id, from_agent_id, to_agent_id, kind, tokens, latency_ms, occurred_at) "
                + "SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::int4[], ?::int4[], ?::text[]::timestamptz[])";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int start = 0; start < events.size(); start += CHUNK) {
                List<InteractionEvent> chunk = events.subList(start, Math.min(events.size(), start + CHUNK));
                int n = chunk.size();
                UUID[] workflows = new UUID[n];
                UUID[] from = new UUID[n];
                UUID[] to = new UUID[n];
                String[] kinds = new String[n];
                Integer[] tokens = new Integer[n];
                Integer[] latencies = new Integer[n];
                String[] times = new String[n];
                for (int i = 0; i < n; i++) {
                    InteractionEvent e = chunk.get(i);
                    workflows[i] = e.workflowId();
                    from[i] = e.fromAgentId();
                    to[i] = e.toAgentId();
                    kinds[i] = e.kind().name();
                    tokens[i] = e.tokens();
                    latencies[i] = e.latencyMs();
                    times[i] = e.occurredAt().toString();
                }
                insert.setArray(1, connection.createArrayOf("uuid", workflows));
                insert.setArray(2, connection.createArrayOf("uuid", from));
                insert.setArray(3, connection.createArrayOf("uuid", to));
                insert.setArray(4, connection.createArrayOf("text", kinds));
                insert.setArray(5, connection.createArrayOf("int4", tokens));
                insert.setArray(6, connection.createArrayOf("int4", latencies));
                insert.setArray(7, connection.createArrayOf("text", times));
                insert.executeUpdate();
            }
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
