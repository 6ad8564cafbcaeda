package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/metrics: many points in one request, stored all or nothing. */
public record MetricBatchRequest(@NotEmpty List<@Valid @NotNull Point> points) {
    /** A metric's name is a token (letters, digits, _ . : -); its value a finite number. */
    public static final String NAME = "^[A-Za-z0-9_.:-]+$";

    public record Point(
            @NotNull @Schema(format = "uuid", pattern = Constraints.UUID) String agentId,
            @NotBlank @Size(max = 200) @Pattern(regexp = NAME, message = "may only contain letters, digits and _ . : -") String name,
            @NotNull @Finite Double value,
            @Size(max = 50) @Pattern(regexp = Constraints.SINGLE_LINE, message = Constraints.NO_CONTROL) String unit,
            @NotNull Instant recordedAt) {
    }
}
