package com.tokyoia.web.application;

/** A body or batch over the configured limit (413). */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(String message) {
        super(message);
    }
}
