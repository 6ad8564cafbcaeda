package com.tokyoia.etl.application;

import com.tokyoia.etl.infrastructure.manifest.ManifestRepository;
import com.tokyoia.etl.infrastructure.manifest.ManifestRow;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.store.ObjectStore;
import com.tokyoia.etl.infrastructure.store.Sha256;
import com.tokyoia.persistence.lake.LakeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Deep verify: downloads the published object of a (table, day), checks its SHA-256 against the
 * manifest, re-reads every row and recomputes the content checksum. Retention runs it before
 * deleting anything from PostgreSQL; operators can run it on demand.
 */
public final class DeepVerifier {
    public record Verdict(String table, LocalDate day, int version, boolean ok, String detail) {
    }

    private final ManifestRepository manifest;
    private final ObjectStore store;
    private final Path workDir;

    public DeepVerifier(DataSource dataSource, ObjectStore store, Path workDir) {
        this.manifest = new ManifestRepository(dataSource);
        this.store = store;
        this.workDir = workDir;
    }

    public Verdict verify(LakeTable table, LocalDate day) throws Exception {
        ManifestRow row = manifest.latest(table.name(), day).filter(ManifestRow::isProven).orElse(null);
        if (row == null) {
            return new Verdict(table.name(), day, 0, false, "no validated export of this day");
        }
        Files.createDirectories(workDir);
        Path copy = Files.createTempFile(workDir, "deep-verify-", ".parquet");
        try {
            if (store.head(row.objectKey()).isEmpty()) {
                return new Verdict(table.name(), day, row.version(), false, row.objectKey() + " is missing from the lake");
            }
            store.download(row.objectKey(), copy);
            String sha = Sha256.ofFile(copy);
            if (!sha.equals(row.sha256())) {
                return new Verdict(table.name(), day, row.version(), false, "SHA-256 " + sha + " differs from the manifest's " + row.sha256());
            }
            String checksum = ParquetFiles.recomputeChecksum(table, copy);
            if (!checksum.equals(row.contentChecksum())) {
                return new Verdict(table.name(), day, row.version(), false, "content checksum " + checksum
                        + " differs from the manifest's " + row.contentChecksum());
            }
            return new Verdict(table.name(), day, row.version(), true, "all " + row.rowCount() + " rows re-read: " + checksum);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
