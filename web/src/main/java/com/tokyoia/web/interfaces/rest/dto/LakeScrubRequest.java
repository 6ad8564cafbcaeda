package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/etl/scrub: which days' copies to check (from, to inclusive; default the whole lake). */
public record LakeScrubRequest(
        @Schema(format = "date") @Pattern(regexp = Constraints.DAY, message = Constraints.NOT_DAY) String from,
        @Schema(format = "date") @Pattern(regexp = Constraints.DAY, message = Constraints.NOT_DAY) String to) {
}
