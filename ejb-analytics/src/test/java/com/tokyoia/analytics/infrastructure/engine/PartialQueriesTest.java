package com.tokyoia.analytics.infrastructure.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.domain.Expr.Dialect;
import com.tokyoia.analytics.domain.QueryCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartialQueriesTest {
    @Test
    void aPerDayQueryGroupsByDayAndARangeQueryOnlyByItsDimensions() {
        String perDay = PartialQueries.sql(QueryCatalog.TASK_THROUGHPUT, Dialect.POSTGRES, "agent_tasks", "d", "r", Map.of());
        assertThat(perDay).startsWith("SELECT d AS partition_day, ").endsWith(" GROUP BY 1, 2");
        String range = PartialQueries.sql(QueryCatalog.LATENCY_BY_AGENT, Dialect.DUCKDB, "t", "d", null, Map.of());
        assertThat(range).startsWith("SELECT CAST(NULL AS DATE) AS partition_day, ").endsWith(" GROUP BY 2, 3");
        assertThat(PartialQueries.sql(QueryCatalog.TOKEN_COST_BY_WORKFLOW, Dialect.TRINO, "t", "d", "r", Map.of()))
                .endsWith(" GROUP BY 2");
    }
}
