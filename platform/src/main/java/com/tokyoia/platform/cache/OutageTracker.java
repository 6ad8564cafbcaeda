package com.tokyoia.platform.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Remembers whether the cache server is reachable. After a failure it stays "down" for a retry
 * interval, so requests skip the cache instead of each paying a connection attempt, and it logs
 * one warning per outage (and one line when the server is back) rather than one per request.
 */
public final class OutageTracker {
    private static final Logger LOG = Logger.getLogger(OutageTracker.class.getName());

    private record State(boolean down, Instant since, Instant retryAt, String lastError) {
    }

    private final Clock clock;
    private final Duration retryInterval;
    private final String endpoint;
    private final AtomicReference<State> state;

    public OutageTracker(Clock clock, Duration retryInterval, String endpoint) {
        this.clock = clock;
        this.retryInterval = retryInterval;
        this.endpoint = endpoint;
        this.state = new AtomicReference<>(new State(false, clock.instant(), Instant.MIN, null));
    }

    /** True when a call should be tried: the server is up, or the retry interval has passed. */
    public boolean shouldTry() {
        State current = state.get();
        return !current.down() || !clock.instant().isBefore(current.retryAt());
    }

    public void succeeded() {
        State current = state.get();
        if (current.down() && state.compareAndSet(current, new State(false, clock.instant(), Instant.MIN, null))) {
            LOG.info(() -> "Redis at " + endpoint + " is reachable again after an outage since " + current.since()
                    + "; caching resumed");
        }
    }

    public void failed(Exception error) {
        Instant now = clock.instant();
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        while (true) {
            State current = state.get();
            State next = new State(true, current.down() ? current.since() : now, now.plus(retryInterval), message);
            if (state.compareAndSet(current, next)) {
                if (!current.down()) {
                    LOG.log(Level.WARNING, "Redis at {0} is unreachable ({1}); serving uncached until it is back, "
                            + "retrying every {2} s", new Object[]{endpoint, message, retryInterval.toSeconds()});
                }
                return;
            }
        }
    }

    public boolean isDown() {
        return state.get().down();
    }

    public Instant since() {
        return state.get().since();
    }

    public String lastError() {
        return state.get().lastError();
    }
}
