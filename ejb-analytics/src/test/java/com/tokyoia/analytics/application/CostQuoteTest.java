package com.tokyoia.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-file read model of the quote on agent_tasks, whose columns lie in the file as
 * id, workflow_id, agent_id, task_type, status, created_at, ... (the registry's order).
 */
class CostQuoteTest {
    private static final long MB = 1024 * 1024;
    private static final Map<String, Long> SIZES = Map.of("id", 40 * MB, "workflow_id", 30 * MB, "agent_id", 100_000L,
            "task_type", 600_000L, "status", 50_000L, "created_at", 5 * MB, "tokens_input", 300_000L);

    @Test
    void aSmallFileIsReadWhole() {
        assertThat(CostQuote.fileBytesRead(LakeSchemaRegistry.AGENT_TASKS, List.of("agent_id"), SIZES, 3 * MB)).isEqualTo(3 * MB);
    }

    @Test
    void aLargeFileCostsItsColumnsTheNearGapsBetweenThemAndTheFooterRead() {
        long file = 200 * MB;
        // agent_id and status: task_type (600 KB) lies between them, closer than 1 MiB, so it is read too.
        assertThat(CostQuote.fileBytesRead(LakeSchemaRegistry.AGENT_TASKS, List.of("agent_id", "status"), SIZES, file))
                .isEqualTo(100_000 + 600_000 + 50_000 + 48 * 1024);
        // agent_id and tokens_input: 5.65 MB (task_type, status, created_at) lie between them: only the two are read.
        assertThat(CostQuote.fileBytesRead(LakeSchemaRegistry.AGENT_TASKS, List.of("agent_id", "tokens_input"), SIZES, file))
                .isEqualTo(100_000 + 300_000 + 48 * 1024);
    }

    @Test
    void aFilterAddsTheColumnItReads() {
        assertThat(QueryCatalog.TASK_THROUGHPUT.columnsRead(List.of())).containsExactly("agent_id", "status");
        assertThat(QueryCatalog.TASK_THROUGHPUT.columnsRead(List.of("workflowId"))).containsExactly("agent_id", "status", "workflow_id");
        assertThat(CostQuote.fileBytesRead(LakeSchemaRegistry.AGENT_TASKS,
                QueryCatalog.TASK_THROUGHPUT.columnsRead(List.of("workflowId")), SIZES, 200 * MB))
                .isEqualTo(30 * MB + 100_000 + 600_000 + 50_000 + 48 * 1024);
    }
}
