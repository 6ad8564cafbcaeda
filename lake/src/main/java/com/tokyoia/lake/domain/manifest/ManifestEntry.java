package com.tokyoia.lake.domain.manifest;

import com.tokyoia.lake.domain.lifecycle.StorageClass;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;
import java.time.LocalDate;

/** One row of the export manifest: one (table, day, version) copy in the lake and its proofs. */
public record ManifestEntry(long id, String table, LocalDate day, int version, ManifestStatus status, Long rowCount,
                            Long bytes, String columnSizes, String contentChecksum, String sha256, String objectKey,
                            String etag, String storageClass, String errorMessage, Long executionId, Instant createdAt,
                            Instant exportedAt, Instant validatedAt, Instant updatedAt, Instant restoredUntil) {

    /** Derived from the status, which the API already gives: not a field of its answers. */
    @JsonbTransient
    public boolean isProven() {
        return status.isProven();
    }

    /**
     * Whether engines can read the copy at {@code now}: its storage class is directly readable, or
     * a restored copy of an archived object is available until after {@code now}.
     */
    public boolean readableAt(Instant now) {
        if (status == ManifestStatus.ARCHIVED && restoredUntil == null) {
            return false;
        }
        StorageClass storage = StorageClass.parse(storageClass).orElse(StorageClass.STANDARD);
        return storage.directlyReadable() && status != ManifestStatus.ARCHIVED
                || storage != StorageClass.MISSING && restoredUntil != null && restoredUntil.isAfter(now);
    }
}
