package com.tokyoia.etl.application;

import com.tokyoia.etl.infrastructure.extract.DayExtractor;
import com.tokyoia.etl.infrastructure.manifest.ManifestRepository;
import com.tokyoia.etl.infrastructure.manifest.ManifestRow;
import com.tokyoia.persistence.lake.LakeTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Finds late data: days already exported whose rows in PostgreSQL changed since (inserted,
 * updated or deleted rows all change the count or the content checksum), and exports each such
 * day again as a new manifest version. Days already purged from PostgreSQL are left alone.
 */
public final class LakeReconciler {
    private static final Logger LOG = Logger.getLogger(LakeReconciler.class.getName());
    private final ManifestRepository manifest;
    private final DayExtractor extractor;
    private final DayExporter exporter;

    public LakeReconciler(DataSource dataSource, DayExporter exporter) {
        this.manifest = new ManifestRepository(dataSource);
        this.extractor = new DayExtractor(dataSource);
        this.exporter = exporter;
    }

    public List<DayExportResult> reconcile(List<LakeTable> tables, LocalDate from, LocalDate to, long executionId)
            throws Exception {
        List<DayExportResult> reexported = new ArrayList<>();
        for (LakeTable table : tables) {
            for (ManifestRow row : manifest.latestVersions(table.name(), from, to)) {
                if (!"VALIDATED".equals(row.status())) {
                    continue;
                }
                DayExtractor.SourceFacts now = extractor.facts(table, row.day());
                if (!now.checksum().equals(row.contentChecksum())) {
                    LOG.info(() -> table.name() + " " + row.day() + " changed since version " + row.version()
                            + " (" + row.contentChecksum() + " -> " + now.checksum() + "); exporting a new version");
                    reexported.add(exporter.export(table, row.day(), executionId, true));
                }
            }
        }
        return reexported;
    }
}
