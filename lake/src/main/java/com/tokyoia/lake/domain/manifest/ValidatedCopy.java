package com.tokyoia.lake.domain.manifest;

import java.time.Instant;

/** What an export proved about the copy it wrote, recorded when the manifest row becomes EXPORTED. */
public record ValidatedCopy(long rows, long bytes, String columnSizesJson, String contentChecksum, String sha256,
                            String objectKey, String etag, String storageClass, Instant exportStartedAt) {
}
