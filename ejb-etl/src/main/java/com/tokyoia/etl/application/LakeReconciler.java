package com.tokyoia.etl.application;

import com.tokyoia.etl.application.port.DaySource;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds late data: a day already exported whose rows in PostgreSQL changed since (inserted,
 * updated or deleted rows all change the count or the content checksum) is exported again as a
 * new manifest version. Days already purged from PostgreSQL are left alone.
 */
public final class LakeReconciler {
    private static final Logger LOG = Logger.getLogger(LakeReconciler.class.getName());
    private final Manifest manifest;
    private final DaySource source;
    private final DayExporter exporter;

    public LakeReconciler(Manifest manifest, DaySource source, DayExporter exporter) {
        this.manifest = manifest;
        this.source = source;
        this.exporter = exporter;
    }

    /** The new version's export when the day changed; empty when it did not (or is not a validated export). */
    public Optional<DayExportResult> reconcile(LakeTable table, LocalDate day, long executionId) throws IOException, SQLException {
        // Only a current copy whose rows PostgreSQL still holds can be compared: a purged day's rows are gone on purpose.
        Optional<ManifestEntry> current = manifest.current(table.name(), day);
        if (current.isEmpty() || current.get().status() != ManifestStatus.VALIDATED) {
            return Optional.empty();
        }
        ManifestEntry entry = current.get();
        SourceFacts now = source.facts(table, day);
        if (now.checksum().equals(entry.contentChecksum())) {
            return Optional.empty();
        }
        LOG.info(() -> table.name() + " " + day + " changed since version " + entry.version() + " (" + entry.contentChecksum()
                + " -> " + now.checksum() + "); exporting a new version");
        return Optional.of(exporter.export(table, day, executionId, true));
    }
}
