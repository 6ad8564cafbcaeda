package com.tokyoia.platform.logging;

import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.InvocationContext;
import org.jboss.logging.MDC;

/**
 * Every EJB timeout runs without a request or query id in its log lines. Pool threads inherit the
 * MDC of the thread that created them, which can be a request's; a timer's lines would then carry
 * the id of a request that has nothing to do with them. Bound to every bean of a module as a
 * default interceptor (its ejb-jar.xml); business calls are not touched (no {@code @AroundInvoke}).
 */
public class TimeoutLogContext {

    @AroundTimeout
    public Object detached(InvocationContext invocation) throws Exception {
        Object request = MDC.get(LogContext.REQUEST_ID);
        Object query = MDC.get(LogContext.QUERY_ID);
        MDC.remove(LogContext.REQUEST_ID);
        MDC.remove(LogContext.QUERY_ID);
        try {
            return invocation.proceed();
        } finally {
            restore(LogContext.REQUEST_ID, request);
            restore(LogContext.QUERY_ID, query);
        }
    }

    private static void restore(String key, Object value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }
}
