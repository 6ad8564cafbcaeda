package com.tokyoia.persistence.domain.workflow;

import com.tokyoia.persistence.domain.IllegalTransitionException;
import java.util.EnumSet;
import java.util.Set;

/**
 * PENDING -> RUNNING -> COMPLETED | FAILED | CANCELLED, and PENDING -> CANCELLED.
 * Terminal states never change again: an exported day must not be rewritten by a late retry.
 */
public enum WorkflowStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    public Set<WorkflowStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(RUNNING, CANCELLED);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED, CANCELLED);
            case COMPLETED, FAILED, CANCELLED -> EnumSet.noneOf(WorkflowStatus.class);
        };
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }

    public void checkTransitionTo(WorkflowStatus target) {
        if (!next().contains(target)) {
            throw new IllegalTransitionException("workflow", this, target);
        }
    }
}
