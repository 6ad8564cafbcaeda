package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.interaction.InteractionEvent;
import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.paging.TimeRange;
import com.tokyoia.persistence.partition.DayPartitions;
import com.tokyoia.persistence.repository.AgentRepository;
import com.tokyoia.persistence.repository.InteractionRepository;
import com.tokyoia.web.application.Views.InteractionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class InteractionService {
    @Inject
    InteractionRepository interactions;
    @Inject
    AgentRepository agents;
    @Inject
    WorkflowService workflows;
    @Inject
    DayPartitions partitions;

    /** Stores the whole batch or nothing. */
    public int ingest(List<InteractionEvent> events) {
        Set<UUID> agentIds = new HashSet<>();
        Set<UUID> workflowIds = new HashSet<>();
        events.forEach(e -> {
            agentIds.add(e.fromAgentId());
            agentIds.add(e.toAgentId());
            if (e.workflowId() != null) {
                workflowIds.add(e.workflowId());
            }
        });
        Set<UUID> missing = agents.missing(agentIds);
        for (int i = 0; i < events.size() && !missing.isEmpty(); i++) {
            InteractionEvent e = events.get(i);
            if (missing.contains(e.fromAgentId())) {
                throw new ResourceNotFoundException("agent", e.fromAgentId(), "interactions[" + i + "].fromAgentId");
            }
            if (missing.contains(e.toAgentId())) {
                throw new ResourceNotFoundException("agent", e.toAgentId(), "interactions[" + i + "].toAgentId");
            }
        }
        for (int i = 0; i < events.size(); i++) {
            UUID workflowId = events.get(i).workflowId();
            if (workflowId != null && workflowIds.remove(workflowId)) {
                workflows.requireExists(workflowId, "interactions[" + i + "].workflowId");
            }
        }
        Set<LocalDate> days = new TreeSet<>();
        events.forEach(e -> days.add(e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate()));
        partitions.ensure(DayPartitions.AGENT_INTERACTIONS, days);
        interactions.addAll(events);
        return events.size();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<InteractionView> list(UUID agentId, TimeRange occurred, KeysetCursor after, int limit) {
        return interactions.list(agentId, occurred, after, limit).map(InteractionView::of);
    }
}
