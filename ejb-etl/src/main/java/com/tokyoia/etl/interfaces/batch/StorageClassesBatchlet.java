package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.archive.LakeArchive;
import com.tokyoia.platform.logging.LogContext;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The storage-class refresh; its exit status says how many objects were checked, changed and missing. */
@Named
@Dependent
public class StorageClassesBatchlet extends AbstractBatchlet {
    @Inject
    LakeArchive archive;
    @Inject
    JobContext job;

    @Override
    public String process() throws Exception {
        try (LogContext ignored = LogContext.forExecution(job.getExecutionId())) {
            LakeArchive.Refreshed refreshed = archive.refresh(job.getExecutionId());
            String summary = "checked " + refreshed.checked() + ", changed " + refreshed.changed() + ", missing " + refreshed.missing().size();
            job.setExitStatus(summary); // the job's, which the API and the console show, not only the step's
            return summary;
        }
    }
}
