package com.tokyoia.etl.application;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Runs a step again when it failed for a reason that may pass (network, S3 5xx or throttling,
 * database serialization failures or lost connections), with exponential backoff. Anything else
 * (a checksum mismatch, bad data) fails at once: repeating it would only repeat the failure.
 */
public final class Retry {
    private static final Logger LOG = Logger.getLogger(Retry.class.getName());
    private final int retries;
    private final Duration firstBackoff;

    public Retry(int retries, Duration firstBackoff) {
        this.retries = retries;
        this.firstBackoff = firstBackoff;
    }

    public <T> T call(String what, Callable<T> step) throws Exception {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return step.call();
            } catch (Exception e) {
                if (attempt > retries || !isTransient(e)) {
                    throw e;
                }
                int done = attempt;
                Duration wait = backoff;
                LOG.warning(() -> what + " failed (attempt " + done + " of " + (retries + 1) + "), retrying in "
                        + wait.toMillis() + " ms: " + e);
                Thread.sleep(wait.toMillis());
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SdkServiceException service) {
                return service.statusCode() >= 500 || service.statusCode() == 429 || service.isThrottlingException();
            }
            if (t instanceof SdkClientException || t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("40001")
                    || sql.getSQLState().equals("40P01"))) {
                return true;
            }
            if (t instanceof IOException && t.getCause() == null) {
                return true; // connection reset, broken pipe, premature EOF
            }
        }
        return false;
    }
}
