package com.tokyoia.etl.infrastructure.batch;

import com.tokyoia.etl.application.CatchUpPlanner;
import com.tokyoia.etl.application.DayExportTask;
import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.application.DeepVerifier;
import com.tokyoia.etl.application.ExportObserver;
import com.tokyoia.etl.application.LakeReconciler;
import com.tokyoia.etl.infrastructure.config.EtlSettings;
import com.tokyoia.etl.infrastructure.manifest.ManifestRepository;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * Builds the plain ETL classes for the server. They use the non-JTA ETL datasource: an export
 * holds a read-only snapshot transaction and an advisory lock of its own for minutes, outside any
 * container transaction and without taking connections from the API's pool.
 */
@ApplicationScoped
public class EtlRuntime {
    @Resource(lookup = "java:jboss/datasources/TokyoIaEtlDS")
    DataSource dataSource;

    @Inject
    EtlSettings settings;

    @Resource
    ManagedExecutorService executor;

    public DayExporter exporter() {
        return new DayExporter(dataSource, settings.store(), settings.catalog(), settings.retry(), settings.workDir(),
                settings.rowGroupBytes(), ExportObserver.NONE, executor);
    }

    public DayExportTask task() {
        return new DayExportTask(exporter(), settings.notifiers());
    }

    public ManifestRepository manifest() {
        return new ManifestRepository(dataSource);
    }

    public CatchUpPlanner planner() {
        return new CatchUpPlanner(manifest(), settings.catchUpMaxDays());
    }

    public LakeReconciler reconciler() {
        return new LakeReconciler(dataSource, exporter());
    }

    public DeepVerifier verifier() {
        return new DeepVerifier(dataSource, settings.store(), settings.workDir());
    }

    public EtlSettings settings() {
        return settings;
    }
}
