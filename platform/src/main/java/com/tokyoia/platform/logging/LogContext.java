package com.tokyoia.platform.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.MDC;

/**
 * Puts a correlation value (a batch job's execution id, an API request's id, an analytics
 * question's id) into the logging MDC for the lines written inside a try-with-resources block;
 * WildFly's JSON formatter writes it on each of them, so an operator can select every line of one
 * job execution, request or query. The previous values come back on close.
 */
public final class LogContext implements AutoCloseable {
    public static final String EXECUTION_ID = "executionId";
    public static final String REQUEST_ID = "requestId";
    public static final String QUERY_ID = "queryId";
    private final Map<String, Object> previous;

    private LogContext(Map<String, Object> previous) {
        this.previous = previous;
    }

    public static LogContext put(String key, Object value) {
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put(key, MDC.get(key));
        MDC.put(key, String.valueOf(value));
        return new LogContext(previous);
    }

    /**
     * A job execution's lines: its id, and no request or query id. The server's MDC is inherited by
     * threads a request's thread creates, so a job thread can carry the id of a request that has
     * nothing to do with the job.
     */
    public static LogContext forExecution(long executionId) {
        Map<String, Object> previous = new LinkedHashMap<>();
        for (String inherited : new String[]{REQUEST_ID, QUERY_ID}) {
            previous.put(inherited, MDC.get(inherited));
            MDC.remove(inherited);
        }
        previous.put(EXECUTION_ID, MDC.get(EXECUTION_ID));
        MDC.put(EXECUTION_ID, String.valueOf(executionId));
        return new LogContext(previous);
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
