package com.tokyoia.web.application;

/** An id that names nothing (404). {@code field} is set when the id came from the request body. */
public class ResourceNotFoundException extends RuntimeException {
    private final String field;

    public ResourceNotFoundException(String kind, Object id, String field) {
        super(kind + " " + id + " does not exist");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
