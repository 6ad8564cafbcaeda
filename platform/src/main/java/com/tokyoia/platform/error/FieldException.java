package com.tokyoia.platform.error;

import jakarta.ejb.ApplicationException;

/**
 * A refusal about one field of a request: the field (as the client named it, for example
 * {@code points[3].agentId}) and what is wrong with it. Reaches callers of EJBs unwrapped, so the
 * API can answer with the field in its problem+json.
 */
@ApplicationException
public abstract class FieldException extends RuntimeException {
    private final String field;

    protected FieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
