package com.tokyoia.bench;

import com.tokyoia.etl.application.ExportObserver;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.time.LocalDate;

/** Prints how long an export took to reach each of its steps from the previous one (where the time goes). */
final class StepTimes implements ExportObserver {
    private long last = System.nanoTime();

    @Override
    public void reached(Step step, LakeTable table, LocalDate day) {
        long now = System.nanoTime();
        System.out.printf("    step %-9s %6.2f s after the previous%n", step, (now - last) / 1e9);
        last = now;
    }
}
