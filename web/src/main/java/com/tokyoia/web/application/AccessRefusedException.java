package com.tokyoia.web.application;

/** The caller reached the operation, but this request is refused (403, audited): the problem type says why. */
public abstract class AccessRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String problemType;

    protected AccessRefusedException(String problemType, String message) {
        super(message);
        this.problemType = problemType;
    }

    public String problemType() {
        return problemType;
    }
}
