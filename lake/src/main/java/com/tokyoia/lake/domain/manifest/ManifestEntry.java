package com.tokyoia.lake.domain.manifest;

import com.tokyoia.lake.domain.lifecycle.StorageClass;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One row of the export manifest: one (table, day, version) copy in the lake and its proofs, and
 * where that copy is (store kind, store root, catalog; null where not recorded). A version the lake
 * migration moved also names where it was before ({@code previous*}): the move leaves that copy in
 * place, so an engine still reading the old store finds the same bytes. {@code damage} is what the
 * last check of the stored object found wrong with it (null when nothing was found).
 */
public record ManifestEntry(long id, String table, LocalDate day, int version, ManifestStatus status, Long rowCount,
                            Long bytes, String columnSizes, String contentChecksum, String sha256, String objectKey,
                            String etag, String storageClass, String errorMessage, Long executionId, Instant createdAt,
                            Instant exportedAt, Instant validatedAt, Instant updatedAt, Instant restoredUntil,
                            String storeKind, String storeUri, String lakeCatalog, String previousStoreKind,
                            String previousStoreUri, String previousLakeCatalog, String damage, Instant damageFoundAt) {

    /** A row whose location is not recorded. */
    public ManifestEntry(long id, String table, LocalDate day, int version, ManifestStatus status, Long rowCount,
                         Long bytes, String columnSizes, String contentChecksum, String sha256, String objectKey,
                         String etag, String storageClass, String errorMessage, Long executionId, Instant createdAt,
                         Instant exportedAt, Instant validatedAt, Instant updatedAt, Instant restoredUntil) {
        this(id, table, day, version, status, rowCount, bytes, columnSizes, contentChecksum, sha256, objectKey, etag, storageClass,
                errorMessage, executionId, createdAt, exportedAt, validatedAt, updatedAt, restoredUntil, null, null, null);
    }

    /** A row that was never moved. */
    public ManifestEntry(long id, String table, LocalDate day, int version, ManifestStatus status, Long rowCount,
                         Long bytes, String columnSizes, String contentChecksum, String sha256, String objectKey,
                         String etag, String storageClass, String errorMessage, Long executionId, Instant createdAt,
                         Instant exportedAt, Instant validatedAt, Instant updatedAt, Instant restoredUntil,
                         String storeKind, String storeUri, String lakeCatalog) {
        this(id, table, day, version, status, rowCount, bytes, columnSizes, contentChecksum, sha256, objectKey, etag, storageClass,
                errorMessage, executionId, createdAt, exportedAt, validatedAt, updatedAt, restoredUntil, storeKind, storeUri,
                lakeCatalog, null, null, null, null, null);
    }

    /** Whether the stored object may be read: no check since its last clean one found it damaged. */
    @JsonbTransient
    public boolean trusted() {
        return damage == null;
    }

    /** Where the copy is (the three location fields the API already gives). */
    @JsonbTransient
    public LakeLocation location() {
        return new LakeLocation(storeKind, storeUri, lakeCatalog);
    }

    /** Where the copy was before the lake migration moved it (and where that copy still is); empty when never moved. */
    @JsonbTransient
    public Optional<LakeLocation> previousLocation() {
        return previousStoreUri == null ? Optional.empty()
                : Optional.of(new LakeLocation(previousStoreKind, previousStoreUri, previousLakeCatalog));
    }

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
