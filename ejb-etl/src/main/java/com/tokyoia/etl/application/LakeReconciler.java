package com.tokyoia.etl.application;

import com.tokyoia.etl.application.port.DaySource;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.lake.application.Manifest;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Finds late data: days already exported whose rows in PostgreSQL changed since (inserted,
 * updated or deleted rows all change the count or the content checksum), and exports each such
 * day again as a new manifest version. Days already purged from PostgreSQL are left alone.
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

    public List<DayExportResult> reconcile(List<LakeTable> tables, LocalDate from, LocalDate to, long executionId)
            throws IOException, SQLException {
        List<DayExportResult> reexported = new ArrayList<>();
        for (LakeTable table : tables) {
            for (ManifestEntry entry : manifest.latestVersions(table.name(), from, to)) {
                if (entry.status() != ManifestStatus.VALIDATED) {
                    continue;
                }
                SourceFacts now = source.facts(table, entry.day());
                if (!now.checksum().equals(entry.contentChecksum())) {
                    LOG.info(() -> table.name() + " " + entry.day() + " changed since version " + entry.version()
                            + " (" + entry.contentChecksum() + " -> " + now.checksum() + "); exporting a new version");
                    reexported.add(exporter.export(table, entry.day(), executionId, true));
                }
            }
        }
        return reexported;
    }
}
