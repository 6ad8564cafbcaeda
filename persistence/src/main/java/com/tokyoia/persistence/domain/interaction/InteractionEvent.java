package com.tokyoia.persistence.domain.interaction;

import java.time.Instant;
import java.util.UUID;

/** An interaction to ingest. */
public record InteractionEvent(UUID workflowId, UUID fromAgentId, UUID toAgentId, InteractionKind kind,
                               Integer tokens, Integer latencyMs, Instant occurredAt) {
}
