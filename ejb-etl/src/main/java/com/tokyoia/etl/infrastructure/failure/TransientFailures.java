package com.tokyoia.etl.infrastructure.failure;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which failures of the stores, catalogs and database may pass if tried again: S3/Glue 5xx and
 * throttling, SDK client errors (network), refused or timed-out connections, PostgreSQL's
 * connection (08xxx), shutdown and start-up (57P01-03: the server is restarting), serialization
 * (40001) and deadlock (40P01) errors, and bare I/O errors such as
 * a reset connection. Everything else is permanent, a full disk included: the work directory does
 * not empty itself, and each retry would extract the whole day again before failing the same way.
 */
public final class TransientFailures {
    /** ENOSPC as the JDK reports it on Linux (strerror). */
    private static final String NO_SPACE = "No space left on device";
    /** admin_shutdown, crash_shutdown, cannot_connect_now: the database is going down or coming up. */
    private static final Set<String> SERVER_RESTARTING = Set.of("57P01", "57P02", "57P03");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
                return false; // someone is stopping us
            }
            if (t instanceof SdkServiceException service) {
                return service.statusCode() >= 500 || service.statusCode() == 429 || service.isThrottlingException();
            }
            if (t instanceof SdkClientException || t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_RESTARTING.contains(sql.getSQLState())
                    || sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
            if (t instanceof IOException io && io.getMessage() != null && io.getMessage().contains(NO_SPACE)) {
                return false;
            }
            if (t instanceof IOException && t.getCause() == null) {
                return true; // connection reset, broken pipe, premature EOF
            }
        }
        return false;
    }
}
