package com.tokyoia.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.analytics.domain.AnalyticsRequest.InvalidAnalyticsRequest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsRequestTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 31);

    private static AnalyticsRequest parse(String query, Map<String, String> parameters) {
        return AnalyticsRequest.parse(query, parameters, TODAY, 366);
    }

    private static void refused(String query, Map<String, String> parameters, String field) {
        assertThatThrownBy(() -> parse(query, parameters)).isInstanceOfSatisfying(InvalidAnalyticsRequest.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void aValidRequestKeepsItsFiltersInOneCanonicalOrder() {
        Map<String, String> parameters = new HashMap<>(Map.of("from", "2026-03-01", "to", "2026-04-01",
                "taskType", "plan", "agentId", "0f0f0f0f-0000-4000-8000-000000000001", "override", "true"));
        AnalyticsRequest request = parse("task_throughput", parameters);
        assertThat(request.from()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(request.to()).isEqualTo(LocalDate.of(2026, 4, 1)).as("tomorrow is allowed: [from, to) ends today");
        assertThat(request.normalized())
                .isEqualTo("from=2026-03-01&to=2026-04-01&agentId=0f0f0f0f-0000-4000-8000-000000000001&taskType=plan");
    }

    @Test
    void badRequestsNameTheParameter() {
        refused("no_such_query", Map.of("from", "2026-03-01", "to", "2026-03-02"), "name");
        refused("task_throughput", Map.of("to", "2026-03-02"), "from");
        refused("task_throughput", Map.of("from", "2026-02-30", "to", "2026-03-02"), "from");
        refused("task_throughput", Map.of("from", "2026-03-02", "to", "2026-03-02"), "to");
        refused("task_throughput", Map.of("from", "2026-03-01", "to", "2026-04-02"), "to");
        refused("task_throughput", Map.of("from", "2024-01-01", "to", "2026-03-02"), "to");
        refused("task_throughput", Map.of("from", "2026-03-01", "to", "2026-03-02", "userId", "u"), "userId");
        refused("task_throughput", Map.of("from", "2026-03-01", "to", "2026-03-02", "agentId", "x' OR '1'='1"), "agentId");
        refused("task_throughput", Map.of("from", "2026-03-01", "to", "2026-03-02", "taskType", "a b"), "taskType");
    }
}
