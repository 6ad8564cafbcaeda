package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.retention.SupersededVersions;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Deletes the files of versions replaced longer than the grace period. */
@Named
@Dependent
public class ReplacedVersionsBatchlet extends AbstractBatchlet {
    @Inject
    SupersededVersions versions;

    @Override
    public String process() throws Exception {
        return "removed " + versions.remove() + " replaced versions";
    }
}
