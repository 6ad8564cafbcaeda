package com.tokyoia.web.interfaces.rest.dto;

/**
 * Patterns shared by the request bodies, written so Java and the OpenAPI document (ECMA-262)
 * read them the same. No text may carry control characters: PostgreSQL refuses NUL in text, and
 * nobody means a BEL in an agent's name.
 */
public final class Constraints {
    /** One line of text: no control characters at all. */
    public static final String SINGLE_LINE = "^[^\\x00-\\x1F\\x7F]*$";
    /** Free text: tabs and line breaks allowed, no other control character. */
    public static final String TEXT = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$";
    /** A UUID in its canonical text form. */
    public static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    /** A UTC day. */
    public static final String DAY = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    public static final String NO_CONTROL = "must not contain control characters";
    public static final String NOT_UUID = "must be a UUID";
    public static final String NOT_DAY = "must be a day (YYYY-MM-DD)";

    private Constraints() {
    }
}
