package com.tokyoia.web.application;

import com.tokyoia.platform.error.FieldException;

/** The idempotency key was first used for another request (422): the client reused a key it should not have. */
public class IdempotencyKeyReusedException extends FieldException {
    public IdempotencyKeyReusedException(String field, String message) {
        super(field, message);
    }
}
