package com.tokyoia.persistence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.persistence.domain.session.SessionStatus;
import com.tokyoia.persistence.domain.session.UserSession;
import com.tokyoia.persistence.domain.task.AgentTask;
import com.tokyoia.persistence.domain.task.TaskOutcome;
import com.tokyoia.persistence.domain.task.TaskStatus;
import com.tokyoia.persistence.domain.workflow.Workflow;
import com.tokyoia.persistence.domain.workflow.WorkflowStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "PENDING,RUNNING,true", "PENDING,CANCELLED,true", "PENDING,COMPLETED,false", "PENDING,FAILED,false",
            "RUNNING,COMPLETED,true", "RUNNING,FAILED,true", "RUNNING,CANCELLED,true", "RUNNING,PENDING,false",
            "COMPLETED,RUNNING,false", "FAILED,COMPLETED,false", "CANCELLED,RUNNING,false", "RUNNING,RUNNING,false"})
    void workflowTransitions(WorkflowStatus from, WorkflowStatus to, boolean allowed) {
        if (allowed) {
            from.checkTransitionTo(to);
        } else {
            assertThatThrownBy(() -> from.checkTransitionTo(to))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessage("workflow cannot go from " + from + " to " + to);
        }
    }

    @Test
    void workflowStampsStartFinishAndError() {
        Workflow workflow = new Workflow("nightly", null, T0);
        workflow.transitionTo(WorkflowStatus.RUNNING, null, T0.plusSeconds(5));
        workflow.transitionTo(WorkflowStatus.FAILED, "agent crashed", T0.plusSeconds(9));
        assertThat(workflow.getStartedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(workflow.getFinishedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(workflow.getErrorMessage()).isEqualTo("agent crashed");
        assertThat(workflow.getStatus()).isEqualTo(WorkflowStatus.FAILED);
        assertThatThrownBy(() -> workflow.transitionTo(WorkflowStatus.RUNNING, null, T0))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(workflow.getStatus()).isEqualTo(WorkflowStatus.FAILED);
    }

    @ParameterizedTest
    @CsvSource({
            "PENDING,RUNNING,true", "PENDING,FAILED,true", "PENDING,COMPLETED,false",
            "RUNNING,COMPLETED,true", "RUNNING,FAILED,true", "COMPLETED,FAILED,false", "FAILED,RUNNING,false"})
    void taskTransitions(TaskStatus from, TaskStatus to, boolean allowed) {
        assertThat(from.next().contains(to)).isEqualTo(allowed);
    }

    @Test
    void taskCannotCompleteBeforeStartingAndKeepsOutcome() {
        AgentTask task = new AgentTask(UUID.randomUUID(), UUID.randomUUID(), "summarize", T0);
        TaskOutcome outcome = new TaskOutcome(120, 80, new BigDecimal("0.004200"), 950, null);
        assertThatThrownBy(() -> task.complete(outcome, T0)).isInstanceOf(IllegalTransitionException.class);
        assertThat(task.getStatus()).isEqualTo(TaskStatus.PENDING);
        task.start(T0.plusSeconds(1));
        task.complete(outcome, T0.plusSeconds(2));
        assertThat(task.getStatus()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task.getTokensInput()).isEqualTo(120);
        assertThat(task.getCostUsd()).isEqualByComparingTo("0.0042");
        assertThat(task.getCompletedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void endedSessionRejectsHeartbeatAndSecondEnd() {
        UserSession session = new UserSession("user-1", "web", T0);
        session.heartbeat(T0.plusSeconds(30));
        assertThat(session.getLastHeartbeatAt()).isEqualTo(T0.plusSeconds(30));
        session.end(T0.plusSeconds(60));
        assertThat(session.getStatus()).isEqualTo(SessionStatus.ENDED);
        assertThatThrownBy(() -> session.heartbeat(T0.plusSeconds(90))).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> session.end(T0.plusSeconds(90))).isInstanceOf(IllegalTransitionException.class);
        assertThat(session.getEndedAt()).isEqualTo(T0.plusSeconds(60));
    }
}
