package com.tokyoia.etl.application;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Runs a step again when it failed for a reason that may pass, with exponential backoff. Which
 * failures may pass (network, S3 5xx or throttling, lost database connections...) is the
 * infrastructure's knowledge, handed in as {@code transientFailure}; anything else (a checksum
 * mismatch, bad data) fails at once: repeating it would only repeat the failure.
 */
public final class Retry {
    private static final Logger LOG = Logger.getLogger(Retry.class.getName());

    /** A step of an export: file, store and database work. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws IOException, SQLException;
    }

    private final int retries;
    private final Duration firstBackoff;
    private final Predicate<Throwable> transientFailure;

    public Retry(int retries, Duration firstBackoff, Predicate<Throwable> transientFailure) {
        this.retries = retries;
        this.firstBackoff = firstBackoff;
        this.transientFailure = transientFailure;
    }

    public <T> T call(String what, Step<T> step) throws IOException, SQLException {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return step.run();
            } catch (IOException | SQLException | RuntimeException e) {
                if (attempt > retries || !transientFailure.test(e)) {
                    throw e;
                }
                int done = attempt;
                Duration wait = backoff;
                LOG.warning(() -> what + " failed (attempt " + done + " of " + (retries + 1) + "), retrying in "
                        + wait.toMillis() + " ms: " + e);
                pause(wait);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration wait) throws InterruptedIOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
