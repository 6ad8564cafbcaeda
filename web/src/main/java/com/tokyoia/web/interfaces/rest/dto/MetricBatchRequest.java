package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Body of POST /api/metrics: many points in one request, stored all or nothing. */
public record MetricBatchRequest(@NotEmpty List<@Valid @NotNull Point> points) {

    public record Point(
            @NotNull String agentId,
            @NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9_.:-]+", message = "may only contain letters, digits and _ . : -") String name,
            @NotNull Double value,
            @Size(max = 50) String unit,
            @NotNull Instant recordedAt) {
    }
}
