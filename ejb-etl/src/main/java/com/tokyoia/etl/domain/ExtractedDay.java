package com.tokyoia.etl.domain;

/** A day extracted from one snapshot: what PostgreSQL said about it, and the file written from its rows. */
public record ExtractedDay(SourceFacts source, WrittenFile file) {
}
