package com.tokyoia.analytics.application;

/**
 * Who asks an analytics question and so pays for its cold scan: the signed-in user and, when the
 * identity has one, the budget group it belongs to (null: no group).
 */
public record Spender(String user, String group) {
    public Spender {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a spender has a user name");
        }
        if (group != null && group.isBlank()) {
            group = null;
        }
    }

    public static Spender user(String user) {
        return new Spender(user, null);
    }
}
