package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.retention.PlatformHousekeeping;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Prunes the query log, the job history and the manifest rows of removed versions. */
@Named
@Dependent
public class HousekeepingBatchlet extends AbstractBatchlet {
    @Inject
    PlatformHousekeeping housekeeping;

    @Override
    public String process() throws Exception {
        PlatformHousekeeping.Pruned pruned = housekeeping.prune();
        return "pruned " + pruned.queryLogRows() + " query log rows, " + pruned.jobExecutions() + " job executions, "
                + pruned.removedVersions() + " removed versions";
    }
}
