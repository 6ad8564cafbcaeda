package com.tokyoia.analytics.domain;

import static com.tokyoia.analytics.domain.Measure.count;
import static com.tokyoia.analytics.domain.Measure.sum;

import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The named analytics queries users choose from; they never send SQL. */
public final class QueryCatalog {
    private static final Filter AGENT = new Filter("agentId", "agent_id", Filter.Kind.UUID);
    private static final Filter WORKFLOW = new Filter("workflowId", "workflow_id", Filter.Kind.UUID);
    private static final Filter TASK_TYPE = new Filter("taskType", "task_type", Filter.Kind.TOKEN);
    private static final Filter STATUS = new Filter("status", "status", Filter.Kind.TOKEN);
    private static final Filter FROM_AGENT = new Filter("fromAgentId", "from_agent_id", Filter.Kind.UUID);
    private static final Filter TO_AGENT = new Filter("toAgentId", "to_agent_id", Filter.Kind.UUID);
    private static final Filter USER = new Filter("userId", "user_id", Filter.Kind.TOKEN);
    private static final Filter METRIC = new Filter("metricName", "metric_name", Filter.Kind.TOKEN);

    private static Dimension uuid(String column) {
        return new Dimension(column, new Expr(column + "::text", column, column));
    }

    /**
     * Milliseconds from start to end. Athena and Trino read Parquet timestamps as timestamp(3),
     * rounding the stored microseconds half up, so PostgreSQL and DuckDB round each timestamp the
     * same way (in exact integer arithmetic) before subtracting: every engine gives the same sums.
     */
    private static Expr durationMillis(String start, String end) {
        String guard = "CASE WHEN " + start + " IS NOT NULL AND " + end + " IS NOT NULL THEN ";
        return new Expr(guard + postgresMillis(end) + " - " + postgresMillis(start) + " ELSE 0 END",
                guard + duckdbMillis(end) + " - " + duckdbMillis(start) + " ELSE 0 END",
                guard + "date_diff('millisecond', " + start + ", " + end + ") ELSE 0 END");
    }

    private static String postgresMillis(String column) {
        return "(((extract(epoch FROM " + column + ") * 1000000)::bigint + 500) / 1000)";
    }

    private static String duckdbMillis(String column) {
        return "((epoch_us(" + column + ") + 500) // 1000)";
    }

    private static Expr when(String condition) {
        return Expr.same("CASE WHEN " + condition + " THEN 1 ELSE 0 END");
    }

    public static final AnalyticsQuery TASK_THROUGHPUT = new AnalyticsQuery("task_throughput",
            "Tasks per agent per day, with failures and failure rate",
            LakeSchemaRegistry.AGENT_TASKS, true, List.of(uuid("agent_id")),
            List.of(count("tasks"), sum("completed", when("status = 'COMPLETED'")), sum("failed", when("status = 'FAILED'"))),
            null, List.of(AGENT, WORKFLOW, TASK_TYPE), List.of("agent_id", "status"),
            rows -> rows.stream().map(r -> with(r, "failure_rate", ratio(r.get("failed"), r.get("tasks")))).toList());

    public static final AnalyticsQuery LATENCY_BY_AGENT = latency("latency_percentiles_by_agent", uuid("agent_id"));
    public static final AnalyticsQuery LATENCY_BY_TASK_TYPE = latency("latency_percentiles_by_task_type",
            new Dimension("task_type", Expr.same("task_type")));

    public static final AnalyticsQuery TOKEN_COST_BY_AGENT = tokens("token_cost_by_agent", uuid("agent_id"));
    public static final AnalyticsQuery TOKEN_COST_BY_WORKFLOW = tokens("token_cost_by_workflow", uuid("workflow_id"));

    public static final AnalyticsQuery WORKFLOW_SUCCESS = new AnalyticsQuery("workflow_success",
            "Workflows per day: outcomes, success rate and average duration of finished ones",
            LakeSchemaRegistry.WORKFLOWS, true, List.of(),
            List.of(count("workflows"), sum("completed", when("status = 'COMPLETED'")), sum("failed", when("status = 'FAILED'")),
                    sum("cancelled", when("status = 'CANCELLED'")),
                    sum("timed", when("started_at IS NOT NULL AND finished_at IS NOT NULL")),
                    sum("duration_ms", durationMillis("started_at", "finished_at"))),
            null, List.of(AGENT, STATUS), List.of("status", "started_at", "finished_at"),
            rows -> rows.stream().map(r -> {
                Map<String, Object> out = with(r, "success_rate", ratio(r.get("completed"), r.get("workflows")));
                out.put("avg_duration_ms", ratio(r.get("duration_ms"), r.get("timed")));
                out.remove("duration_ms");
                out.remove("timed");
                return out;
            }).toList());

    public static final AnalyticsQuery SESSION_ACTIVITY = new AnalyticsQuery("session_activity",
            "Sessions started per day, distinct users, ended sessions and their average length",
            LakeSchemaRegistry.USER_SESSIONS, true, List.of(),
            List.of(count("sessions"), new Measure("users", Expr.same("count(DISTINCT user_id)")),
                    sum("ended", when("ended_at IS NOT NULL")), sum("length_ms", durationMillis("started_at", "ended_at"))),
            null, List.of(USER), List.of("user_id", "started_at", "ended_at"),
            rows -> rows.stream().map(r -> {
                Map<String, Object> out = with(r, "avg_length_s", ratio(r.get("length_ms"),
                        ((BigDecimal) r.get("ended")).multiply(BigDecimal.valueOf(1000))));
                out.remove("length_ms");
                return out;
            }).toList());

    public static final AnalyticsQuery INTERACTION_GRAPH = new AnalyticsQuery("interaction_graph",
            "Who talks to whom: interactions, tokens and average latency per (from agent, to agent)",
            LakeSchemaRegistry.AGENT_INTERACTIONS, false, List.of(uuid("from_agent_id"), uuid("to_agent_id")),
            List.of(count("interactions"), sum("tokens", "coalesce(tokens, 0)"), sum("latency_ms", "coalesce(latency_ms, 0)")),
            null, List.of(FROM_AGENT, TO_AGENT, WORKFLOW),
            List.of("from_agent_id", "to_agent_id", "tokens", "latency_ms"),
            rows -> rows.stream().map(r -> {
                Map<String, Object> out = with(r, "avg_latency_ms", ratio(r.get("latency_ms"), r.get("interactions")));
                out.remove("latency_ms");
                return out;
            }).toList());

    /**
     * Metric values per agent, metric and day. Values are doubles, whose sums depend on the order of
     * addition, so every measure works on the value in whole thousandths ({@link ValueBuckets}): sums,
     * minimum and maximum are exact and equal on every engine, at 0.001 resolution (floored).
     */
    public static final AnalyticsQuery METRIC_STATS = new AnalyticsQuery("metric_stats",
            "Per agent, metric and day: points, minimum, maximum, average and p50/p95/p99 of the values (at 0.001, floored; "
                    + "percentiles from buckets of 3 significant digits, at most 1% from the exact value, toward zero)",
            LakeSchemaRegistry.AGENT_METRICS, true,
            List.of(uuid("agent_id"), new Dimension("metric_name", Expr.same("metric_name")),
                    new Dimension("bucket", ValueBuckets.bucketOf("metric_value"))),
            // Summed as decimals: a bigint sum (Trino's, Athena's) overflows past 9.2e18 thousandths.
            List.of(count("points"), sum("value_sum", ValueBuckets.thousandths("metric_value").wrap("CAST(", " AS DECIMAL(38,0))")),
                    Measure.min("value_min", ValueBuckets.thousandths("metric_value")),
                    Measure.max("value_max", ValueBuckets.thousandths("metric_value"))),
            null, List.of(AGENT, METRIC), List.of("agent_id", "metric_name", "metric_value"),
            QueryCatalog::metricValues, new HistogramDimension("bucket", "points"));

    private static final List<AnalyticsQuery> ALL = List.of(TASK_THROUGHPUT, LATENCY_BY_AGENT, LATENCY_BY_TASK_TYPE,
            TOKEN_COST_BY_AGENT, TOKEN_COST_BY_WORKFLOW, WORKFLOW_SUCCESS, SESSION_ACTIVITY, INTERACTION_GRAPH, METRIC_STATS);

    private QueryCatalog() {
    }

    public static List<AnalyticsQuery> all() {
        return ALL;
    }

    public static Optional<AnalyticsQuery> find(String name) {
        return ALL.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    private static AnalyticsQuery latency(String name, Dimension key) {
        return new AnalyticsQuery(name, "Latency percentiles p50/p95/p99 (ms) per " + key.name()
                + ", from fixed buckets (see LatencyBuckets: at most one bucket, 1%, below the exact value)",
                LakeSchemaRegistry.AGENT_TASKS, false,
                List.of(key, new Dimension("bucket", LatencyBuckets.bucketOf("latency_ms"))),
                List.of(count("tasks")), Expr.same("latency_ms IS NOT NULL"), List.of(AGENT, TASK_TYPE, STATUS),
                List.of(key.name(), "latency_ms"),
                rows -> percentiles(rows, key.name()), new HistogramDimension("bucket", "tasks"));
    }

    private static AnalyticsQuery tokens(String name, Dimension key) {
        return new AnalyticsQuery(name, "Token usage and cost per " + key.name(), LakeSchemaRegistry.AGENT_TASKS, false,
                List.of(key), List.of(count("tasks"), sum("tokens_input", "coalesce(tokens_input, 0)"),
                sum("tokens_output", "coalesce(tokens_output, 0)"), sum("cost_usd", "coalesce(cost_usd, 0)")),
                null, List.of(AGENT, WORKFLOW, TASK_TYPE),
                List.of(key.name(), "tokens_input", "tokens_output", "cost_usd"),
                rows -> rows.stream().map(r -> with(r, "avg_cost_usd", ratio(r.get("cost_usd"), r.get("tasks")))).toList());
    }

    /** Reads p50/p95/p99 from each group's merged bucket counts: the first bucket whose cumulative count reaches p * n. */
    static List<Map<String, Object>> percentiles(List<Map<String, Object>> rows, String key) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> merged : rows) {
            BucketHistogram histogram = (BucketHistogram) merged.get("bucket");
            long[] p = histogram.percentiles(0.50, 0.95, 0.99);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(key, merged.get(key) == null ? null : merged.get(key).toString());
            row.put("tasks", BigDecimal.valueOf(histogram.total()));
            row.put("p50_ms", BigDecimal.valueOf(p[0]));
            row.put("p95_ms", BigDecimal.valueOf(p[1]));
            row.put("p99_ms", BigDecimal.valueOf(p[2]));
            out.add(row);
        }
        return out;
    }

    /** Each group's values back from thousandths: minimum, maximum, average and percentiles of its buckets. */
    static List<Map<String, Object>> metricValues(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> merged : rows) {
            BucketHistogram histogram = (BucketHistogram) merged.get("bucket");
            BigDecimal points = (BigDecimal) merged.get("points");
            long[] p = histogram.percentiles(0.50, 0.95, 0.99);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", merged.get("day"));
            row.put("agent_id", merged.get("agent_id"));
            row.put("metric_name", merged.get("metric_name"));
            row.put("points", points.setScale(0, RoundingMode.UNNECESSARY));
            row.put("min_value", thousandths((BigDecimal) merged.get("value_min")));
            row.put("max_value", thousandths((BigDecimal) merged.get("value_max")));
            row.put("avg_value", points.signum() == 0 ? null
                    : ((BigDecimal) merged.get("value_sum")).divide(points.multiply(BigDecimal.valueOf(1000)), 6, RoundingMode.HALF_EVEN));
            row.put("p50_value", BigDecimal.valueOf(p[0], 3));
            row.put("p95_value", BigDecimal.valueOf(p[1], 3));
            row.put("p99_value", BigDecimal.valueOf(p[2], 3));
            out.add(row);
        }
        return out;
    }

    private static BigDecimal thousandths(BigDecimal value) {
        return value == null ? null : value.movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY);
    }

    private static Map<String, Object> with(Map<String, Object> row, String name, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.put(name, value);
        return out;
    }

    static BigDecimal ratio(Object numerator, Object denominator) {
        BigDecimal d = (BigDecimal) denominator;
        if (d == null || d.signum() == 0) {
            return null;
        }
        return ((BigDecimal) numerator).divide(d, 6, RoundingMode.HALF_EVEN);
    }

    public static String describe(AnalyticsQuery query) {
        return query.filters().stream().map(Filter::name).collect(Collectors.joining(", "));
    }
}
