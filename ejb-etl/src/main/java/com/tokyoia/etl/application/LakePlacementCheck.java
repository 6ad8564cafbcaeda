package com.tokyoia.etl.application;

import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.LakePlacement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Compares where the manifest's proven days are with the store and catalog this deployment writes
 * to. Readiness asks it (degraded while some are elsewhere), the dashboard shows its report; it logs
 * a mismatch once, and again only when it changes, so a readiness poll every few seconds does not
 * flood the log.
 */
public final class LakePlacementCheck {
    private static final Logger LOG = Logger.getLogger(LakePlacementCheck.class.getName());

    /** The current placements of the manifest's proven versions. */
    public interface Placements {
        List<LakePlacement> current() throws SQLException;
    }

    /** Where the proven days are, which of them this deployment does not reach, and what to do about it (empty when nothing). */
    public record Report(LakeLocation configured, List<LakePlacement> placements, List<LakePlacement> elsewhere, String advice) {
    }

    private final Placements placements;
    private final LakeLocation configured;
    private final AtomicReference<String> lastReported = new AtomicReference<>("");

    public LakePlacementCheck(Placements placements, LakeLocation configured) {
        this.placements = placements;
        this.configured = configured;
    }

    public Report report() throws SQLException {
        List<LakePlacement> all = placements.current();
        List<LakePlacement> elsewhere = all.stream().filter(p -> p.location().conflictsWith(configured)).toList();
        // Moved on by a migration from here: this deployment still answers them from the copies left here.
        List<LakePlacement> movedOn = elsewhere.stream().filter(p -> p.movedFrom() != null && !p.movedFrom().conflictsWith(configured))
                .toList();
        List<LakePlacement> lost = elsewhere.stream().filter(p -> !movedOn.contains(p)).toList();
        String advice = "";
        if (!lost.isEmpty()) {
            advice = lost + " (the deployment is configured for " + configured + "): analytics refuses those days with 409 until they "
                    + "are moved here with " + migrateCommand() + " (POST /api/etl/lake/migrations), or this deployment is pointed "
                    + "back at where they are (tokyoia.lake.*, tokyoia.analytics.engine)";
        }
        if (!movedOn.isEmpty()) {
            advice += (advice.isEmpty() ? "" : "; ") + movedOn + ": a lake migration moved them there; this deployment still answers "
                    + "them from the copies left in " + configured + " and writes new days here, until it is switched to that store "
                    + "(tokyoia.lake.*, tokyoia.analytics.engine; ./tokyo-ia up --engine trino; README, 'Moving from one machine to a "
                    + "cluster')";
        }
        return new Report(configured, all, elsewhere, advice);
    }

    /** What the check found, for readiness; throws when proven days are where this deployment does not read or write. */
    public String probe() throws SQLException {
        Report report = report();
        if (!report.advice().isEmpty()) {
            throw new IllegalStateException(report.advice());
        }
        return "every proven day is in " + configured;
    }

    private String migrateCommand() {
        return "./tokyo-ia lake migrate --to " + configured.root()
                + (configured.catalog() == null || configured.catalog().equals("none") ? "" : " --catalog " + configured.catalog());
    }
}
