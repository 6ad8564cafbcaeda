package com.tokyoia.etl.application.recovery;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The job executions this server started or runs: the ones whose leases it renews. */
@ApplicationScoped
public class ExecutionsRunningHere {
    private final Set<Long> executions = ConcurrentHashMap.newKeySet();

    public void add(long executionId) {
        executions.add(executionId);
    }

    public void remove(long executionId) {
        executions.remove(executionId);
    }

    public List<Long> all() {
        return List.copyOf(executions);
    }
}
