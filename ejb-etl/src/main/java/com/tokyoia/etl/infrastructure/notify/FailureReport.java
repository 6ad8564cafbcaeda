package com.tokyoia.etl.infrastructure.notify;

/** What an alert says about a failed export. */
public record FailureReport(String job, String table, String day, String error, long executionId) {
}
