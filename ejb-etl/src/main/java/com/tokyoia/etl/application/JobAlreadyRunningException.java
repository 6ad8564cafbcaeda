package com.tokyoia.etl.application;

import jakarta.ejb.ApplicationException;

/**
 * A job was asked to work on (table, day)s that a running execution already covers. Refused
 * before starting: the new execution could only fail on the export lock, or queue up behind it.
 */
@ApplicationException
public class JobAlreadyRunningException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long executionId;

    public JobAlreadyRunningException(long executionId, String job, String what) {
        super(job + " execution " + executionId + " is already working on " + what + "; wait for it to end (GET /api/etl/runs/"
                + executionId + ")");
        this.executionId = executionId;
    }

    public long executionId() {
        return executionId;
    }
}
