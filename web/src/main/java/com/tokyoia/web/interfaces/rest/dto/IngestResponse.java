package com.tokyoia.web.interfaces.rest.dto;

/** Result of a batch ingest. */
public record IngestResponse(int accepted) {
}
