package com.tokyoia.etl.application;

import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Told when a day's export reaches each step. Production uses {@link #NONE}; the tests use it to
 * stop an export at a precise point (for example after the upload, before the manifest commit).
 */
@FunctionalInterface
public interface ExportObserver {
    ExportObserver NONE = (step, table, day) -> {
    };

    /**
     * The steps of an export, in order: the day extracted and written to a local file; the file
     * uploaded to its version folder and, meanwhile, read back and found to hold exactly the tuples
     * PostgreSQL sent; the stored copy and the footer proven against PostgreSQL;
     * the proof recorded (manifest EXPORTED); the catalog pointed at the version folder; the
     * version made current (manifest VALIDATED).
     */
    enum Step { EXTRACTED, UPLOADED, PROVEN, RECORDED, PUBLISHED, CURRENT }

    void reached(Step step, LakeTable table, LocalDate day) throws IOException;
}
