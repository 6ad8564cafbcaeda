package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.JobStarters;
import com.tokyoia.etl.application.port.JobAudit;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes who started or restarted each job execution to the audit log, whichever way it came: the
 * API, a timer, execution recovery, or the management console and CLI.
 */
@Named
@Dependent
public class JobAuditListener implements JobListener {
    private static final Logger LOG = Logger.getLogger(JobAuditListener.class.getName());
    @Inject
    JobContext job;
    @Inject
    JobAudit audit;

    @Override
    public void beforeJob() {
        long id = job.getExecutionId();
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            Properties parameters = operator.getParameters(id);
            List<JobExecution> earlier = operator.getJobExecutions(operator.getJobInstance(id)).stream()
                    .filter(e -> e.getExecutionId() != id).sorted(Comparator.comparingLong(JobExecution::getExecutionId)).toList();
            String details = parameters == null ? "{}" : new TreeMap<>(parameters).toString();
            if (earlier.isEmpty()) {
                audit.record(id, job.getJobName(), "batch.start", JobStarters.starter(parameters), details);
            } else {
                long previous = earlier.get(earlier.size() - 1).getExecutionId();
                audit.record(id, job.getJobName(), "batch.restart", JobStarters.restarter(parameters, previous),
                        "restarts execution " + previous + " " + details);
            }
        } catch (Exception e) {
            // The trace is worth a warning, not the job: the job's own record stays in the job repository.
            LOG.log(Level.WARNING, "Could not write the audit entry of job execution " + id, e);
        }
    }

    @Override
    public void afterJob() {
        // Nothing: the job repository keeps how it ended.
    }
}
