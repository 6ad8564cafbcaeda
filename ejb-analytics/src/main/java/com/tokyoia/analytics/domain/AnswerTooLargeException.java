package com.tokyoia.analytics.domain;

/** The merged partials of an answer would take more memory than one question may. */
public class AnswerTooLargeException extends RuntimeException {
    private final long groups;
    private final long buckets;

    public AnswerTooLargeException(String message, long groups, long buckets) {
        super(message);
        this.groups = groups;
        this.buckets = buckets;
    }

    public long groups() {
        return groups;
    }

    public long buckets() {
        return buckets;
    }
}
