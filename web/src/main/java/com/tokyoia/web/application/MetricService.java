package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.metric.MetricPoint;
import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.paging.TimeRange;
import com.tokyoia.persistence.partition.DayPartitions;
import com.tokyoia.persistence.repository.AgentRepository;
import com.tokyoia.persistence.repository.MetricRepository;
import com.tokyoia.web.application.Views.MetricView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class MetricService {
    @Inject
    MetricRepository metrics;
    @Inject
    AgentRepository agents;
    @Inject
    DayPartitions partitions;

    /** Stores the whole batch or nothing: an unknown agent anywhere rejects every point. */
    public int ingest(List<MetricPoint> points) {
        Set<UUID> agentIds = new LinkedHashSet<>();
        points.forEach(p -> agentIds.add(p.agentId()));
        Set<UUID> missing = agents.missing(agentIds);
        if (!missing.isEmpty()) {
            for (int i = 0; i < points.size(); i++) {
                if (missing.contains(points.get(i).agentId())) {
                    throw new ResourceNotFoundException("agent", points.get(i).agentId(), "points[" + i + "].agentId");
                }
            }
        }
        Set<LocalDate> days = new TreeSet<>();
        points.forEach(p -> days.add(p.recordedAt().atZone(ZoneOffset.UTC).toLocalDate()));
        partitions.ensure(DayPartitions.AGENT_METRICS, days);
        metrics.addAll(points);
        return points.size();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MetricView> list(UUID agentId, String name, TimeRange recorded, KeysetCursor after, int limit) {
        return metrics.list(agentId, name, recorded, after, limit).map(MetricView::of);
    }
}
