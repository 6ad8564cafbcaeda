package com.tokyoia.etl.interfaces.timer;

import com.tokyoia.etl.application.EtlSettings;
import com.tokyoia.etl.application.JobStarters;
import com.tokyoia.etl.application.port.ExecutionLeases;
import com.tokyoia.etl.application.recovery.DeadExecutionRecovery;
import com.tokyoia.etl.application.recovery.ExecutionsRunningHere;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On every node, four times per lease period (tokyoia.etl.execution-lease-seconds; every 30 s by
 * default), starting shortly after deployment: renews the leases of the job executions this node
 * runs, then recovers executions a dead server left running (failed and restarted by exactly one
 * node). Not persistent: each node has its own.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class ExecutionRecoveryTimer {
    private static final Logger LOG = Logger.getLogger(ExecutionRecoveryTimer.class.getName());
    private static final long FIRST_CHECK_MILLIS = 10_000;

    @Inject
    EtlSettings settings;
    @Inject
    ExecutionLeases leases;
    @Inject
    ExecutionsRunningHere running;
    @Resource
    TimerService timers;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(FIRST_CHECK_MILLIS, settings.leaseRenewal().toMillis(),
                new TimerConfig("tokyo-ia execution leases and recovery", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void renewAndRecover() {
        try {
            leases.renew(running.all());
            new DeadExecutionRecovery(leases, id -> BatchRuntime.getJobOperator().restart(id,
                    JobStarters.forRecoveryOf(id, BatchRuntime.getJobOperator().getParameters(id)))).recover();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not renew job leases or recover dead executions; trying again in "
                    + settings.leaseRenewal().toSeconds() + " s", e);
        }
    }
}
