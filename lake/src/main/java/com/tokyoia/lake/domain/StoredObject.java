package com.tokyoia.lake.domain;

/** An object as the store reports it; sha256 is null when the store keeps no checksum. */
public record StoredObject(String key, long size, String etag, String sha256Hex, String storageClass) {
}
