package com.tokyoia.platform.error;

/** A request value the platform refuses (the API answers 400 naming the field). */
public class InvalidValueException extends FieldException {
    public InvalidValueException(String field, String message) {
        super(field, message);
    }
}
