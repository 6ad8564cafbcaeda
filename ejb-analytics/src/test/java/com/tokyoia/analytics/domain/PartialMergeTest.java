package com.tokyoia.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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

    private static Map<String, Object> latency(String agent, long bucket, long tasks) {
        Map<String, Object> row = new HashMap<>();
        row.put("day", null);
        row.put("agent_id", agent);
        row.put("bucket", BigDecimal.valueOf(bucket));
        row.put("tasks", BigDecimal.valueOf(tasks).setScale(6));
        return row;
    }

    @Test
    void aHistogramQueryKeepsOneRowPerGroupWithItsBucketsCountedAsTheRowsWouldBe() {
        List<Map<String, Object>> parts = new ArrayList<>();
        Map<String, TreeMap<Long, Long>> expected = new TreeMap<>();
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            String agent = "agent-" + random.nextInt(7);
            // Long-tailed: most buckets small, a few far out, the same bucket met from many parts.
            long bucket = (long) Math.exp(random.nextDouble() * 14);
            long tasks = 1 + random.nextInt(3);
            parts.add(latency(agent, bucket, tasks));
            expected.computeIfAbsent(agent, a -> new TreeMap<>()).merge(bucket, tasks, Long::sum);
        }
        List<Map<String, Object>> merged = PartialMerge.merge(QueryCatalog.LATENCY_BY_AGENT, parts);
        assertThat(merged).hasSize(expected.size());
        List<Map<String, Object>> answer = QueryCatalog.LATENCY_BY_AGENT.finish().apply(merged);
        for (Map<String, Object> row : answer) {
            TreeMap<Long, Long> histogram = expected.get((String) row.get("agent_id"));
            long n = histogram.values().stream().mapToLong(Long::longValue).sum();
            assertThat((BigDecimal) row.get("tasks")).isEqualByComparingTo(BigDecimal.valueOf(n));
            assertThat((BigDecimal) row.get("p50_ms")).isEqualByComparingTo(BigDecimal.valueOf(rank(histogram, n, 0.50)));
            assertThat((BigDecimal) row.get("p95_ms")).isEqualByComparingTo(BigDecimal.valueOf(rank(histogram, n, 0.95)));
            assertThat((BigDecimal) row.get("p99_ms")).isEqualByComparingTo(BigDecimal.valueOf(rank(histogram, n, 0.99)));
        }
        assertThat(answer.get(0).keySet()).containsExactly("agent_id", "tasks", "p50_ms", "p95_ms", "p99_ms");
    }

    /** The reference: the first bucket, ascending, whose cumulative count reaches ceil(p * n). */
    private static long rank(TreeMap<Long, Long> histogram, long n, double p) {
        long target = (long) Math.ceil(p * n);
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
            seen += bucket.getValue();
            if (seen >= target) {
                return bucket.getKey();
            }
        }
        throw new AssertionError("no bucket reaches " + target);
    }

    @Test
    void aMergeOverItsBoundStopsWithTheSizeInsteadOfGrowing() {
        // Room for 100 groups of token_cost_by_workflow: the 101st is refused, the 100th was not.
        PartialMerge merge = new PartialMerge(QueryCatalog.TOKEN_COST_BY_WORKFLOW, 100 * PartialMerge.GROUP_BYTES);
        for (int i = 0; i < 100; i++) {
            merge.accept(workflow("w" + i));
            merge.accept(workflow("w" + i));
        }
        assertThat(merge.rows()).hasSize(100);
        assertThatThrownBy(() -> merge.accept(workflow("w-one-too-many"))).isInstanceOf(AnswerTooLargeException.class)
                .hasMessageContaining("more than 101 groups");

        // Histogram buckets count too: one group, but more buckets than the bound holds.
        PartialMerge buckets = new PartialMerge(QueryCatalog.LATENCY_BY_AGENT, PartialMerge.GROUP_BYTES + 50 * PartialMerge.BUCKET_BYTES);
        for (long bucket = 0; bucket < 50; bucket++) {
            buckets.accept(latency("a", bucket, 1));
            buckets.accept(latency("a", bucket, 1));
        }
        assertThatThrownBy(() -> buckets.accept(latency("a", 50, 1))).isInstanceOf(AnswerTooLargeException.class)
                .hasMessageContaining("1 groups and 51 histogram buckets");
    }

    private static Map<String, Object> workflow(String id) {
        Map<String, Object> row = new HashMap<>(Map.of("workflow_id", id, "tasks", BigDecimal.ONE, "tokens_input", BigDecimal.ONE,
                "tokens_output", BigDecimal.ONE, "cost_usd", BigDecimal.ONE));
        row.put("day", null);
        return row;
    }

    private static Map<String, Object> metric(long bucket, long points, long sum, long min, long max) {
        Map<String, Object> row = new HashMap<>();
        row.put("day", D1);
        row.put("agent_id", "a");
        row.put("metric_name", "latency_ms");
        row.put("bucket", BigDecimal.valueOf(bucket));
        row.put("points", BigDecimal.valueOf(points).setScale(6));
        row.put("value_sum", BigDecimal.valueOf(sum).setScale(6));
        row.put("value_min", BigDecimal.valueOf(min).setScale(6));
        row.put("value_max", BigDecimal.valueOf(max).setScale(6));
        return row;
    }

    @Test
    void metricStatsMergeMinimaAndMaximaAsSuchAndReadValuesBackFromThousandths() {
        // Values in thousandths: -1500 (one point), 0 (two), 1234 and 1239 (bucket 1230), 20500 (bucket 20500).
        List<Map<String, Object>> merged = PartialMerge.merge(QueryCatalog.METRIC_STATS, List.of(
                metric(1230, 2, 2473, 1234, 1239), metric(-1500, 1, -1500, -1500, -1500), metric(0, 2, 0, 0, 0),
                metric(20500, 1, 20500, 20500, 20500)));
        assertThat(merged).hasSize(1);
        Map<String, Object> row = QueryCatalog.METRIC_STATS.finish().apply(merged).get(0);
        assertThat(row).containsEntry("day", "2024-06-01").containsEntry("agent_id", "a").containsEntry("metric_name", "latency_ms");
        assertThat((BigDecimal) row.get("points")).isEqualByComparingTo("6");
        assertThat((BigDecimal) row.get("min_value")).isEqualByComparingTo("-1.5");
        assertThat((BigDecimal) row.get("max_value")).isEqualByComparingTo("20.5");
        // (2473 - 1500 + 20500) / 6 / 1000
        assertThat((BigDecimal) row.get("avg_value")).isEqualByComparingTo("3.578833");
        // Ranks of 6: p50 the 3rd point (bucket 0), p95 and p99 the 6th (bucket 20500).
        assertThat((BigDecimal) row.get("p50_value")).isEqualByComparingTo("0");
        assertThat((BigDecimal) row.get("p95_value")).isEqualByComparingTo("20.5");
        assertThat((BigDecimal) row.get("p99_value")).isEqualByComparingTo("20.5");
        assertThat(List.copyOf(row.keySet())).isEqualTo(QueryCatalog.METRIC_STATS.resultColumns());
    }
}
