package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/interactions: many interactions in one request, stored all or nothing. */
public record InteractionBatchRequest(@NotEmpty List<@Valid @NotNull Interaction> interactions) {
    public record Interaction(
            @Schema(format = "uuid", pattern = Constraints.UUID) String workflowId,
            @NotNull @Schema(format = "uuid", pattern = Constraints.UUID) String fromAgentId,
            @NotNull @Schema(format = "uuid", pattern = Constraints.UUID) String toAgentId,
            @NotNull @Schema(enumeration = {"REQUEST", "RESPONSE", "DELEGATION", "BROADCAST"}) String kind,
            @PositiveOrZero Integer tokens,
            @PositiveOrZero Integer latencyMs,
            @NotNull Instant occurredAt) {
    }
}
