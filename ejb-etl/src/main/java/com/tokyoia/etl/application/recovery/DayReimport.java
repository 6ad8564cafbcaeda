package com.tokyoia.etl.application.recovery;

import com.tokyoia.etl.application.ExportVerificationException;
import com.tokyoia.etl.application.port.ExportLocks;
import com.tokyoia.etl.application.port.HotDayLoader;
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
 * Brings a day back into PostgreSQL from its current lake version (after a loss of the hot data,
 * or to work on an old day hot again): the stored copy is checked against the manifest's SHA-256,
 * then its rows go in with one transaction that proves the day's content checksum equals the
 * exported one. Running it again changes nothing.
 */
public final class DayReimport {
    private final Manifest manifest;
    private final ObjectStore store;
    private final LakeFiles files;
    private final HotDayLoader loader;
    private final ExportLocks locks;
    private final Path workDir;

    public DayReimport(Manifest manifest, ObjectStore store, LakeFiles files, HotDayLoader loader, ExportLocks locks, Path workDir) {
        this.manifest = manifest;
        this.store = store;
        this.files = files;
        this.loader = loader;
        this.locks = locks;
        this.workDir = workDir;
    }

    /** Returns the rows put back (0 when PostgreSQL already held exactly them). */
    public long reimport(LakeTable table, LocalDate day) throws IOException, SQLException {
        ManifestEntry current = manifest.current(table.name(), day).orElseThrow(() -> new ExportVerificationException(
                table.name() + " " + day + " has no proven copy in the lake to re-import"));
        try (ExportLocks.Held lock = locks.acquire(table.name(), day)) {
            Files.createDirectories(workDir);
            Path copy = workDir.resolve("reimport-" + table.name() + "-" + day + "-v" + current.version() + ".parquet");
            try {
                store.download(current.objectKey(), copy);
                String sha = Sha256.ofFile(copy);
                if (!sha.equals(current.sha256())) {
                    throw new ExportVerificationException(current.objectKey() + " has SHA-256 " + sha + ", the manifest recorded "
                            + current.sha256() + "; restore the object first (see docs/runbook.md)");
                }
                return loader.load(table, day, current.id(), current.contentChecksum(), sink -> files.readRows(table, copy, sink));
            } finally {
                Files.deleteIfExists(copy);
            }
        }
    }
}
