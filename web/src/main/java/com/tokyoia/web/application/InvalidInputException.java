package com.tokyoia.web.application;

import com.tokyoia.platform.error.InvalidValueException;

/** A request value the API refuses (400); names the offending field. */
public class InvalidInputException extends InvalidValueException {
    public InvalidInputException(String field, String message) {
        super(field, message);
    }
}
