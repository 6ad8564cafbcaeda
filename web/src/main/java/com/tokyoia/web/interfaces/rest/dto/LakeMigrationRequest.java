package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /api/etl/lake/migrations: where the lake moves to (target: file:///dir or
 * s3://bucket/prefix), the catalog that will describe it there (none, trino, glue; default none),
 * and optionally which days (from, to inclusive; default the whole lake).
 */
public record LakeMigrationRequest(
        @NotNull @Size(max = 1024) @Schema(example = "s3://tokyo-ia-lake/lake") String target,
        @Pattern(regexp = "^(none|trino|glue)$", message = "must be none, trino or glue") String catalog,
        @Schema(format = "date") @Pattern(regexp = Constraints.DAY, message = Constraints.NOT_DAY) String from,
        @Schema(format = "date") @Pattern(regexp = Constraints.DAY, message = Constraints.NOT_DAY) String to) {
}
