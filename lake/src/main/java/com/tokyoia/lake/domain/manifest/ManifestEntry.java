package com.tokyoia.lake.domain.manifest;

import java.time.Instant;
import java.time.LocalDate;

/** One row of the export manifest: one (table, day, version) copy in the lake and its proofs. */
public record ManifestEntry(long id, String table, LocalDate day, int version, ManifestStatus status, Long rowCount,
                            Long bytes, String columnSizes, String contentChecksum, String sha256, String objectKey,
                            String etag, String storageClass, String errorMessage, Long executionId, Instant createdAt,
                            Instant exportedAt, Instant validatedAt, Instant updatedAt) {

    public boolean isProven() {
        return status.isProven();
    }
}
