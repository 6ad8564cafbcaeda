package com.tokyoia.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartialMergeTest {
    private static final LocalDate D1 = LocalDate.of(2024, 6, 1);
    private static final LocalDate D2 = LocalDate.of(2024, 6, 2);

    private static Map<String, Object> partial(LocalDate day, String agent, String tasks, String completed, String failed) {
        Map<String, Object> row = new HashMap<>();
        row.put("day", day);
        row.put("agent_id", agent);
        row.put("tasks", new BigDecimal(tasks));
        row.put("completed", new BigDecimal(completed));
        row.put("failed", new BigDecimal(failed));
        return row;
    }

    @Test
    void perDayQueriesKeepDaysApartAndAddPartsOfTheSameDayAndGroup() {
        List<Map<String, Object>> merged = PartialMerge.merge(QueryCatalog.TASK_THROUGHPUT, List.of(
                partial(D2, "b", "1.000000", "1.000000", "0.000000"),
                partial(D1, "a", "2.000000", "1.000000", "1.000000"),
                partial(D1, "a", "3.000000", "3.000000", "0.000000"),
                partial(D1, null, "1.000000", "0.000000", "1.000000")));
        assertThat(merged).hasSize(3);
        assertThat(merged.get(0)).containsEntry("day", "2024-06-01").containsEntry("agent_id", null);
        assertThat(merged.get(1)).containsEntry("day", "2024-06-01").containsEntry("agent_id", "a");
        assertThat((BigDecimal) merged.get(1).get("tasks")).isEqualByComparingTo("5");
        assertThat((BigDecimal) merged.get(1).get("completed")).isEqualByComparingTo("4");
        assertThat(merged.get(2)).containsEntry("day", "2024-06-02").containsEntry("agent_id", "b");
    }

    @Test
    void rangeQueriesAddEveryDayOfAGroupExactly() {
        Map<String, Object> hot = new HashMap<>(Map.of("day", D1, "agent_id", "a", "tasks", new BigDecimal("1"),
                "tokens_input", new BigDecimal("10"), "tokens_output", new BigDecimal("5"), "cost_usd", new BigDecimal("0.100001")));
        Map<String, Object> cold = new HashMap<>(Map.of("day", D2, "agent_id", "a", "tasks", new BigDecimal("2"),
                "tokens_input", new BigDecimal("20"), "tokens_output", new BigDecimal("7"), "cost_usd", new BigDecimal("0.200002")));
        List<Map<String, Object>> merged = PartialMerge.merge(QueryCatalog.TOKEN_COST_BY_AGENT, List.of(hot, cold));
        assertThat(merged).hasSize(1);
        assertThat(merged.get(0)).doesNotContainKey("day");
        assertThat((BigDecimal) merged.get(0).get("cost_usd")).isEqualByComparingTo("0.300003");
        assertThat((BigDecimal) merged.get(0).get("tokens_input")).isEqualByComparingTo("30");
    }

    @Test
    void theOrderOfThePartsDoesNotChangeTheAnswer() {
        List<Map<String, Object>> parts = List.of(partial(D1, "a", "1", "1", "0"), partial(D2, "a", "2", "0", "2"),
                partial(D1, "b", "4", "4", "0"));
        assertThat(PartialMerge.merge(QueryCatalog.TASK_THROUGHPUT, parts))
                .isEqualTo(PartialMerge.merge(QueryCatalog.TASK_THROUGHPUT, List.of(parts.get(2), parts.get(0), parts.get(1))));
    }
}
