package com.tokyoia.etl;

import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.application.ExportObserver;
import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.infrastructure.catalog.CatalogPublisher;
import com.tokyoia.etl.infrastructure.store.ObjectStore;
import java.nio.file.Path;
import java.time.Duration;

final class Exporters {
    private Exporters() {
    }

    static DayExporter exporter(ObjectStore store, Path workDir) {
        return exporter(store, workDir, ExportObserver.NONE);
    }

    static DayExporter exporter(ObjectStore store, Path workDir, ExportObserver observer) {
        return new DayExporter(TestDatabase.dataSource(), store, CatalogPublisher.NONE,
                new Retry(3, Duration.ofMillis(50)), workDir, 8L * 1024 * 1024, observer);
    }
}
