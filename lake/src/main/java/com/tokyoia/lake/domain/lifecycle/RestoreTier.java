package com.tokyoia.lake.domain.lifecycle;

/** How fast (and at what price) S3 brings back an archived object: Bulk within 48 hours, Standard within 12 (Deep Archive). */
public enum RestoreTier { BULK, STANDARD }
