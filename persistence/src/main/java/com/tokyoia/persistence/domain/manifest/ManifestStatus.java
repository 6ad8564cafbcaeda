package com.tokyoia.persistence.domain.manifest;

/**
 * Where one (table, day, version) copy stands. Retention may delete hot rows only from VALIDATED;
 * ARCHIVED means the object moved to a storage class engines cannot read.
 */
public enum ManifestStatus { EXPORTING, EXPORTED, VALIDATED, PURGED, ARCHIVED, FAILED }
