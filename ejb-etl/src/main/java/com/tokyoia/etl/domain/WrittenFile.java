package com.tokyoia.etl.domain;

import java.nio.file.Path;

/** A finished local Parquet file: rows written, size, SHA-256 of its bytes, content checksum of its rows. */
public record WrittenFile(Path path, long rows, long bytes, String sha256, String contentChecksum) {
}
