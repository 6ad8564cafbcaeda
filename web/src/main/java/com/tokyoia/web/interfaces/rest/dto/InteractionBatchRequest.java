package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Body of POST /api/interactions: many interactions in one request, stored all or nothing. */
public record InteractionBatchRequest(@NotEmpty List<@Valid @NotNull Interaction> interactions) {

    public record Interaction(
            UUID workflowId,
            @NotNull UUID fromAgentId,
            @NotNull UUID toAgentId,
            @NotNull String kind,
            @PositiveOrZero Integer tokens,
            @PositiveOrZero Integer latencyMs,
            @NotNull Instant occurredAt) {
    }
}
