package com.tokyoia.etl.application.recovery;

import com.tokyoia.etl.application.DamagedCopies;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.domain.StoredVersion;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.schema.LakeTable;
import jakarta.ejb.ApplicationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Data corruption in the lake: finds, among the stored versions of a day's current object (a
 * versioned bucket keeps every object that was overwritten or deleted), the one whose SHA-256 is
 * the manifest's, makes it current again, and checks the key's bytes afterwards. The manifest
 * decides which version is good; nothing else does. A copy restored (or found good) is whole again.
 */
public final class ObjectVersionRestore {
    private final Manifest manifest;
    private final ObjectStore store;
    private final Path workDir;
    private final DamagedCopies damaged;

    public ObjectVersionRestore(Manifest manifest, ObjectStore store, Path workDir, DamagedCopies damaged) {
        this.manifest = manifest;
        this.store = store;
        this.workDir = workDir;
        this.damaged = damaged;
    }

    /** What was found and done; {@code restored} false when the current object was already the good one. */
    public record Outcome(String table, LocalDate day, int version, String key, boolean restored, String versionId,
                          List<String> checked) {
    }

    public Outcome restore(LakeTable table, LocalDate day) throws IOException, SQLException {
        ManifestEntry current = manifest.current(table.name(), day).orElseThrow(() -> new ObjectRestoreException(
                table.name() + " " + day + " has no proven copy in the lake"));
        String key = current.objectKey();
        List<StoredVersion> versions = store.versions(key);
        List<String> checked = new ArrayList<>();
        Files.createDirectories(workDir);
        Path copy = workDir.resolve("restore-" + key.replace('/', '_'));
        try {
            for (StoredVersion version : versions) {
                if (version.size() != current.bytes()) {
                    checked.add(version.versionId() + ": " + version.size() + " bytes");
                    continue;
                }
                store.download(key, version.versionId(), copy);
                String sha = Sha256.ofFile(copy);
                if (!sha.equals(current.sha256())) {
                    checked.add(version.versionId() + ": SHA-256 " + sha);
                    continue;
                }
                if (version.current()) {
                    damaged.whole(current);
                    return new Outcome(table.name(), day, current.version(), key, false, version.versionId(), checked);
                }
                // The good bytes, verified here, go back under the key as a new current object (the bad ones stay versions).
                StoredObject put = store.put(key, copy, current.sha256());
                store.download(key, copy);
                if (put.size() != current.bytes() || !Sha256.ofFile(copy).equals(current.sha256())) {
                    throw new ObjectRestoreException(key + ": version " + version.versionId() + " was copied back but the key does "
                            + "not read back as the manifest's bytes");
                }
                damaged.whole(current);
                return new Outcome(table.name(), day, current.version(), key, true, version.versionId(), checked);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
        throw new ObjectRestoreException("no stored version of " + key + " has the manifest's SHA-256 " + current.sha256()
                + " (checked " + (checked.isEmpty() ? "none: the store keeps no versions of it" : String.join("; ", checked))
                + "); re-export the day if PostgreSQL still holds it, or restore the bucket from its replica");
    }

    /** The good copy cannot be brought back; the message says what was checked and what to do instead. */
    @ApplicationException
    public static final class ObjectRestoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ObjectRestoreException(String message) {
            super(message);
        }
    }
}
