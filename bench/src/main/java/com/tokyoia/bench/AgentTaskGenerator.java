package com.tokyoia.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * Generates one UTC day of agent_tasks inside PostgreSQL (INSERT ... SELECT over generate_series,
 * so the generator is not the bottleneck). Realistic rather than repetitive:
 * - random UUID task ids; 200 agents and 50,000 workflows (created once, reused), picked uniformly;
 * - creation times uniform over the day at microsecond resolution; start 0-2 s later, completion
 *   after a log-normal latency (median about 1.6 s, long tail to minutes);
 * - 8 task types, skewed (summarize and plan dominate);
 * - tokens in/out log-normal (median about 900 / 250), cost = tokens priced per model tier with
 *   6 decimals;
 * - about 5% FAILED with one of 12 error messages plus the task's own number (so texts vary),
 *   and no output tokens.
 */
public final class AgentTaskGenerator {
    static final int AGENTS = 200;
    static final int WORKFLOWS = 50_000;

    private AgentTaskGenerator() {
    }

    public static void ensureAgentsAndWorkflows(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO agents (id, name, role, model, status, created_at, updated_at) "
                    + "SELECT md5('bench-agent-' || g)::uuid, 'bench-agent-' || g, 'worker', "
                    + "(ARRAY['gpt-4o','claude-sonnet','gpt-4o-mini','llama-70b'])[1 + g % 4], 'ACTIVE', now(), now() "
                    + "FROM generate_series(1, " + AGENTS + ") g ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO workflows (id, name, agent_id, status, created_at, updated_at) "
                    + "SELECT md5('bench-workflow-' || g)::uuid, 'bench-workflow-' || g, md5('bench-agent-' || (1 + g % " + AGENTS
                    + "))::uuid, 'COMPLETED', now(), now() FROM generate_series(1, " + WORKFLOWS + ") g ON CONFLICT DO NOTHING");
        }
    }

    public static void generate(Connection c, LocalDate day, long rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT tokyoia_ensure_day_partition('agent_tasks', '" + day + "')");
            st.execute("TRUNCATE agent_tasks_p" + day.toString().replace("-", ""));
            st.execute("INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, started_at, "
                    + "completed_at, tokens_input, tokens_output, cost_usd, latency_ms, error_message, updated_at) "
                    + "SELECT gen_random_uuid(), md5('bench-workflow-' || (1 + floor(random() * " + WORKFLOWS + ")::int))::uuid, "
                    + "md5('bench-agent-' || a)::uuid, "
                    + "(ARRAY['summarize','summarize','summarize','plan','plan','translate','review','code','search','classify'])"
                    + "[1 + floor(random() * 10)::int], "
                    + "CASE WHEN failed THEN 'FAILED' ELSE 'COMPLETED' END, created, created + (random() * interval '2 seconds'), "
                    + "created + latency * interval '1 millisecond', tin, CASE WHEN failed THEN NULL ELSE tout END, "
                    + "round(((tin * 0.0000025 + coalesce(CASE WHEN failed THEN NULL ELSE tout END, 0) * 0.00001) * (1 + a % 4))::numeric, 6), "
                    + "latency, CASE WHEN failed THEN (ARRAY['model timeout','rate limited','context too long','tool call failed',"
                    + "'invalid JSON from model','upstream 502','cancelled by user','guardrail refused','out of budget',"
                    + "'dependency failed','sandbox crashed','unknown'])[1 + floor(random() * 12)::int] || ' (task ' || g || ')' END, "
                    + "created + latency * interval '1 millisecond' "
                    + "FROM (SELECT g, 1 + floor(random() * " + AGENTS + ")::int AS a, random() < 0.05 AS failed, "
                    + "('" + day + "'::date::timestamp AT TIME ZONE 'UTC') + random() * interval '86399.999 seconds' AS created, "
                    + "greatest(1, exp(6.8 + random() * 1.2 + random() * 1.2 - 1.2))::int AS tin, "
                    + "greatest(1, exp(5.5 + random() * 1.4 + random() * 1.4 - 1.4))::int AS tout, "
                    + "greatest(20, exp(7.4 + random() * 1.5 + random() * 1.5 - 1.5))::int AS latency "
                    + "FROM generate_series(1, " + rows + ") g) s");
            st.execute("VACUUM ANALYZE agent_tasks_p" + day.toString().replace("-", ""));
        }
    }
}
