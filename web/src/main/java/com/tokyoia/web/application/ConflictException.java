package com.tokyoia.web.application;

/** The request is valid but clashes with the current state (409), e.g. a duplicate name. */
public class ConflictException extends RuntimeException {
    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
