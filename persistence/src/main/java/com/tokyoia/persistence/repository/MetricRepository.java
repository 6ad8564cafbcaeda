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
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class MetricRepository {
    private static final UnnestInsert<MetricPoint> INSERT = new UnnestInsert<>("agent_metrics", List.of(
            UnnestInsert.Column.of("agent_id", "uuid", MetricPoint::agentId),
            UnnestInsert.Column.of("metric_name", "text", MetricPoint::name),
            UnnestInsert.Column.of("metric_value", "float8", MetricPoint::value),
            UnnestInsert.Column.of("unit", "text", MetricPoint::unit),
            new UnnestInsert.Column<>("recorded_at", "text", "text[]::timestamptz[]", p -> p.recordedAt().toString())));

    @PersistenceContext(unitName = "hot")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/TokyoIaDS")
    DataSource dataSource;

    /** Inserts all points in the caller's transaction: a 10,000-point batch is two statements. */
    public void addAll(List<MetricPoint> points) {
        try {
            INSERT.insertAll(dataSource, points);
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
