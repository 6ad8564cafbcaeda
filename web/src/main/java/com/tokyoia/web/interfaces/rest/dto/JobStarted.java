package com.tokyoia.web.interfaces.rest.dto;

import com.tokyoia.etl.domain.ExportRequest;

/**
 * A batch job the request started: its execution id (follow it at /api/etl/runs/{executionId}),
 * the job's name and, for jobs over days, the range and tables.
 */
public record JobStarted(long executionId, String job, String from, String to, String tables) {

    public static JobStarted of(long executionId, String job) {
        return new JobStarted(executionId, job, null, null, null);
    }

    public static JobStarted of(long executionId, String job, ExportRequest range) {
        return new JobStarted(executionId, job, range.from().toString(), range.to().toString(), range.tableNames());
    }
}
