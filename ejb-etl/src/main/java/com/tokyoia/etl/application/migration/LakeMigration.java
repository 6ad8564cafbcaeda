package com.tokyoia.etl.application.migration;

import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.port.FailureReport;
import com.tokyoia.etl.application.port.LakeMigrationLog;
import com.tokyoia.etl.application.port.LakeStores;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Moves the lake to another store, version by version: each current proven version not yet at the
 * target is copied, read back from the target (size and SHA-256 against the manifest), published
 * to the target's catalog, and only then switched in the manifest, in one transaction with the
 * migration log. The source copy stays where it was (the manifest names it as the version's
 * previous location), so readers on the old store keep their answers while the lake moves, and a
 * failed or stopped migration leaves every version readable where the manifest says. A version
 * whose copy cannot be proven stays on the source, is reported and alerted, and the rest go on;
 * running the migration again (or restarting the job) moves only what is left and never copies a
 * verified version twice.
 */
public final class LakeMigration {
    private static final Logger LOG = Logger.getLogger(LakeMigration.class.getName());
    private final Manifest manifest;
    private final LakeMigrationLog log;
    private final Alerts alerts;
    private final Path workDir;
    private final Clock clock;
    private final Retry retry;

    /** {@code retry}: transient store and catalog failures (a dropped connection) are retried as the exports retry them. */
    public LakeMigration(Manifest manifest, LakeMigrationLog log, Alerts alerts, Path workDir, Clock clock, Retry retry) {
        this.retry = retry;
        this.manifest = manifest;
        this.log = log;
        this.alerts = alerts;
        this.workDir = workDir;
        this.clock = clock;
    }

    /** One version to move: where it is now and its size. */
    public record Move(String table, LocalDate day, int version, long bytes, String from, @JsonbTransient ManifestEntry entry,
                       @JsonbTransient LakeLocation source) {
    }

    /** A version the migration leaves where it is, and why. */
    public record Left(String table, LocalDate day, int version, String reason) {
    }

    /** What a migration to {@code target} would move (a dry run shows it; the job carries it out). */
    public record Plan(String target, String targetCatalog, int versions, long bytes, List<Move> moves, List<Left> left) {
    }

    /** What a run did: versions moved, those that failed and why, and how many the plan left where they are. */
    public record Outcome(int moved, long bytesMoved, List<String> failures, int left, boolean stopped) {
        public String summary() {
            return (stopped ? "stopped: " : "") + "moved " + moved + " version(s), " + bytesMoved + " bytes"
                    + (left == 0 ? "" : "; " + left + " left where they are (archived or missing: GET /api/etl/lake/migrations/plan says why)")
                    + (failures.isEmpty() ? "" : "; " + failures.size() + " failed, left on the source: " + String.join("; ", failures));
        }
    }

    /** The current proven versions of [from, to] not at {@code target}; {@code configured} stands in for what a row does not record. */
    public Plan plan(LakeLocation target, LakeLocation configured, LocalDate from, LocalDate to) throws SQLException {
        List<Move> moves = new ArrayList<>();
        List<Left> left = new ArrayList<>();
        long bytes = 0;
        for (ManifestEntry entry : manifest.currentVersions(null, from, to)) {
            LakeLocation at = entry.location().orElse(configured);
            if (!at.conflictsWith(target)) {
                continue;
            }
            if (entry.status() == ManifestStatus.ARCHIVED) {
                left.add(new Left(entry.table(), entry.day(), entry.version(), "archived at the source (" + entry.storageClass()
                        + "): the migration moves directly readable copies only; it stays readable where it is once restored"));
                continue;
            }
            if (!entry.readableAt(clock.instant())) {
                left.add(new Left(entry.table(), entry.day(), entry.version(), "its object is archived or missing ("
                        + entry.storageClass() + "): restore it first (POST /api/etl/restore), then migrate again"));
                continue;
            }
            long size = entry.bytes() == null ? 0 : entry.bytes();
            moves.add(new Move(entry.table(), entry.day(), entry.version(), size, at.root(), entry, at));
            bytes += size;
        }
        return new Plan(target.root(), target.catalog(), moves.size(), bytes, moves, left);
    }

    /** Carries out the plan; {@code stopping} is asked between versions (a stopped job ends after the version at hand). */
    public Outcome migrate(Plan plan, LakeLocation target, LakeStores stores, long executionId, BooleanSupplier stopping) throws IOException {
        AutoCloseable lock;
        try {
            lock = log.exclusive();
        } catch (SQLException e) {
            throw new IOException("could not take the migration lock: " + e.getMessage(), e);
        }
        try {
            return migrateHolding(plan, target, stores, executionId, stopping);
        } finally {
            try {
                lock.close();
            } catch (Exception e) {
                // The lock goes with its connection in any case.
                LOG.warning(() -> "Could not release the migration lock: " + e.getMessage());
            }
        }
    }

    private Outcome migrateHolding(Plan plan, LakeLocation target, LakeStores stores, long executionId, BooleanSupplier stopping)
            throws IOException {
        MigrationTarget to = new MigrationTarget(target, stores.store(target), stores.catalog(target));
        int moved = 0;
        long bytes = 0;
        List<String> failures = new ArrayList<>();
        // The whole plan is claimed first: the run's progress counts against all it will do.
        Map<Long, LakeMigrationLog.State> claimed = new HashMap<>();
        try {
            for (Move move : plan.moves()) {
                claimed.put(move.entry().id(), log.claim(move.entry(), move.source(), target, executionId));
            }
        } catch (SQLException e) {
            throw new IOException("could not record the migration's plan: " + e.getMessage(), e);
        }
        for (Move move : plan.moves()) {
            if (stopping.getAsBoolean()) {
                return new Outcome(moved, bytes, failures, plan.left().size(), true);
            }
            ManifestEntry entry = move.entry();
            try {
                if (move(entry, move.source(), to, stores, claimed.get(entry.id()), executionId)) {
                    moved++;
                    bytes += move.bytes();
                }
                alerts.recovered(Alerts.MIGRATION, entry.table(), entry.day());
            } catch (IOException | SQLException | RuntimeException e) {
                String why = entry.table() + " " + entry.day() + " v" + entry.version() + ": " + e.getMessage();
                failures.add(why);
                LOG.warning(() -> "Lake migration to " + target + " left " + why);
                recordFailure(entry, target, e);
                alerts.failed(Alerts.MIGRATION, new FailureReport("migrate-lake", entry.table(), entry.day().toString(),
                        e.getMessage(), executionId));
            }
        }
        return new Outcome(moved, bytes, failures, plan.left().size(), false);
    }

    private void recordFailure(ManifestEntry entry, LakeLocation target, Exception e) {
        try {
            log.failed(entry.id(), target, String.valueOf(e.getMessage()));
        } catch (SQLException logged) {
            LOG.warning(() -> "Could not record the failure of " + entry.table() + " " + entry.day() + ": " + logged.getMessage());
        }
    }

    /** Moves one version; false when another run moved it meanwhile. */
    private boolean move(ManifestEntry entry, LakeLocation source, MigrationTarget to, LakeStores stores, LakeMigrationLog.State state,
                         long executionId) throws IOException, SQLException {
        Path back = workDir.resolve("migrate-" + executionId + "-" + entry.id() + ".readback");
        Files.createDirectories(workDir);
        try {
            Optional<StoredObject> there = head(to.store(), entry);
            boolean sameObjects = source.root() != null && source.root().equals(to.location().root());
            if (sameObjects) {
                // Only the catalog changes: the very objects are proven where they are, never copied over or deleted.
                proveCopy(entry, to.store(), back);
                log.verified(entry.id(), to.location());
            } else if (state == LakeMigrationLog.State.VERIFIED && there.isPresent() && sizeMatches(there.get(), entry)) {
                LOG.fine(() -> entry.objectKey() + " was proven at " + to.location() + " by an earlier attempt");
            } else if (there.isPresent() && sizeMatches(there.get(), entry) && matches(entry, to.store(), back)) {
                // An attempt that died after writing the object but before recording its proof: read back, not copied again.
                log.verified(entry.id(), to.location());
            } else {
                copy(entry, stores.store(source), to.store(), there.isPresent(), executionId);
                log.verified(entry.id(), to.location());
            }
        } finally {
            Files.deleteIfExists(back);
        }
        LakeTable table = LakeSchemaRegistry.table(entry.table())
                .orElseThrow(() -> new IllegalStateException("the manifest names a table the registry does not know"));
        String folder = to.store().uri(LakeKeys.versionFolder(entry.table(), entry.day(), entry.version()));
        retry.call("publish " + folder + " to the catalog", () -> {
            to.catalog().publish(table, entry.day(), folder);
            return null;
        });
        StoredObject atTarget = head(to.store(), entry).orElseThrow(() -> new IOException(to.store().uri(entry.objectKey())
                + " vanished before the switch"));
        return log.switched(entry.id(), source, to.location(), atTarget);
    }

    /**
     * Copies the version's object and proves the target's copy by reading it back. A copy that fails
     * its proof is deleted only when this run created it: an object that was there before (a copy an
     * older move left behind, which readers may still use) is never deleted.
     */
    private void copy(ManifestEntry entry, ObjectStore source, ObjectStore target, boolean targetHadObject, long executionId)
            throws IOException, SQLException {
        Path file = workDir.resolve("migrate-" + executionId + "-" + entry.id() + ".parquet");
        Path back = workDir.resolve("migrate-" + executionId + "-" + entry.id() + ".copy-readback");
        boolean written = false;
        try {
            retry.call("download " + source.uri(entry.objectKey()), () -> {
                source.download(entry.objectKey(), file);
                return null;
            });
            String sha = Sha256.ofFile(file);
            if (!sha.equals(entry.sha256())) {
                throw new IOException("the source copy " + source.uri(entry.objectKey()) + " has SHA-256 " + sha + ", the manifest "
                        + entry.sha256() + ": not copied (deep verify the day: POST /api/etl/days/" + entry.table() + "/" + entry.day()
                        + "/verify)");
            }
            written = true;
            retry.call("upload " + target.uri(entry.objectKey()), () -> target.put(entry.objectKey(), file, sha));
            proveCopy(entry, target, back);
        } catch (IOException | SQLException e) {
            // Nothing points at an unproven copy this run made; it goes, so the target holds only what the manifest can vouch for.
            if (written && !targetHadObject) {
                target.delete(entry.objectKey());
            }
            throw e;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(back);
        }
    }

    /** Reads the target's copy back: its size and SHA-256 must be the manifest's. */
    private void proveCopy(ManifestEntry entry, ObjectStore target, Path back) throws IOException {
        Optional<StoredObject> stored = head(target, entry);
        if (stored.isEmpty() || !sizeMatches(stored.get(), entry)) {
            throw new IOException("the copy at " + target.uri(entry.objectKey()) + " has " + stored.map(s -> s.size() + " bytes")
                    .orElse("no object") + ", the manifest " + entry.bytes());
        }
        if (!matches(entry, target, back)) {
            throw new IOException("the copy at " + target.uri(entry.objectKey()) + " reads back with another SHA-256 than the manifest's "
                    + entry.sha256());
        }
    }

    /** Whether the object reads back with the manifest's SHA-256 (read errors are thrown, not taken for a mismatch). */
    private boolean matches(ManifestEntry entry, ObjectStore target, Path back) throws IOException {
        download(target, entry, back);
        return Sha256.ofFile(back).equals(entry.sha256());
    }

    private static boolean sizeMatches(StoredObject stored, ManifestEntry entry) {
        return entry.bytes() == null || stored.size() == entry.bytes();
    }

    private Optional<StoredObject> head(ObjectStore target, ManifestEntry entry) throws IOException {
        try {
            return retry.call("read " + target.uri(entry.objectKey()), () -> target.head(entry.objectKey()));
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private void download(ObjectStore target, ManifestEntry entry, Path file) throws IOException {
        try {
            retry.call("read back " + target.uri(entry.objectKey()), () -> {
                target.download(entry.objectKey(), file);
                return null;
            });
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
