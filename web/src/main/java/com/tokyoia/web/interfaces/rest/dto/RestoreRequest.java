package com.tokyoia.web.interfaces.rest.dto;

import com.tokyoia.lake.domain.lifecycle.RestoreTier;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /api/etl/restore: the days [from, to] (inclusive) and tables (optional, default all)
 * whose archived lake copies to bring back, how fast (tier) and for how many days.
 */
public record RestoreRequest(
        @NotNull @Schema(format = "date") @Pattern(regexp = Constraints.DAY, message = Constraints.NOT_DAY) String from,
        @Schema(format = "date") @Pattern(regexp = Constraints.DAY, message = Constraints.NOT_DAY) String to,
        @Size(max = 200) @Pattern(regexp = "^[a-z_, ]*$", message = "is a comma list of table names") String tables,
        @NotNull RestoreTier tier,
        @NotNull @Min(1) @Max(30) Integer days) {
}
