package com.tokyoia.etl.infrastructure.wiring;

import com.tokyoia.etl.application.CatchUpPlanner;
import com.tokyoia.etl.application.DamagedCopies;
import com.tokyoia.etl.application.DayExportTask;
import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.application.DeepVerifier;
import com.tokyoia.etl.application.EtlSettings;
import com.tokyoia.etl.application.ExportObserver;
import com.tokyoia.etl.application.LakePlacementCheck;
import com.tokyoia.etl.application.LakeReconciler;
import com.tokyoia.etl.application.ReconcileDayTask;
import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.application.alerting.AlertEvaluator;
import com.tokyoia.etl.application.alerting.AlertSettings;
import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.alerting.CostSpikeCondition;
import com.tokyoia.etl.application.alerting.PartitionLagCondition;
import com.tokyoia.etl.application.alerting.StorageQuotaCondition;
import com.tokyoia.etl.application.archive.LakeArchive;
import com.tokyoia.etl.application.migration.CatalogResync;
import com.tokyoia.etl.application.migration.LakeMigration;
import com.tokyoia.etl.application.migration.LakeMoves;
import com.tokyoia.etl.application.footprint.CostModel;
import com.tokyoia.etl.application.footprint.FootprintReport;
import com.tokyoia.etl.application.port.AlertChannel;
import com.tokyoia.etl.application.port.EtlMetrics;
import com.tokyoia.etl.application.port.ExecutionLeases;
import com.tokyoia.etl.application.port.HotDays;
import com.tokyoia.etl.application.port.JobAudit;
import com.tokyoia.etl.application.port.ExportProgressLog;
import com.tokyoia.etl.application.port.LakeMigrationLog;
import com.tokyoia.etl.application.port.RetentionHolds;
import com.tokyoia.etl.application.recovery.DayReimport;
import com.tokyoia.etl.application.recovery.ObjectVersionRestore;
import com.tokyoia.etl.application.retention.DayRetention;
import com.tokyoia.etl.application.retention.PlatformHousekeeping;
import com.tokyoia.etl.application.retention.RetentionRun;
import com.tokyoia.etl.application.retention.RetentionSettings;
import com.tokyoia.etl.application.retention.SupersededVersions;
import com.tokyoia.etl.application.scrub.LakeScrub;
import com.tokyoia.etl.application.scrub.ScrubSettings;
import com.tokyoia.etl.infrastructure.alerting.JdbcAlertFacts;
import com.tokyoia.etl.infrastructure.alerting.JdbcIncidentLog;
import com.tokyoia.etl.infrastructure.audit.JdbcJobAudit;
import com.tokyoia.etl.infrastructure.catalog.Catalogs;
import com.tokyoia.etl.infrastructure.extract.PostgresDaySource;
import com.tokyoia.etl.infrastructure.failure.TransientFailures;
import com.tokyoia.etl.infrastructure.footprint.JdbcFootprintFacts;
import com.tokyoia.etl.infrastructure.lock.PostgresExportLocks;
import com.tokyoia.etl.infrastructure.metrics.MicrometerEtlMetrics;
import com.tokyoia.etl.infrastructure.migration.JdbcLakeMigrationLog;
import com.tokyoia.etl.infrastructure.notify.MailNotifier;
import com.tokyoia.etl.infrastructure.notify.WebhookNotifier;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.etl.infrastructure.progress.JdbcExportProgressLog;
import com.tokyoia.etl.infrastructure.recovery.PostgresExecutionLeases;
import com.tokyoia.etl.infrastructure.reimport.PostgresHotDayLoader;
import com.tokyoia.etl.infrastructure.retention.JdbcRetentionHolds;
import com.tokyoia.etl.infrastructure.retention.PostgresHotDays;
import com.tokyoia.etl.infrastructure.retention.PostgresHousekeeping;
import com.tokyoia.etl.infrastructure.scrub.JdbcCopyChecks;
import com.tokyoia.etl.infrastructure.store.ObjectStores;
import com.tokyoia.etl.infrastructure.store.OpenedLakeStores;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.infrastructure.JdbcLakePlacements;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.lake.infrastructure.config.LakeSettings;
import com.tokyoia.lake.infrastructure.config.LifecycleSettings;
import com.tokyoia.lake.infrastructure.config.TrinoSettings;
import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.health.DependencyProbes;
import com.tokyoia.platform.health.LakePlacementReadinessCheck;
import com.tokyoia.platform.health.LakeStoreReadinessCheck;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.Session;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Builds the plain ETL classes for the server from the settings and offers them to CDI (the
 * operations facade, the batch artifacts and the timers inject them). They use the
 * non-JTA ETL datasource: an export holds a read-only snapshot transaction and an advisory lock of
 * its own for minutes, outside any container transaction and without taking connections from the
 * API's pool.
 */
@ApplicationScoped
public class EtlWiring {
    private static final Logger LOG = Logger.getLogger(EtlWiring.class.getName());

    @Resource(lookup = "java:jboss/datasources/TokyoIaEtlDS")
    DataSource dataSource;
    @Resource
    ManagedExecutorService executor;
    @Resource(lookup = "java:jboss/mail/Default")
    Session mailSession;
    @Inject
    Clock clock;
    @Inject
    LakeSettings lake;
    @Inject
    TrinoSettings trino;
    @Inject
    LifecycleSettings lifecycle;
    @Inject
    DependencyProbes probes;
    @Inject
    Instance<MeterRegistry> meters;

    private EtlSettings settings;
    private RetentionSettings retention;
    private ScrubSettings scrub;
    private ObjectStore store;
    private Catalogs.Opened catalog;
    private Alerts alerts;
    private AlertSettings alertSettings;
    private EtlMetrics metrics;
    private CostModel costModel;
    private LakePlacementCheck placementCheck;

    @PostConstruct
    void build() {
        settings = EtlSettings.from(ConfigReader.forModuleOf(EtlWiring.class));
        retention = RetentionSettings.from(ConfigReader.forModuleOf(EtlWiring.class));
        scrub = ScrubSettings.from(ConfigReader.forModuleOf(EtlWiring.class));
        store = ObjectStores.open(lake);
        catalog = Catalogs.open(lake, trino);
        probes.register(LakeStoreReadinessCheck.NAME, store::probe);
        placementCheck = new LakePlacementCheck(new JdbcLakePlacements(dataSource)::current, lake.location());
        probes.register(LakePlacementReadinessCheck.NAME, placementCheck::probe);
        metrics = meters.isResolvable() ? new MicrometerEtlMetrics(meters.get()) : EtlMetrics.NONE;
        costModel = CostModel.from(ConfigReader.forModuleOf(EtlWiring.class), lifecycle.storagePrices());
        List<AlertChannel> configured = new ArrayList<>();
        settings.alertWebhook().ifPresent(url -> configured.add(new WebhookNotifier(url)));
        settings.alertMailTo().ifPresent(to -> configured.add(new MailNotifier(mailSession, settings.alertMailFrom(), to)));
        alerts = new Alerts(configured, new JdbcIncidentLog(dataSource), clock);
        alertSettings = AlertSettings.from(ConfigReader.forModuleOf(EtlWiring.class));
        LOG.info(() -> "Lake " + store.uri("") + ", catalog " + ConfigReader.spelling(lake.catalog()) + ", "
                + alerts.channels() + " alert channel(s); " + settings);
    }

    @PreDestroy
    void close() {
        ObjectStores.close(store);
        catalog.close();
        if (metrics instanceof MicrometerEtlMetrics meters) {
            meters.close();
        }
    }

    @Produces
    LakePlacementCheck placementCheck() {
        return placementCheck;
    }

    @Produces
    EtlSettings settings() {
        return settings;
    }

    @Produces
    Manifest manifest() {
        // Every version this node exports records where it wrote it (store and catalog).
        return new JdbcManifest(dataSource, clock, lake.location());
    }

    private DamagedCopies damagedCopies() {
        return new DamagedCopies(manifest(), alerts, clock);
    }

    @Produces
    Alerts alerts() {
        return alerts;
    }

    @Produces
    AlertEvaluator alertEvaluator() {
        JdbcAlertFacts facts = new JdbcAlertFacts(dataSource);
        return new AlertEvaluator(alerts, List.of(new CostSpikeCondition(facts, alertSettings),
                new PartitionLagCondition(facts, alertSettings.maxLagDays()),
                new StorageQuotaCondition(facts, alertSettings.lakeQuotaBytes(), alertSettings.postgresQuotaBytes())), clock);
    }

    @Produces
    FootprintReport footprintReport() {
        return new FootprintReport(new JdbcFootprintFacts(dataSource), new JdbcAlertFacts(dataSource), costModel, metrics, clock);
    }

    @Produces
    DayExportTask task() {
        return new DayExportTask(exporter(), alerts, metrics);
    }

    @Produces
    CatchUpPlanner planner() {
        return new CatchUpPlanner(manifest(), settings.catchUpMaxDays());
    }

    @Produces
    ReconcileDayTask reconcileTask() {
        return new ReconcileDayTask(new LakeReconciler(manifest(), source(), exporter()), alerts);
    }

    @Produces
    DeepVerifier verifier() {
        return new DeepVerifier(manifest(), store, new ParquetFiles(), settings.workDir(), damagedCopies());
    }

    @Produces
    LakeScrub lakeScrub() {
        return new LakeScrub(new JdbcCopyChecks(dataSource), manifest(), verifier(), scrub, clock);
    }

    /** This server's leases: its name (jboss.node.name) and this boot, so a restarted server does not mistake the dead one's work for its own. */
    @Produces
    @Singleton
    ExecutionLeases executionLeases() {
        String node = System.getProperty("jboss.node.name", "node") + "/" + UUID.randomUUID();
        return new PostgresExecutionLeases(dataSource, node, settings.executionLease(), clock);
    }

    @Produces
    JobAudit jobAudit() {
        return new JdbcJobAudit(dataSource, clock);
    }

    @Produces
    LakeArchive lakeArchive() {
        return new LakeArchive(manifest(), store, lifecycle.model(), lifecycle.restorePrices(), alerts, clock);
    }

    @Produces
    ObjectVersionRestore objectVersionRestore() {
        return new ObjectVersionRestore(manifest(), store, settings.workDir(), damagedCopies());
    }

    @Produces
    DayReimport reimport() {
        return new DayReimport(manifest(), store, new ParquetFiles(), new PostgresHotDayLoader(dataSource, clock),
                new PostgresExportLocks(dataSource), settings.workDir());
    }

    /** Migrations and re-syncs open other stores and every catalog per run; this deployment's own store is shared, not closed. */
    @Produces
    LakeMoves lakeMoves() {
        return new LakeMoves(new LakeMigration(manifest(), new JdbcLakeMigrationLog(dataSource, clock), alerts, settings.workDir(), clock,
                retry()), new CatalogResync(manifest()), () -> new OpenedLakeStores(lake, trino, store));
    }

    @Produces
    ExportProgressLog exportProgressLog() {
        return new JdbcExportProgressLog(dataSource, clock);
    }

    @Produces
    LakeMigrationLog lakeMigrationLog() {
        return new JdbcLakeMigrationLog(dataSource, clock);
    }

    @Produces
    RetentionSettings retentionSettings() {
        return retention;
    }

    @Produces
    HotDays hotDays() {
        return new PostgresHotDays(dataSource, clock, retention.reimportKeep());
    }

    @Produces
    RetentionRun retentionRun() {
        HotDays hot = hotDays();
        DayRetention days = new DayRetention(manifest(), store, source(), hot, new PostgresExportLocks(dataSource), retry(),
                settings.workDir(), retention.deleteBatchRows(), damagedCopies());
        return new RetentionRun(days, hot, retentionHolds(), alerts, retention.hotDays());
    }

    @Produces
    RetentionHolds retentionHolds() {
        return new JdbcRetentionHolds(dataSource, clock);
    }

    @Produces
    SupersededVersions supersededVersions() {
        return new SupersededVersions(manifest(), store, retry(), retention.supersededGrace(), clock);
    }

    @Produces
    PlatformHousekeeping housekeeping() {
        return new PlatformHousekeeping(new PostgresHousekeeping(dataSource), retention, clock);
    }

    private DayExporter exporter() {
        return new DayExporter(source(), manifest(), new PostgresExportLocks(dataSource), store, catalog.publisher(),
                new ParquetFiles(), retry(), settings.workDir(), ExportObserver.NONE, exportProgressLog(), executor, clock);
    }

    private PostgresDaySource source() {
        return new PostgresDaySource(dataSource, executor, new ParquetLayout(settings.rowGroupBytes(),
                ParquetLayout.Codec.valueOf(settings.compression().name()), settings.v2Pages()), settings.sqlProof(),
                settings.copyRanges());
    }

    private Retry retry() {
        return new Retry(settings.retries(), settings.retryBackoff(), TransientFailures::isTransient);
    }
}
