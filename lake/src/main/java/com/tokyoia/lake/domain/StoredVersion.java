package com.tokyoia.lake.domain;

import java.time.Instant;

/** One stored version of a key in a versioned store; {@code current} for the one a plain read gets. */
public record StoredVersion(String key, String versionId, long size, Instant lastModified, boolean current) {
}
