package com.tokyoia.analytics.domain;

/** The merged partials of an answer would take more memory than one question may; the message says how many groups and buckets. */
public class AnswerTooLargeException extends RuntimeException {
    public AnswerTooLargeException(String message) {
        super(message);
    }
}
