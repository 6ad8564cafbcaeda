package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /api/etl/backfill (from required) and /api/etl/reconcile: days [from, to] inclusive,
 * optional comma list of tables (default every exported table).
 */
public record BackfillRequest(
        @Schema(format = "date") @Pattern(regexp = Constraints.DAY, message = Constraints.NOT_DAY) String from,
        @Schema(format = "date") @Pattern(regexp = Constraints.DAY, message = Constraints.NOT_DAY) String to,
        @Size(max = 200) @Pattern(regexp = "^[a-z_, ]*$", message = "is a comma list of table names") String tables) {
}
