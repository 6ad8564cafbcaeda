package com.tokyoia.web.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Failed logins per user name, counted per 15-minute window (in Redis, so a cluster counts them
 * together; on this node alone while Redis is down). The first three in a window cost nothing; after
 * that each refusal is answered later, 250 ms doubling up to 5 s, so guessing a password over the API
 * runs at a few tries a minute. Only refusals wait: a correct password is never slowed.
 */
@ApplicationScoped
public class LoginFailures {
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int FREE = 3;
    static final Duration FIRST_DELAY = Duration.ofMillis(250);
    static final Duration MAX_DELAY = Duration.ofSeconds(5);
    private static final String CACHE = "login-failure";

    @Inject
    FixedWindowCounter counter;

    /** Counts one failed login of the name; returns how many it has had in this window, this one included. */
    public long count(String user) {
        return counter.count(CACHE, user, WINDOW).events();
    }

    /** How long the answer to the n-th failure of a window waits. */
    public static Duration delayAfter(long failures) {
        if (failures <= FREE) {
            return Duration.ZERO;
        }
        long doublings = Math.min(failures - FREE - 1, 10);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
