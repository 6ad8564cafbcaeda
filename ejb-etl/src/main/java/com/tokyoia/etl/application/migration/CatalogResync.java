package com.tokyoia.etl.application.migration;

import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Registers every current version kept in this deployment's store in its catalog again: for a new
 * Trino cluster, a recreated Glue database, or a catalog that was lost. Publishing is idempotent, so
 * a second run changes nothing; a table whose columns in the catalog differ from the registry is
 * refused by the publisher (schema drift), reported, and the other tables go on.
 */
public final class CatalogResync {
    private final Manifest manifest;

    public CatalogResync(Manifest manifest) {
        this.manifest = manifest;
    }

    /** What a re-sync did: table-days published, those kept elsewhere (a migration's business), and failures. */
    public record Outcome(int published, int elsewhere, List<String> failures, boolean stopped) {
        public String summary() {
            return (stopped ? "stopped: " : "") + "published " + published + " table-day(s)"
                    + (elsewhere == 0 ? "" : ", " + elsewhere + " kept in another store left alone (migrate them)")
                    + (failures.isEmpty() ? "" : "; " + failures.size() + " failed: " + String.join("; ", failures));
        }
    }

    public Outcome publish(LocalDate from, LocalDate to, LakeLocation configured, ObjectStore store, CatalogPublisher catalog,
                           BooleanSupplier stopping) throws SQLException {
        int published = 0;
        int elsewhere = 0;
        List<String> failures = new ArrayList<>();
        Set<String> refusedTables = new LinkedHashSet<>();
        for (ManifestEntry entry : manifest.currentVersions(null, from, to)) {
            if (stopping.getAsBoolean()) {
                return new Outcome(published, elsewhere, failures, true);
            }
            if (entry.location().orElse(configured).conflictsWith(configured)) {
                elsewhere++;
                continue;
            }
            if (refusedTables.contains(entry.table())) {
                continue;
            }
            LakeTable table = LakeSchemaRegistry.table(entry.table()).orElseThrow();
            try {
                catalog.publish(table, entry.day(), store.uri(LakeKeys.versionFolder(entry.table(), entry.day(), entry.version())));
                published++;
            } catch (IOException | SQLException | RuntimeException e) {
                failures.add(entry.table() + " " + entry.day() + ": " + e.getMessage());
                if (String.valueOf(e.getMessage()).contains("schema drift")) {
                    // The table itself is refused: one report for it, not one per day.
                    refusedTables.add(entry.table());
                }
            }
        }
        return new Outcome(published, elsewhere, failures, false);
    }
}
