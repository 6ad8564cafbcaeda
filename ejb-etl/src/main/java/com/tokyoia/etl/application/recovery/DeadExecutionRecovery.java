package com.tokyoia.etl.application.recovery;

import com.tokyoia.etl.application.port.ExecutionLeases;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds job executions a dead server left running, fails them and restarts them, so their work
 * finishes (each step of the jobs is idempotent: a restarted export takes over its unfinished
 * version, a retention pass re-checks every day). Run shortly after start-up and four times per
 * lease period on every node; the lease claim makes exactly one node act on each execution.
 */
public final class DeadExecutionRecovery {
    private static final Logger LOG = Logger.getLogger(DeadExecutionRecovery.class.getName());
    private final ExecutionLeases leases;
    private final Restarter restarter;

    /** Restarts a failed execution; returns the new execution's id. */
    @FunctionalInterface
    public interface Restarter {
        long restart(long executionId);
    }

    public DeadExecutionRecovery(ExecutionLeases leases, Restarter restarter) {
        this.leases = leases;
        this.restarter = restarter;
    }

    /** Returns the executions started in place of dead ones. */
    public List<Long> recover() throws SQLException {
        List<Long> restarted = new ArrayList<>();
        for (long orphan : leases.orphans()) {
            if (!leases.claimAndFail(orphan, "FAILED: the server running it stopped; restarted by recovery")) {
                continue;
            }
            try {
                long next = restarter.restart(orphan);
                restarted.add(next);
                LOG.warning(() -> "Job execution " + orphan + " was left running by a server that stopped; restarted as " + next);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Job execution " + orphan + " was left running by a server that stopped and could not be "
                        + "restarted; it is marked FAILED: restart it from the runs API or the management console", e);
            }
        }
        return restarted;
    }
}
