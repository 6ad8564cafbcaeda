package com.tokyoia.etl.domain;

/**
 * What PostgreSQL says about one table's day, taken in one snapshot: its row count, its content
 * checksum ({@code rows:<n>;sum:<unsigned>}, see the extract's ContentChecksum) and, when the facts
 * come with an export's stream, the digest of the tuples exactly as PostgreSQL sent them (see the
 * extract's TupleDigest; null otherwise), against which the written file is read back.
 */
public record SourceFacts(long rows, String checksum, String tupleDigest) {
    /** Facts computed by a query, without a stream. */
    public SourceFacts(long rows, String checksum) {
        this(rows, checksum, null);
    }
}
