package com.tokyoia.etl.interfaces.timer;

import com.tokyoia.etl.application.JobStarters;
import com.tokyoia.etl.application.port.ExecutionLeases;
import com.tokyoia.etl.application.recovery.DeadExecutionRecovery;
import com.tokyoia.etl.application.recovery.ExecutionsRunningHere;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
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
 * On every node, every 30 seconds: renews the leases of the job executions this node runs, then
 * recovers executions a dead server left running (failed and restarted by exactly one node);
 * also once shortly after deployment. Not persistent: each node has its own.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class ExecutionRecoveryTimer {
    private static final Logger LOG = Logger.getLogger(ExecutionRecoveryTimer.class.getName());
    private static final long FIRST_CHECK_MILLIS = 10_000;

    @Inject
    ExecutionLeases leases;
    @Inject
    ExecutionsRunningHere running;
    @Resource
    TimerService timers;

    @PostConstruct
    void scheduleFirstCheck() {
        timers.createSingleActionTimer(FIRST_CHECK_MILLIS, new TimerConfig("tokyo-ia execution recovery at start", false));
    }

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false, info = "tokyo-ia execution leases")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void everyThirtySeconds() {
        check();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void atStart() {
        check();
    }

    private void check() {
        try {
            leases.renew(running.all());
            new DeadExecutionRecovery(leases, id -> BatchRuntime.getJobOperator().restart(id,
                    JobStarters.forRecoveryOf(id, BatchRuntime.getJobOperator().getParameters(id)))).recover();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not renew job leases or recover dead executions; trying again in 30 s", e);
        }
    }
}
