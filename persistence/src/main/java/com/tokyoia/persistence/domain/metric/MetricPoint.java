package com.tokyoia.persistence.domain.metric;

import java.time.Instant;
import java.util.UUID;

/** A metric point to ingest. */
public record MetricPoint(UUID agentId, String name, double value, String unit, Instant recordedAt) {
}
