package com.tokyoia.web.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;

/**
 * Each user's calls of the expensive operations, counted per fixed window (tokyoia.api.rate-limit.*)
 * for the whole cluster while Redis is up and per node while it is down ({@link FixedWindowCounter}).
 */
@ApplicationScoped
public class RateLimits {
    private static final String CACHE = "rate-limit";

    @Inject
    FixedWindowCounter counter;
    @Inject
    ApiSettings settings;

    /** Counts the call; when it is over the user's limit, the seconds until the window ends (Retry-After). */
    public OptionalLong refuse(String user, String operation) {
        FixedWindowCounter.Count count = counter.count(CACHE, operation + ":" + user, settings.rateLimitWindow());
        return count.events() > settings.rateLimitOf(user) ? OptionalLong.of(count.secondsLeft()) : OptionalLong.empty();
    }
}
