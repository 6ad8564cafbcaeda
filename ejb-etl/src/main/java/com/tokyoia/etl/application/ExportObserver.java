package com.tokyoia.etl.application;

import com.tokyoia.persistence.lake.LakeTable;
import java.time.LocalDate;

/**
 * Called between the steps of a day's export. Production uses {@link #NONE}; the tests use it to
 * kill an export at a precise point (after the upload, before the manifest commit).
 */
public interface ExportObserver {
    ExportObserver NONE = new ExportObserver() {
    };

    default void afterUpload(LakeTable table, LocalDate day) throws Exception {
    }
}
