package com.tokyoia.etl.application.port;

/** What an alert says about a failed export. */
public record FailureReport(String job, String table, String day, String error, long executionId) {
}
