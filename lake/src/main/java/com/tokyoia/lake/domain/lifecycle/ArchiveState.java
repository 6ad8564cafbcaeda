package com.tokyoia.lake.domain.lifecycle;

import java.time.Instant;

/**
 * Where a stored object is and whether a readable copy of it exists: its storage class, a restore
 * from the archive still in progress, and until when a restored copy stays (null: none).
 */
public record ArchiveState(StorageClass storageClass, boolean restoreOngoing, Instant restoredUntil) {
}
