package com.tokyoia.etl.application;

import com.tokyoia.etl.application.archive.LakeArchive;
import com.tokyoia.etl.application.footprint.FootprintReport;
import com.tokyoia.etl.application.migration.LakeMigration;
import com.tokyoia.etl.application.migration.LakeMoves;
import com.tokyoia.etl.application.port.ExecutionLeases;
import com.tokyoia.etl.application.port.HotDays;
import com.tokyoia.etl.application.port.ExportProgressLog;
import com.tokyoia.etl.application.port.LakeMigrationLog;
import com.tokyoia.etl.application.port.RetentionHolds;
import com.tokyoia.etl.application.recovery.ExecutionsRunningHere;
import com.tokyoia.etl.application.recovery.ObjectVersionRestore;
import com.tokyoia.etl.application.retention.RetentionRun;
import com.tokyoia.etl.application.retention.RetentionSettings;
import com.tokyoia.etl.application.retention.RetentionVerdict;
import com.tokyoia.etl.domain.ExportRequest;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.lifecycle.RestoreTier;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.persistence.partition.DayPurgedException;
import com.tokyoia.platform.error.InvalidValueException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What operators do with the ETL: start a backfill, a re-export or a reconcile; list runs with
 * their progress; list per-(table, day) manifest status; deep-verify a day. Jobs are started here
 * (in the module that holds their XML) so the web module and the timers share one entry point.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EtlOperations {
    private static final Logger LOG = Logger.getLogger(EtlOperations.class.getName());
    public static final String EXPORT_JOB = "daily-export";
    public static final String RECONCILE_JOB = "reconcile-lake";
    public static final String RETENTION_JOB = "retention";
    public static final String REIMPORT_JOB = "reimport";
    public static final String STORAGE_CLASSES_JOB = "storage-classes";
    public static final String SCRUB_JOB = "scrub-lake";
    public static final String MIGRATE_LAKE_JOB = "migrate-lake";
    public static final String PUBLISH_LAKE_JOB = "publish-lake";

    @Inject
    EtlSettings settings;
    @Inject
    Manifest manifest;
    @Inject
    CatchUpPlanner planner;
    @Inject
    DeepVerifier verifier;
    @Inject
    Clock clock;
    @Inject
    RetentionRun retention;
    @Inject
    RetentionHolds holds;
    @Inject
    ExecutionLeases leases;
    @Inject
    ExecutionsRunningHere running;
    @Inject
    ObjectVersionRestore objectRestore;
    @Inject
    LakeArchive archive;
    @Inject
    RetentionSettings retentionSettings;
    @Inject
    HotDays hotDays;
    @Inject
    FootprintReport footprints;
    @Inject
    LakeMoves moves;
    @Inject
    LakeMigrationLog migrationLog;
    @Inject
    ExportProgressLog exportProgress;
    @Inject
    LakePlacementCheck placementCheck;

    /**
     * A job execution with what it was asked to do and how far it got. Exports count table-days and
     * rows: those of proven days plus those streamed so far by the days still exporting, and
     * {@code rowsExpected} adds PostgreSQL's estimate of those days to the proven rows (0 when none
     * is running; days not started yet are not in it); a lake migration counts versions (table-days) and bytes moved, and names its target.
     */
    public record Run(long executionId, String job, String status, Instant started, Instant ended, String from,
                      String to, String tables, String mode, int daysDone, int daysTotal, long rows, double rowsPerSecond,
                      String exitStatus, String target, long bytes, long bytesTotal, double bytesPerSecond, long rowsExpected) {
    }

    /** The target of a migration ({@code uri} file:///dir or s3://bucket/prefix; {@code catalog} none, trino or glue). */
    public LakeLocation migrationTarget(String uri, String catalog) {
        try {
            return LakeLocation.parse(uri, catalog);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(uri == null || uri.isBlank() || !String.valueOf(e.getMessage()).contains("catalog") ? "target"
                    : "catalog", e.getMessage());
        }
    }

    /** Where the lake's proven days are against this deployment's store and catalog. */
    public LakePlacementCheck.Report placement() throws SQLException {
        return placementCheck.report();
    }

    /** What a migration would move now, and the bytes: nothing changes (a dry run). */
    public LakeMigration.Plan migrationPlan(LakeLocation target, LocalDate from, LocalDate to) throws SQLException {
        return moves.plan(target, from, to);
    }

    /** Starts the lake migration; refused while one (or a catalog re-sync) runs. */
    public long startMigration(LakeLocation target, LocalDate from, LocalDate to, String startedBy) {
        refuseRunning(List.of(MIGRATE_LAKE_JOB, PUBLISH_LAKE_JOB), "the lake's placement");
        try {
            // A target that does not answer would fail every version, one alert each: refused before anything starts.
            moves.reachable(target);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new InvalidValueException("target", "the store or catalog at " + target + " does not answer: " + e.getMessage());
        }
        Properties parameters = new Properties();
        parameters.setProperty("target", target.root());
        parameters.setProperty("targetCatalog", target.catalog());
        optionalDays(parameters, from, to);
        parameters.setProperty(JobStarters.STARTED_BY, startedBy);
        return started(BatchRuntime.getJobOperator().start(MIGRATE_LAKE_JOB, parameters), MIGRATE_LAKE_JOB);
    }

    /** Starts the catalog re-sync of this deployment's store; refused while it or a migration runs. */
    public long startCatalogPublish(LocalDate from, LocalDate to, String startedBy) {
        refuseRunning(List.of(MIGRATE_LAKE_JOB, PUBLISH_LAKE_JOB), "the lake's catalog");
        Properties parameters = new Properties();
        optionalDays(parameters, from, to);
        parameters.setProperty(JobStarters.STARTED_BY, startedBy);
        return started(BatchRuntime.getJobOperator().start(PUBLISH_LAKE_JOB, parameters), PUBLISH_LAKE_JOB);
    }

    private static void optionalDays(Properties parameters, LocalDate from, LocalDate to) {
        if (from != null) {
            parameters.setProperty("from", from.toString());
        }
        if (to != null) {
            parameters.setProperty("to", to.toString());
        }
    }

    private static void refuseRunning(List<String> jobs, String what) {
        JobOperator operator = BatchRuntime.getJobOperator();
        for (String job : jobs) {
            try {
                List<Long> running = operator.getRunningExecutions(job);
                if (!running.isEmpty()) {
                    throw new JobAlreadyRunningException(running.get(0), job, what);
                }
            } catch (NoSuchJobException e) {
                // Never run yet.
            }
        }
    }

    public ExportRequest validate(String from, String to, String tables) {
        return ExportRequest.parse(from, to, tables, today(), settings.maxRangeDays());
    }

    /** {@code startedBy}: the audit log's actor ({@link JobStarters}). */
    public long startExport(ExportRequest request, boolean reexport, String startedBy) {
        refuseOverlap(request);
        if (reexport) {
            refusePurged(request);
        }
        Properties parameters = rangeParameters(request, startedBy);
        parameters.setProperty("mode", reexport ? "reexport" : "export");
        return started(BatchRuntime.getJobOperator().start(EXPORT_JOB, parameters), EXPORT_JOB);
    }

    public long startReconcile(ExportRequest range, String startedBy) {
        refuseOverlap(range);
        return started(BatchRuntime.getJobOperator().start(RECONCILE_JOB, rangeParameters(range, startedBy)), RECONCILE_JOB);
    }

    /** The parameters every job over a range of days takes: from, to, tables, and who started it. */
    private static Properties rangeParameters(ExportRequest range, String startedBy) {
        Properties parameters = new Properties();
        parameters.setProperty("from", range.from().toString());
        parameters.setProperty("to", range.to().toString());
        parameters.setProperty("tables", range.tableNames());
        parameters.setProperty(JobStarters.STARTED_BY, startedBy);
        return parameters;
    }

    /**
     * This server holds the new execution's lease from the start, also while it waits for a batch
     * thread, so no other node takes it for an orphan.
     */
    private long started(long executionId, String job) {
        running.add(executionId);
        try {
            leases.acquire(executionId, job);
        } catch (SQLException e) {
            // The job's own listener takes the lease when it starts; recovery also waits a lease period for new executions.
            LOG.log(Level.WARNING, "Could not take the lease of job execution " + executionId + " yet", e);
        }
        return executionId;
    }

    /** A re-export of a day retention removed from PostgreSQL would replace the lake's copy with nothing. */
    private void refusePurged(ExportRequest request) {
        try {
            for (LakeTable table : request.tables()) {
                for (ManifestEntry entry : manifest.currentVersions(table.name(), request.from(), request.to())) {
                    if (entry.status() == ManifestStatus.PURGED) {
                        throw new DayPurgedException(table.name(), entry.day(), "its lake copy (version " + entry.version()
                                + ") is the only one and is not exported again");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the manifest", e);
        }
    }

    /** Puts days back into PostgreSQL from their lake copies (the reimport job). */
    public long startReimport(ExportRequest range, String startedBy) {
        refuseOverlap(range);
        return started(BatchRuntime.getJobOperator().start(REIMPORT_JOB, rangeParameters(range, startedBy)), REIMPORT_JOB);
    }

    /** Brings back the stored version of a day's object whose SHA-256 is the manifest's (a versioned bucket). */
    public ObjectVersionRestore.Outcome restoreObject(LakeTable table, LocalDate day) throws IOException, SQLException {
        return objectRestore.restore(table, day);
    }

    /** Starts the retention job; refused while one runs. */
    public long startRetention(String startedBy) {
        return startAlone(RETENTION_JOB, "PostgreSQL's old days", startedBy);
    }

    /** Starts the storage-class refresh; refused while one runs. */
    public long startStorageRefresh(String startedBy) {
        return startAlone(STORAGE_CLASSES_JOB, "the lake's storage classes", startedBy);
    }

    /**
     * Starts the scrub: the lake copies checked longest ago, of the days in [from, to] (each null: no
     * bound), are re-read completely as deep verify does, a bounded amount; refused while one runs.
     */
    public long startScrub(LocalDate from, LocalDate to, String startedBy) {
        refuseRunning(List.of(SCRUB_JOB), "the lake's scrub");
        Properties parameters = new Properties();
        optionalDays(parameters, from, to);
        parameters.setProperty(JobStarters.STARTED_BY, startedBy);
        return started(BatchRuntime.getJobOperator().start(SCRUB_JOB, parameters), SCRUB_JOB);
    }

    /** Starts a job that takes no parameters and of which one runs at a time. */
    private long startAlone(String job, String what, String startedBy) {
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            List<Long> running = operator.getRunningExecutions(job);
            if (!running.isEmpty()) {
                throw new JobAlreadyRunningException(running.get(0), job, what);
            }
        } catch (NoSuchJobException e) {
            // Never run yet.
        }
        Properties parameters = new Properties();
        parameters.setProperty(JobStarters.STARTED_BY, startedBy);
        return started(operator.start(job, parameters), job);
    }

    /** Every current copy in the range with its storage class (now and by the lifecycle policy) and whether engines can read it. */
    public List<LakeArchive.CopyState> storage(ExportRequest range) throws SQLException {
        return archive.states(range);
    }

    /** What restoring the range's archived copies would cost. */
    public LakeArchive.RestoreQuote restoreQuote(ExportRequest range, RestoreTier tier) throws SQLException {
        return archive.quote(range, tier);
    }

    /** Asks for readable copies of the range's archived objects; the storage-class refresh sees them arrive. */
    public LakeArchive.RestoreQuote restore(ExportRequest range, RestoreTier tier, int days) throws IOException, SQLException {
        return archive.restore(range, tier, days);
    }

    /** What retention would do now, day by day, without changing anything (a dry run). */
    public RetentionPlan retentionPlan() throws IOException, SQLException {
        LocalDate today = today();
        return new RetentionPlan(retention.cutoff(today), retention.run(today, -1, true, () -> false));
    }

    /** The days retention keeps in PostgreSQL although they are old enough, with why. */
    public List<RetentionHolds.Hold> retentionHolds() throws SQLException {
        return holds.all();
    }

    /** A dry run's answer: the first day PostgreSQL keeps, and a verdict per older day. */
    public record RetentionPlan(LocalDate keepsFrom, List<RetentionVerdict> days) {
    }

    /**
     * Refuses a request that shares a (table, day) with a running export or reconcile. Two requests
     * racing past this check are still safe: the export lock lets one of them work on the day.
     */
    private void refuseOverlap(ExportRequest request) {
        JobOperator operator = BatchRuntime.getJobOperator();
        for (String job : List.of(EXPORT_JOB, RECONCILE_JOB, RETENTION_JOB, REIMPORT_JOB)) {
            List<Long> running;
            try {
                running = operator.getRunningExecutions(job);
            } catch (NoSuchJobException e) {
                continue;
            }
            for (long id : running) {
                Properties p = operator.getParameters(id);
                if (p == null || p.getProperty("from") == null) {
                    continue;
                }
                ExportRequest other = new ExportRequest(LocalDate.parse(p.getProperty("from")),
                        LocalDate.parse(p.getProperty("to", p.getProperty("from"))), ExportRequest.tables(p.getProperty("tables")));
                request.overlap(other).ifPresent(what -> {
                    throw new JobAlreadyRunningException(id, job, what);
                });
            }
        }
    }

    /** Starts the catch-up export (yesterday and any missed day before it); empty when nothing is due. */
    public Optional<Long> startCatchUp(String startedBy) throws SQLException {
        List<LakeTable> tables = ExportRequest.tables(null);
        LocalDate today = today();
        Optional<LocalDate> first = planner.firstMissingDay(tables, today);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(startExport(new ExportRequest(first.get(), today.minusDays(1), tables), false, startedBy));
    }

    public List<Run> runs(int limit) throws SQLException {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<Run> runs = new ArrayList<>();
        for (String job : List.of(EXPORT_JOB, RECONCILE_JOB, RETENTION_JOB, REIMPORT_JOB, STORAGE_CLASSES_JOB, MIGRATE_LAKE_JOB,
                PUBLISH_LAKE_JOB, SCRUB_JOB)) {
            List<JobInstance> instances;
            try {
                instances = operator.getJobInstances(job, 0, limit);
            } catch (NoSuchJobException e) {
                continue;
            }
            for (JobInstance instance : instances) {
                for (JobExecution execution : operator.getJobExecutions(instance)) {
                    runs.add(describe(execution));
                }
            }
        }
        runs.sort(Comparator.comparingLong(Run::executionId).reversed());
        return runs.size() > limit ? runs.subList(0, limit) : runs;
    }

    public Optional<Run> run(long executionId) throws SQLException {
        try {
            return Optional.of(describe(BatchRuntime.getJobOperator().getJobExecution(executionId)));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    /**
     * The tables whose table-days measure an export run's progress; empty when its stored parameters
     * do not make a range (a run started from the console or CLI with a bad parameter, which failed at
     * once: it is still listed, with its parameters as given and the reason as its exit status).
     */
    private static Optional<List<LakeTable>> progressTables(String from, String to, String tables) {
        if (from == null) {
            return Optional.empty();
        }
        try {
            LocalDate start = LocalDate.parse(from);
            if (start.isAfter(LocalDate.parse(to))) {
                return Optional.empty();
            }
            return Optional.of(ExportRequest.tables(tables));
        } catch (DateTimeParseException | InvalidValueException e) {
            return Optional.empty();
        }
    }

    private Run describe(JobExecution execution) throws SQLException {
        // JBeret hands out the live execution that the running job keeps changing. Its state is read
        // once and before the manifest: a run seen as ended then counts every day its partitions
        // committed, where reading it after could pair COMPLETED with a count taken a moment earlier.
        BatchStatus status = execution.getBatchStatus();
        Date startTime = execution.getStartTime();
        Date endTime = execution.getEndTime();
        String exitStatus = execution.getExitStatus();
        Properties p = execution.getJobParameters() == null ? new Properties() : execution.getJobParameters();
        String from = p.getProperty("from");
        String to = p.getProperty("to", from);
        String tables = p.getProperty("tables");
        int total = 0;
        int done = 0;
        long rows = 0;
        Optional<List<LakeTable>> selected = EXPORT_JOB.equals(execution.getJobName()) ? progressTables(from, to, tables) : Optional.empty();
        if (selected.isPresent()) {
            LocalDate start = LocalDate.parse(from);
            LocalDate end = LocalDate.parse(to);
            total = (int) ((end.toEpochDay() - start.toEpochDay() + 1) * selected.get().size());
            boolean reexport = "reexport".equals(p.getProperty("mode"));
            for (LakeTable table : selected.get()) {
                for (ManifestEntry entry : manifest.latestVersions(table.name(), start, end)) {
                    boolean ofThisRun = Long.valueOf(execution.getExecutionId()).equals(entry.executionId());
                    if (entry.isProven() && (!reexport || ofThisRun)) {
                        done++;
                    }
                }
            }
        }
        for (ManifestEntry entry : manifest.forExecution(execution.getExecutionId())) {
            if (entry.isProven() && entry.rowCount() != null) {
                rows += entry.rowCount();
            }
        }
        long rowsExpected = 0;
        if (status == BatchStatus.STARTED || status == BatchStatus.STARTING || status == BatchStatus.STOPPING) {
            ExportProgressLog.Streaming streaming = exportProgress.streaming(execution.getExecutionId());
            rowsExpected = streaming.expectedRows() == 0 ? 0 : rows + streaming.expectedRows();
            rows += streaming.rows();
        }
        long bytes = 0;
        long bytesTotal = 0;
        if (MIGRATE_LAKE_JOB.equals(execution.getJobName())) {
            LakeMigrationLog.Progress progress = migrationLog.progress(execution.getExecutionId());
            done = progress.moved();
            total = progress.versions();
            bytes = progress.bytesMoved();
            bytesTotal = progress.bytesTotal();
        }
        Instant started = startTime == null ? null : startTime.toInstant();
        Instant ended = endTime == null ? null : endTime.toInstant();
        double seconds = started == null ? 0 : Duration.between(started, ended == null ? clock.instant() : ended).toMillis() / 1000.0;
        return new Run(execution.getExecutionId(), execution.getJobName(), status.name(), started, ended,
                from, to, tables, p.getProperty("mode"), done, total, rows, seconds > 0 ? rows / seconds : 0,
                exitStatus, p.getProperty("target"), bytes, bytesTotal, seconds > 0 ? bytes / seconds : 0, rowsExpected);
    }

    public List<ManifestEntry> days(String table, LocalDate from, LocalDate to) throws SQLException {
        return manifest.latestVersions(table, from, to);
    }

    public DeepVerifier.Verdict verify(LakeTable table, LocalDate day) throws IOException, SQLException {
        return verifier.verify(table, day);
    }

    public int reconcileWindowDays() {
        return settings.reconcileWindowDays();
    }

    /** The UTC day of the application's clock. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * What a view of the lake needs to place days: the server's today, the hot window, the exported
     * tables, and per table the days of the last {@code days} PostgreSQL holds (a day partition, or
     * rows of a plain table), which the manifest cannot tell.
     */
    public record Overview(LocalDate today, int hotDays, LocalDate hotFrom, List<String> tables, Map<String, List<LocalDate>> inPostgres) {
    }

    /** Where each table takes room now, its lake lag, and the monthly cost estimate; also refreshes the storage gauges. */
    public FootprintReport.Footprint footprint() {
        return footprints.now();
    }

    public Overview overview(int days) throws SQLException {
        LocalDate today = today();
        Map<String, List<LocalDate>> inPostgres = new LinkedHashMap<>();
        for (LakeTable table : LakeSchemaRegistry.tables()) {
            inPostgres.put(table.name(), hotDays.heldBetween(table, today.minusDays(days), today.plusDays(1)));
        }
        return new Overview(today, retentionSettings.hotDays(), today.minusDays(retentionSettings.hotDays()),
                LakeSchemaRegistry.tables().stream().map(LakeTable::name).toList(), inPostgres);
    }
}
