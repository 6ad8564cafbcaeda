package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.metric.AgentMetric;
import com.tokyoia.persistence.domain.metric.MetricPoint;
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
public class MetricRepository {
    /** Rows per INSERT statement: one statement with arrays beats thousands of single-row inserts. */
    private static final int CHUNK = 5_000;

    @PersistenceContext(unitName = "hot")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/TokyoIaDS")
    DataSource dataSource;

    /**
     * Inserts all points in the caller's transaction (the JTA connection is enlisted), as
     * {@code INSERT ... SELECT FROM unnest(arrays)}: a 10,000-point batch is two statements.
     */
    public void addAll(List<MetricPoint> points) {
        String sql = "INSERT INTO agent_metrics (agent_id, metric_name, metric_value, unit, recorded_at) "
                + "SELECT * FROM unnest(?::uuid[], ?::text[], ?::float8[], ?::text[], ?::text[]::timestamptz[])";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int start = 0; start < points.size(); start += CHUNK) {
                List<MetricPoint> chunk = points.subList(start, Math.min(points.size(), start + CHUNK));
                int n = chunk.size();
                UUID[] agents = new UUID[n];
                String[] names = new String[n];
                Double[] values = new Double[n];
                String[] units = new String[n];
                String[] times = new String[n];
                for (int i = 0; i < n; i++) {
                    MetricPoint p = chunk.get(i);
                    agents[i] = p.agentId();
                    names[i] = p.name();
                    values[i] = p.value();
                    units[i] = p.unit();
                    times[i] = p.recordedAt().toString();
                }
                insert.setArray(1, connection.createArrayOf("uuid", agents));
                insert.setArray(2, connection.createArrayOf("text", names));
                insert.setArray(3, connection.createArrayOf("float8", values));
                insert.setArray(4, connection.createArrayOf("text", units));
                insert.setArray(5, connection.createArrayOf("text", times));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("metric batch insert failed", e);
        }
    }

    public Page<AgentMetric> list(UUID agentId, String name, TimeRange recorded, KeysetCursor after, int limit) {
        var rows = new KeysetQuery("agent_metrics", "recorded_at", "id")
                .whereEquals("agent_id", agentId)
                .whereEquals("metric_name", name)
                .within(recorded)
                .after(after, after == null ? null : after.longId())
                .fetch(em, AgentMetric.class, limit);
        return Page.of(rows, limit, m -> new KeysetCursor(m.getRecordedAt(), m.getId().toString()));
    }
}
