package com.tokyoia.etl.application;

import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.port.LakeFiles;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.platform.time.SystemTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Deep verify: downloads the published object of a (table, day), checks its SHA-256 against the
 * manifest, re-reads every row and recomputes the content checksum. Operators run it on demand, and
 * the nightly scrub ({@code LakeScrub}) runs it over the copies checked longest ago. A
 * copy found damaged is recorded and announced ({@link DamagedCopies}); one found whole clears that.
 */
public final class DeepVerifier {
    public record Verdict(String table, LocalDate day, int version, boolean ok, String detail) {
    }

    private final Manifest manifest;
    private final ObjectStore store;
    private final LakeFiles files;
    private final Path workDir;
    private final DamagedCopies damaged;

    public DeepVerifier(Manifest manifest, ObjectStore store, LakeFiles files, Path workDir, DamagedCopies damaged) {
        this.manifest = manifest;
        this.store = store;
        this.files = files;
        this.workDir = workDir;
        this.damaged = damaged;
    }

    /** A verifier that records what it finds on the manifest and announces it nowhere (tools, tests). */
    public DeepVerifier(Manifest manifest, ObjectStore store, LakeFiles files, Path workDir) {
        this(manifest, store, files, workDir, new DamagedCopies(manifest, Alerts.none(), SystemTime.clock()));
    }

    public Verdict verify(LakeTable table, LocalDate day) throws IOException, SQLException {
        ManifestEntry entry = manifest.current(table.name(), day).filter(ManifestEntry::isProven).orElse(null);
        if (entry == null) {
            return new Verdict(table.name(), day, 0, false, "no validated export of this day");
        }
        return verify(table, entry, "deep-verify", 0);
    }

    /** Checks this proven version; a damage found is announced as found by {@code checkedBy} (a job, with its execution). */
    public Verdict verify(LakeTable table, ManifestEntry entry, String checkedBy, long executionId) throws IOException, SQLException {
        Optional<String> damage = damage(table, entry);
        if (damage.isPresent()) {
            damaged.found(entry, damage.get(), checkedBy, executionId);
            return new Verdict(table.name(), entry.day(), entry.version(), false, damage.get());
        }
        if (!entry.trusted()) {
            damaged.whole(entry);
        }
        return new Verdict(table.name(), entry.day(), entry.version(), true, "all " + entry.rowCount() + " rows re-read: "
                + entry.contentChecksum());
    }

    private Optional<String> damage(LakeTable table, ManifestEntry entry) throws IOException, SQLException {
        Files.createDirectories(workDir);
        Path copy = Files.createTempFile(workDir, "deep-verify-", ".parquet");
        try {
            if (store.head(entry.objectKey()).isEmpty()) {
                return Optional.of(entry.objectKey() + " is missing from the lake");
            }
            store.download(entry.objectKey(), copy);
            String sha = Sha256.ofFile(copy);
            if (!sha.equals(entry.sha256())) {
                return Optional.of(entry.objectKey() + " has " + Files.size(copy) + " bytes with SHA-256 " + sha
                        + "; the manifest's are " + entry.bytes() + " bytes with SHA-256 " + entry.sha256());
            }
            String checksum = files.recomputeChecksum(table, copy);
            if (!checksum.equals(entry.contentChecksum())) {
                return Optional.of("content checksum " + checksum + " differs from the manifest's " + entry.contentChecksum());
            }
            return Optional.empty();
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
