package com.tokyoia.web.interfaces.rest.dto;

import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/etl/lake/publish: which days to register in the catalog again (from, to inclusive; default all). */
public record LakePublishRequest(
        @Schema(format = "date") @Pattern(regexp = Constraints.DAY, message = Constraints.NOT_DAY) String from,
        @Schema(format = "date") @Pattern(regexp = Constraints.DAY, message = Constraints.NOT_DAY) String to) {
}
