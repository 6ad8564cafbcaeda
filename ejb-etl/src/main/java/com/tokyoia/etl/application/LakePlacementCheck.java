package com.tokyoia.etl.application;

import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.LakePlacement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Compares where the manifest's proven days are with the store and catalog this deployment writes
 * to. Readiness asks it (degraded while some are elsewhere); it logs a mismatch once, and again only
 * when it changes, so a readiness poll every few seconds does not flood the log.
 */
public final class LakePlacementCheck {
    private static final Logger LOG = Logger.getLogger(LakePlacementCheck.class.getName());

    /** The current placements of the manifest's proven versions. */
    public interface Placements {
        List<LakePlacement> current() throws SQLException;
    }

    private final Placements placements;
    private final LakeLocation configured;
    private final AtomicReference<String> lastReported = new AtomicReference<>("");

    public LakePlacementCheck(Placements placements, LakeLocation configured) {
        this.placements = placements;
        this.configured = configured;
    }

    /** What the check found, for readiness; throws when proven days are where this deployment does not read or write. */
    public String probe() throws SQLException {
        List<LakePlacement> elsewhere = placements.current().stream().filter(p -> p.location().conflictsWith(configured)).toList();
        String mismatch = elsewhere.isEmpty() ? "" : elsewhere + " (the deployment is configured for " + configured + "): analytics "
                + "refuses those days with 409 until the lake is moved there (lake migration, not built yet) or tokyoia.lake.* and "
                + "tokyoia.analytics.engine point back at where they are";
        if (!mismatch.equals(lastReported.getAndSet(mismatch)) && !mismatch.isEmpty()) {
            LOG.warning(() -> "Lake placement: " + mismatch);
        }
        if (!mismatch.isEmpty()) {
            throw new IllegalStateException(mismatch);
        }
        return "every proven day is in " + configured;
    }
}
