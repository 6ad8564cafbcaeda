package com.tokyoia.etl.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.etl.domain.ExportRequest.InvalidExportRequest;
import java.time.LocalDate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ExportRequestTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Test
    void aValidRangeListsItsDaysAndDefaultsToEveryTable() {
        ExportRequest request = ExportRequest.parse("2026-11-20", "2026-11-25", null, TODAY, 31);
        assertThat(request.days()).hasSize(6).startsWith(LocalDate.of(2026, 11, 20)).endsWith(LocalDate.of(2026, 11, 25));
        assertThat(request.tableNames()).isEqualTo("workflows,agent_tasks,agent_metrics,agent_interactions,user_sessions,audit_log");
        assertThat(ExportRequest.parse("2026-11-20", null, "agent_tasks, workflows", TODAY, 31).tableNames())
                .isEqualTo("agent_tasks,workflows");
    }

    @Test
    void refusesReversedFutureOversizedUnknownAndMalformed() {
        assertField(() -> ExportRequest.parse("2026-11-20", "2026-11-19", null, TODAY, 31), "to");
        assertField(() -> ExportRequest.parse("2026-11-26", "2026-11-26", null, TODAY, 31), "to");
        assertField(() -> ExportRequest.parse("2026-12-01", null, null, TODAY, 31), "to");
        assertField(() -> ExportRequest.parse("2026-01-01", "2026-11-01", null, TODAY, 31), "to");
        assertField(() -> ExportRequest.parse("2026-11-20", "2026-11-21", "agents", TODAY, 31), "tables");
        assertField(() -> ExportRequest.parse("20-11-2026", null, null, TODAY, 31), "from");
        assertField(() -> ExportRequest.parse(null, null, null, TODAY, 31), "from");
        assertField(() -> ExportRequest.parse("2026-11-20", "2026-13-01", null, TODAY, 31), "to");
    }

    @Test
    void overlapNamesTheSharedTablesAndDays() {
        ExportRequest running = ExportRequest.parse("2026-11-10", "2026-11-20", "agent_tasks,workflows", TODAY, 31);
        assertThat(ExportRequest.parse("2026-11-18", "2026-11-25", "workflows,agent_metrics", TODAY, 31).overlap(running))
                .contains("workflows 2026-11-18..2026-11-20");
        assertThat(ExportRequest.parse("2026-11-20", null, null, TODAY, 31).overlap(running))
                .contains("workflows,agent_tasks 2026-11-20");
        assertThat(ExportRequest.parse("2026-11-21", "2026-11-25", null, TODAY, 31).overlap(running)).isEmpty();
        assertThat(ExportRequest.parse("2026-11-10", "2026-11-20", "agent_metrics", TODAY, 31).overlap(running)).isEmpty();
    }

    private static void assertField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidExportRequest.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
