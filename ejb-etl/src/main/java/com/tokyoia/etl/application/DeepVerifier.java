package com.tokyoia.etl.application;

import com.tokyoia.etl.application.port.LakeFiles;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Deep verify: downloads the published object of a (table, day), checks its SHA-256 against the
 * manifest, re-reads every row and recomputes the content checksum. Operators run it on demand.
 */
public final class DeepVerifier {
    public record Verdict(String table, LocalDate day, int version, boolean ok, String detail) {
    }

    private final Manifest manifest;
    private final ObjectStore store;
    private final LakeFiles files;
    private final Path workDir;

    public DeepVerifier(Manifest manifest, ObjectStore store, LakeFiles files, Path workDir) {
        this.manifest = manifest;
        this.store = store;
        this.files = files;
        this.workDir = workDir;
    }

    public Verdict verify(LakeTable table, LocalDate day) throws IOException, SQLException {
        ManifestEntry entry = manifest.current(table.name(), day).filter(ManifestEntry::isProven).orElse(null);
        if (entry == null) {
            return new Verdict(table.name(), day, 0, false, "no validated export of this day");
        }
        Files.createDirectories(workDir);
        Path copy = Files.createTempFile(workDir, "deep-verify-", ".parquet");
        try {
            if (store.head(entry.objectKey()).isEmpty()) {
                return new Verdict(table.name(), day, entry.version(), false, entry.objectKey() + " is missing from the lake");
            }
            store.download(entry.objectKey(), copy);
            String sha = Sha256.ofFile(copy);
            if (!sha.equals(entry.sha256())) {
                return new Verdict(table.name(), day, entry.version(), false, "SHA-256 " + sha + " differs from the manifest's "
                        + entry.sha256());
            }
            String checksum = files.recomputeChecksum(table, copy);
            if (!checksum.equals(entry.contentChecksum())) {
                return new Verdict(table.name(), day, entry.version(), false, "content checksum " + checksum
                        + " differs from the manifest's " + entry.contentChecksum());
            }
            return new Verdict(table.name(), day, entry.version(), true, "all " + entry.rowCount() + " rows re-read: " + checksum);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
