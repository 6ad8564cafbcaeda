package com.tokyoia.etl.application;

import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.port.FailureReport;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import java.sql.SQLException;
import java.time.Clock;

/**
 * What the checks of stored objects (deep verify, retention's check, an object-version restore)
 * found. A damaged copy is recorded on its manifest version, so the analytics router refuses the day
 * by name, and announced as one incident per (table, day), whichever check found it first and
 * however often it is found again; a copy found whole again clears both.
 */
public final class DamagedCopies {
    private final Manifest manifest;
    private final Alerts alerts;
    private final Clock clock;

    public DamagedCopies(Manifest manifest, Alerts alerts, Clock clock) {
        this.manifest = manifest;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** {@code checkedBy} names the check (deep-verify, retention) in the alert. */
    public void found(ManifestEntry copy, String damage, String checkedBy, long executionId) throws SQLException {
        manifest.markDamaged(copy.id(), damage, clock.instant());
        alerts.failed(Alerts.LAKE_COPY, new FailureReport(checkedBy, copy.table(), copy.day().toString(),
                "version " + copy.version() + ": " + damage, executionId));
    }

    public void whole(ManifestEntry copy) throws SQLException {
        manifest.markWhole(copy.id());
        alerts.recovered(Alerts.LAKE_COPY, copy.table(), copy.day());
    }
}
