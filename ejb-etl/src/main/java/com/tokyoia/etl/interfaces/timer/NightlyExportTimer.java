package com.tokyoia.etl.interfaces.timer;

import com.tokyoia.etl.application.EtlOperations;
import com.tokyoia.etl.application.EtlSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the nightly export at 02:00 UTC: the closed day before, plus every day missed since the
 * last proven one (server down, failed runs). A persistent timer in the database store fires on
 * one node of a cluster and fires late after downtime; shortly after deployment the same catch-up
 * runs once. The timer only starts the batch job; the job does the work.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class NightlyExportTimer {
    private static final Logger LOG = Logger.getLogger(NightlyExportTimer.class.getName());

    @Inject
    EtlOperations operations;
    @Resource
    TimerService timers;
    @Inject
    EtlSettings settings;

    @PostConstruct
    void scheduleStartupCatchUp() {
        if (settings.catchUpOnStart()) {
            timers.createSingleActionTimer(settings.catchUpDelay().toMillis(), new TimerConfig("tokyo-ia startup catch-up", false));
        }
    }

    @Schedule(hour = "2", minute = "0", timezone = "UTC", persistent = true, info = "tokyo-ia nightly export")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void nightly() {
        catchUp("nightly");
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onStartupTimer(Timer timer) {
        catchUp("startup");
    }

    private void catchUp(String why) {
        try {
            operations.startCatchUp("export timer (" + why + ")").ifPresentOrElse(
                    id -> LOG.info(() -> "Started " + why + " export, job execution " + id),
                    () -> LOG.info(() -> "Nothing to export (" + why + "): every day up to yesterday is proven"));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not start the " + why + " export", e);
        }
    }
}
