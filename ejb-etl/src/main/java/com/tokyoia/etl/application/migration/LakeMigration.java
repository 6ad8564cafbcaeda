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

    /** What a run did: versions moved (now or by an earlier attempt), those that failed and why. */
    public record Outcome(int moved, long bytesMoved, List<String> failures, boolean stopped) {
        public String summary() {
            return (stopped ? "stopped: " : "") + "moved " + moved + " version(s), " + bytesMoved + " bytes"
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
                return new Outcome(moved, bytes, failures, true);
            }
            ManifestEntry entry = move.entry();
            try {
                if (move(entry, move.source(), to, stores, claimed.get(entry.id()))) {
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
        return new Outcome(moved, bytes, failures, false);
    }

    private void recordFailure(ManifestEntry entry, LakeLocation target, Exception e) {
        try {
            log.failed(entry.id(), target, String.valueOf(e.getMessage()));
        } catch (SQLException logged) {
            LOG.warning(() -> "Could not record the failure of " + entry.table() + " " + entry.day() + ": " + logged.getMessage());
        }
    }

    /** Moves one version; false when another run moved it meanwhile. */
    private boolean move(ManifestEntry entry, LakeLocation source, MigrationTarget to, LakeStores stores, LakeMigrationLog.State state)
            throws IOException, SQLException {
        if (state != LakeMigrationLog.State.VERIFIED || !sameSize(to.store(), entry)) {
            // An attempt that died after writing the object but before recording the proof: read it back instead of copying again.
            if (!provenInPlace(entry, to.store())) {
                copy(entry, stores.store(source), to.store());
            }
            log.verified(entry.id(), to.location());
        }
        LakeTable table = LakeSchemaRegistry.table(entry.table())
                .orElseThrow(() -> new IllegalStateException("the manifest names a table the registry does not know"));
        String folder = to.store().uri(LakeKeys.versionFolder(entry.table(), entry.day(), entry.version()));
        retry.call("publish " + folder + " to the catalog", () -> {
            to.catalog().publish(table, entry.day(), folder);
            return null;
        });
        return log.switched(entry.id(), source, to.location());
    }

    /** Copies the version's object and proves the target's copy by reading it back. */
    private void copy(ManifestEntry entry, ObjectStore source, ObjectStore target) throws IOException, SQLException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve("migrate-" + entry.id() + ".parquet");
        Path back = workDir.resolve("migrate-" + entry.id() + ".readback");
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
            // Nothing points at an unproven copy; it goes, so the target holds only what the manifest can vouch for.
            if (written) {
                target.delete(entry.objectKey());
            }
            throw e;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(back);
        }
    }

    private void proveCopy(ManifestEntry entry, ObjectStore target, Path back) throws IOException {
        Optional<StoredObject> stored = head(target, entry);
        if (stored.isEmpty() || entry.bytes() != null && stored.get().size() != entry.bytes()) {
            throw new IOException("the copy at " + target.uri(entry.objectKey()) + " has " + stored.map(s -> s.size() + " bytes")
                    .orElse("no object") + ", the manifest " + entry.bytes());
        }
        download(target, entry, back);
        String copied = Sha256.ofFile(back);
        if (!copied.equals(entry.sha256())) {
            throw new IOException("the copy at " + target.uri(entry.objectKey()) + " reads back with SHA-256 " + copied
                    + ", the manifest says " + entry.sha256());
        }
    }

    private boolean provenInPlace(ManifestEntry entry, ObjectStore target) throws IOException {
        if (!sameSize(target, entry)) {
            return false;
        }
        Files.createDirectories(workDir);
        Path back = workDir.resolve("migrate-" + entry.id() + ".readback");
        try {
            proveCopy(entry, target, back);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            Files.deleteIfExists(back);
        }
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

    /** A copy verified by an earlier attempt is trusted while the target still has an object of its size. */
    private boolean sameSize(ObjectStore target, ManifestEntry entry) throws IOException {
        Optional<StoredObject> stored = head(target, entry);
        return stored.isPresent() && (entry.bytes() == null || stored.get().size() == entry.bytes());
    }
}
