package com.tokyoia.etl.infrastructure.store;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach the lake bucket. Region and credentials come from the AWS default chain unless set;
 * endpoint and path-style are for S3-compatible servers (S3Proxy, MinIO, S3Mock...).
 */
public record S3Settings(String bucket, String prefix, Optional<String> region, Optional<URI> endpoint,
                         boolean pathStyle, Optional<String> serverSideEncryption, long multipartThresholdBytes,
                         long partSizeBytes) {
    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("tokyoia.lake.s3.bucket is required for the s3 store");
        }
        prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        if (partSizeBytes < 5L * 1024 * 1024) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB");
        }
    }
}
