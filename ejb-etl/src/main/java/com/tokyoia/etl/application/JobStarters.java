package com.tokyoia.etl.application;

import java.util.Properties;

/**
 * Who starts a job, carried as job parameters: the API and the timers say so when they start one;
 * execution recovery names the execution it restarts. A job started or restarted with neither came
 * through WildFly's management interface (the admin console or the CLI), whose own audit log names
 * the user.
 */
public final class JobStarters {
    /** Job parameter: who started the job (set by this application's own starts). */
    public static final String STARTED_BY = "startedBy";
    /** Job parameter of a recovery restart: "recovery:" and the execution it restarts. */
    public static final String RESTARTED_BY = "restartedBy";
    public static final String API = "api";
    public static final String MANAGEMENT = "management interface (console or CLI)";
    static final String RECOVERY = "recovery:";

    private JobStarters() {
    }

    /** The audit entry's actor for a first execution. */
    public static String starter(Properties parameters) {
        String by = parameters == null ? null : parameters.getProperty(STARTED_BY);
        return by == null || by.isBlank() ? MANAGEMENT : by;
    }

    /**
     * The actor for a restart of {@code previousExecution}. A restart may inherit the parameters
     * of the execution it restarts, so a recovery mark counts only when it names that execution.
     */
    public static String restarter(Properties parameters, long previousExecution) {
        String by = parameters == null ? null : parameters.getProperty(RESTARTED_BY);
        return (RECOVERY + previousExecution).equals(by) ? "execution recovery (a dead server's execution)" : MANAGEMENT;
    }

    /** The parameters recovery restarts an execution with: its own, marked. */
    public static Properties forRecoveryOf(long executionId, Properties original) {
        Properties parameters = new Properties();
        if (original != null) {
            parameters.putAll(original);
        }
        parameters.setProperty(RESTARTED_BY, RECOVERY + executionId);
        return parameters;
    }
}
