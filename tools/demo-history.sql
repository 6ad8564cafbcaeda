-- Demo history for ./tokyo-ia demo-history: :days closed days (UTC) before today of agents' work,
-- written straight into PostgreSQL as if the API had received it on those days (the API stamps
-- tasks with the server's clock, so it cannot write the past). Re-runnable: a day that already has
-- history, or that the lake already holds (any export manifest row), is left alone, so exported
-- and purged days never change behind the manifest's back.
-- Unfriendly on purpose: long-tailed latencies and costs, skewed task types, some failures.
\set ON_ERROR_STOP on
BEGIN;

INSERT INTO agents (id, name, role, model, status, description, created_at, updated_at)
SELECT md5('history-agent-' || n)::uuid, 'history-' || n, role, model, 'ACTIVE', 'Demo history agent',
       now() - make_interval(days => :days + 1), now() - make_interval(days => :days + 1)
FROM (VALUES ('planner', 'planning', 'gpt-4o'), ('coder', 'implementation', 'claude-sonnet'),
             ('reviewer', 'review', 'gpt-4o-mini'), ('researcher', 'research', 'claude-haiku')) AS a(n, role, model)
ON CONFLICT (name) DO NOTHING;

CREATE TEMP TABLE history_days ON COMMIT DROP AS
SELECT d::date AS day
FROM generate_series((now() AT TIME ZONE 'UTC')::date - :days, (now() AT TIME ZONE 'UTC')::date - 1, interval '1 day') AS d
WHERE NOT EXISTS (SELECT 1 FROM workflows w WHERE w.id = md5('history-wf-' || d::date || '-0')::uuid)
  AND NOT EXISTS (SELECT 1 FROM export_manifest m WHERE m.day = d::date);

SELECT count(*) AS days_added FROM history_days \gset
\echo 'history days to add:' :days_added

SELECT tokyoia_ensure_day_partition(t, day)
FROM history_days, unnest(ARRAY['agent_tasks', 'agent_metrics', 'agent_interactions']) AS t \g /dev/null

CREATE TEMP TABLE history_agents ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY name) - 1 AS k, id FROM agents WHERE name LIKE 'history-%';

-- Six workflows a day; the last one of every fifth day fails.
INSERT INTO workflows (id, name, agent_id, status, created_at, started_at, finished_at, error_message, updated_at)
SELECT md5('history-wf-' || day || '-' || w)::uuid, 'history-' || day || '-' || w,
       (SELECT id FROM history_agents WHERE k = w % 4),
       CASE WHEN w = 5 AND extract(doy FROM day)::int % 5 = 0 THEN 'FAILED' ELSE 'COMPLETED' END,
       start, start + interval '1 minute', start + interval '3 hours',
       CASE WHEN w = 5 AND extract(doy FROM day)::int % 5 = 0 THEN 'planner gave up after 3 retries' END,
       start + interval '3 hours'
FROM history_days, generate_series(0, 5) AS w,
     LATERAL (SELECT (day::timestamp AT TIME ZONE 'UTC') + make_interval(hours => 2 + 3 * w)) AS s(start);

-- 300 tasks a day, task types skewed, latency exponential with a long tail, about 4% failed.
INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, started_at, completed_at,
                         tokens_input, tokens_output, cost_usd, latency_ms, error_message, updated_at)
SELECT md5('history-task-' || day || '-' || i)::uuid, md5('history-wf-' || day || '-' || (i % 6))::uuid,
       (SELECT id FROM history_agents WHERE k = i % 4),
       (ARRAY['plan', 'code', 'code', 'code', 'review', 'review', 'search', 'summarize', 'test', 'deploy'])[1 + floor(random() ^ 2 * 10)::int],
       CASE WHEN r < 0.04 THEN 'FAILED' ELSE 'COMPLETED' END,
       at, at + interval '200 milliseconds', at + make_interval(secs => latency / 1000.0),
       tokens_in, tokens_out, round((tokens_in * 0.000003 + tokens_out * 0.000015)::numeric, 6), latency,
       CASE WHEN r < 0.04 THEN 'model timeout after ' || latency || ' ms' END,
       at + make_interval(secs => latency / 1000.0)
FROM history_days, generate_series(0, 299) AS i,
     LATERAL (SELECT random() AS r,
                     (day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => 60 + i * 280 + floor(random() * 200)) AS at,
                     (150 - ln(1 - random()) * 900)::int AS latency,
                     (200 + floor(random() ^ 3 * 20000))::int AS tokens_in,
                     (50 + floor(random() ^ 2 * 4000))::int AS tokens_out) AS v;

-- 500 metric points a day.
INSERT INTO agent_metrics (agent_id, metric_name, metric_value, unit, recorded_at, ingested_at)
SELECT (SELECT id FROM history_agents WHERE k = i % 4), name, value, unit, at, at
FROM history_days, generate_series(0, 499) AS i,
     LATERAL (SELECT (day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => i * 172 + floor(random() * 100)) AS at) AS t,
     LATERAL (SELECT (ARRAY['latency_ms', 'tokens_per_s', 'queue_depth'])[1 + i % 3] AS name,
                     (ARRAY['ms', 'tokens/s', NULL])[1 + i % 3] AS unit,
                     CASE i % 3 WHEN 0 THEN 100 - ln(1 - random()) * 700 WHEN 1 THEN 20 + random() * 80
                                ELSE floor(random() ^ 4 * 50) END AS value) AS m;

-- 120 interactions a day between the agents, inside the day's workflows.
INSERT INTO agent_interactions (workflow_id, from_agent_id, to_agent_id, kind, tokens, latency_ms, occurred_at, ingested_at)
SELECT md5('history-wf-' || day || '-' || (i % 6))::uuid, (SELECT id FROM history_agents WHERE k = i % 4),
       (SELECT id FROM history_agents WHERE k = (i + 1 + i / 7) % 4),
       (ARRAY['REQUEST', 'RESPONSE', 'DELEGATION', 'BROADCAST'])[1 + floor(random() ^ 2 * 4)::int],
       (10 + floor(random() ^ 3 * 3000))::int, (5 - ln(1 - random()) * 60)::int, at, at
FROM history_days, generate_series(0, 119) AS i,
     LATERAL (SELECT (day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => 7200 + i * 600 + floor(random() * 300)) AS at) AS t;

-- 25 finished user sessions a day.
INSERT INTO user_sessions (id, user_id, client, status, started_at, last_heartbeat_at, ended_at, updated_at)
SELECT md5('history-session-' || day || '-' || i)::uuid, 'user-' || (1 + floor(random() ^ 2 * 40))::int,
       (ARRAY['web', 'cli', 'ide'])[1 + i % 3], 'ENDED', at, at + length, at + length, at + length
FROM history_days, generate_series(0, 24) AS i,
     LATERAL (SELECT (day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => i * 3400) AS at,
                     make_interval(secs => 30 - ln(1 - random()) * 900) AS length) AS s;

-- The audit trail of the day's workflows.
INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_id, details)
SELECT created_at, 'demo-history', 'workflow.create', 'workflow', id::text, '{"name":"' || name || '"}'
FROM workflows WHERE id IN (SELECT md5('history-wf-' || day || '-' || w)::uuid FROM history_days, generate_series(0, 5) AS w);

COMMIT;
