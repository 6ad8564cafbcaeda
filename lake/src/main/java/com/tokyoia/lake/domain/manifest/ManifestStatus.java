package com.tokyoia.lake.domain.manifest;

/**
 * Where one (table, day, version) copy stands. EXPORTING while an attempt runs, FAILED when it
 * gave up; EXPORTED once the copy is proven in its own version folder, VALIDATED once the catalog
 * points at it (readers use the newest VALIDATED, PURGED or ARCHIVED version: the proven ones);
 * PURGED when retention removed the day from PostgreSQL (the copy is then the only one); ARCHIVED
 * when the object moved to a storage class engines cannot read; REMOVED when retention deleted the
 * files of a version a newer proven one replaced.
 */
public enum ManifestStatus {
    EXPORTING, EXPORTED, VALIDATED, PURGED, ARCHIVED, FAILED, REMOVED;

    public boolean isProven() {
        return this == VALIDATED || this == PURGED || this == ARCHIVED;
    }
}
