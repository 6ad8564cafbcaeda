package com.tokyoia.etl.domain;

/**
 * What PostgreSQL says about one table's day: its row count and its content checksum
 * ({@code rows:<n>;sum:<unsigned>}, see the extract's ContentChecksum), taken in one snapshot.
 */
public record SourceFacts(long rows, String checksum) {
}
