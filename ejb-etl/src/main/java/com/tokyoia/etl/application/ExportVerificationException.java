package com.tokyoia.etl.application;

/** The lake copy does not match PostgreSQL or the written file: never retried, never validated. */
public class ExportVerificationException extends RuntimeException {
    public ExportVerificationException(String message) {
        super(message);
    }

    public ExportVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
