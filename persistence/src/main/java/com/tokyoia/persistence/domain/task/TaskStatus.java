package com.tokyoia.persistence.domain.task;

import com.tokyoia.persistence.domain.IllegalTransitionException;
import java.util.EnumSet;
import java.util.Set;

/** PENDING -> RUNNING -> COMPLETED | FAILED; a task that never started may still fail. */
public enum TaskStatus {
    PENDING, RUNNING, COMPLETED, FAILED;

    public Set<TaskStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(RUNNING, FAILED);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED);
            case COMPLETED, FAILED -> EnumSet.noneOf(TaskStatus.class);
        };
    }

    public void checkTransitionTo(TaskStatus target) {
        if (!next().contains(target)) {
            throw new IllegalTransitionException("task", this, target);
        }
    }
}
