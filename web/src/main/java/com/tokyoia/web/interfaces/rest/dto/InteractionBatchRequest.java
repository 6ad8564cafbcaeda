package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.List;

/** Body of POST /api/interactions: many interactions in one request, stored all or nothing. */
public record InteractionBatchRequest(@NotEmpty List<@Valid @NotNull Interaction> interactions) {

    public record Interaction(
            String workflowId,
            @NotNull String fromAgentId,
            @NotNull String toAgentId,
            @NotNull String kind,
            @PositiveOrZero Integer tokens,
            @PositiveOrZero Integer latencyMs,
            @NotNull Instant occurredAt) {
    }
}
