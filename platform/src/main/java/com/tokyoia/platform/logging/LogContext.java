package com.tokyoia.platform.logging;

import org.jboss.logging.MDC;

/**
 * Puts a correlation value (a batch job's execution id, an API request's id, an analytics
 * question's id) into the logging MDC for the lines written inside a try-with-resources block;
 * WildFly's JSON formatter writes it on each of them, so an operator can select every line of one
 * job execution, request or query. The previous value comes back on close.
 */
public final class LogContext implements AutoCloseable {
    public static final String EXECUTION_ID = "executionId";
    public static final String REQUEST_ID = "requestId";
    public static final String QUERY_ID = "queryId";
    private final String key;
    private final Object previous;

    private LogContext(String key, Object previous) {
        this.key = key;
        this.previous = previous;
    }

    public static LogContext put(String key, Object value) {
        Object previous = MDC.get(key);
        MDC.put(key, String.valueOf(value));
        return new LogContext(key, previous);
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
