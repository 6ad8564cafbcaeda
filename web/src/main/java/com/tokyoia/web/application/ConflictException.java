package com.tokyoia.web.application;

import com.tokyoia.platform.error.FieldException;

/** The request is valid but clashes with the current state (409), e.g. a duplicate name. */
public class ConflictException extends FieldException {
    public ConflictException(String field, String message) {
        super(field, message);
    }
}
