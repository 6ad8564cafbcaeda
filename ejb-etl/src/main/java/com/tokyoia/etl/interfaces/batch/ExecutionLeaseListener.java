package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.port.ExecutionLeases;
import com.tokyoia.etl.application.recovery.ExecutionsRunningHere;
import com.tokyoia.platform.logging.LogContext;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Holds this server's lease on every job execution it runs, whoever started it (the API, a timer,
 * the management console), so a server that dies leaves executions recovery can recognise.
 */
@Named
@Dependent
public class ExecutionLeaseListener implements JobListener {
    @Inject
    JobContext job;
    @Inject
    ExecutionLeases leases;
    @Inject
    ExecutionsRunningHere running;

    private LogContext logContext;

    @Override
    public void beforeJob() throws Exception {
        logContext = LogContext.forExecution(job.getExecutionId());
        running.add(job.getExecutionId());
        leases.acquire(job.getExecutionId(), job.getJobName());
    }

    @Override
    public void afterJob() throws Exception {
        try {
            running.remove(job.getExecutionId());
            leases.release(job.getExecutionId());
        } finally {
            logContext.close();
        }
    }
}
