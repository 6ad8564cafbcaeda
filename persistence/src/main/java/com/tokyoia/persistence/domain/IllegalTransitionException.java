package com.tokyoia.persistence.domain;

/** A lifecycle change that the entity's state machine does not allow (the API answers 409). */
public class IllegalTransitionException extends RuntimeException {
    private final String entity;
    private final String from;
    private final String to;

    public IllegalTransitionException(String entity, Enum<?> from, Enum<?> to) {
        super(entity + " cannot go from " + from + " to " + to);
        this.entity = entity;
        this.from = from.name();
        this.to = to.name();
    }

    public String entity() { return entity; }
    public String from() { return from; }
    public String to() { return to; }
}
