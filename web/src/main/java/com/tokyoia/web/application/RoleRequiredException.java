package com.tokyoia.web.application;

/** The caller may call the operation, but not for this request: it needs a role the caller lacks (403). */
public class RoleRequiredException extends AccessRefusedException {
    private static final long serialVersionUID = 1L;

    public RoleRequiredException(String message) {
        super("role-required", message);
    }
}
