package com.tokyoia.etl.crash;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.application.ExportObserver;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The export in a JVM of its own, for {@link ExportCrashTest}: runs one (table, day) export and,
 * when it reaches the named step, says so on stdout and waits to be killed (SIGKILL: no finally
 * block, no manifest update, no lock release but the one PostgreSQL does when the session dies).
 * Arguments: lake directory, work directory, table, day, step, new version (true/false), execution id.
 */
public final class StoppedExport {
    static final String REACHED = "REACHED ";

    private StoppedExport() {
    }

    public static void main(String[] args) throws Exception {
        Path lake = Path.of(args[0]);
        Path work = Path.of(args[1]);
        ExportObserver.Step stopAt = ExportObserver.Step.valueOf(args[4]);
        ExportObserver stopper = (step, table, day) -> {
            if (step == stopAt) {
                System.out.println(REACHED + step);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        EtlFixtures.exporter(new LocalDirectoryStore(lake), work, stopper)
                .export(LakeSchemaRegistry.table(args[2]).orElseThrow(), LocalDate.parse(args[3]), Long.parseLong(args[6]),
                        Boolean.parseBoolean(args[5]));
        System.out.println("FINISHED");
    }
}
