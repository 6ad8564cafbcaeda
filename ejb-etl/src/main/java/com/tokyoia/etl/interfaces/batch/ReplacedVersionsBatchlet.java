package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.retention.SupersededVersions;
import com.tokyoia.platform.logging.LogContext;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Deletes the files of versions replaced longer than the grace period. */
@Named
@Dependent
public class ReplacedVersionsBatchlet extends AbstractBatchlet {
    @Inject
    JobContext job;
    @Inject
    SupersededVersions versions;

    @Override
    public String process() throws Exception {
        try (LogContext ignored = LogContext.forExecution(job.getExecutionId())) {
            return "removed " + versions.remove() + " replaced versions";
        }
    }
}
