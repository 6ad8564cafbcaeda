package com.tokyoia.lake.domain.manifest;

/**
 * Where one (table, day, version) copy stands. EXPORTING while an attempt runs, FAILED when it
 * gave up; VALIDATED once every proof holds; PURGED when retention removed the day from
 * PostgreSQL (the copy is then the only one); ARCHIVED when the object moved to a storage class
 * engines cannot read. VALIDATED, PURGED and ARCHIVED are proven copies.
 */
public enum ManifestStatus {
    EXPORTING, EXPORTED, VALIDATED, PURGED, ARCHIVED, FAILED;

    public boolean isProven() {
        return this == VALIDATED || this == PURGED || this == ARCHIVED;
    }
}
