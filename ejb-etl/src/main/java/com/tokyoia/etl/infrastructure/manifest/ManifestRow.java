package com.tokyoia.etl.infrastructure.manifest;

import java.time.Instant;
import java.time.LocalDate;

/** One row of export_manifest as the ETL reads it. */
public record ManifestRow(long id, String table, LocalDate day, int version, String status, Long rowCount,
                         Long bytes, String columnSizes, String contentChecksum, String sha256, String objectKey,
                         String etag, String storageClass, String errorMessage, Long executionId, Instant createdAt,
                         Instant exportedAt, Instant validatedAt, Instant updatedAt) {

    public boolean isProven() {
        return "VALIDATED".equals(status) || "PURGED".equals(status) || "ARCHIVED".equals(status);
    }
}
