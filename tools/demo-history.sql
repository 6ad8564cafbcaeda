-- Demo history for ./tokyo-ia demo-history: the closed days (UTC) from :days to :newest (default 1,
-- yesterday) before today of agents' work,
-- written straight into PostgreSQL as if the API had received it on those days (the API stamps
-- tasks with the server's clock, so it cannot write the past). Re-runnable: a day that already has
-- history, or that the lake already holds (any export manifest row), is left alone, so exported
-- and purged days never change behind the manifest's back.
-- Unfriendly on purpose: long-tailed latencies and costs, skewed task types, some failures.
-- Volume per day from :tasks (default 20,000 tasks, the issue's demo volume): a tenth as many
-- workflows, 2.5 times as many metric points, a quarter as many interactions, a twentieth as many
-- sessions; :agents agents (default 50).
-- Phases, so several sessions can write at once: 'prepare' (the agents and every day partition,
-- once, committed before anyone writes: creating a partition locks its parent), then 'write' in
-- :parts sessions, session :part writing the days whose number modulo :parts is :part, each in
-- one transaction (a failed session leaves its days unwritten and a re-run writes them). Without
-- :phase, one session does both.
\set ON_ERROR_STOP on
\if :{?phase}
\else
\set phase all
\endif
\if :{?newest}
\else
\set newest 1
\endif
\if :{?parts}
\else
\set parts 1
\set part 0
\endif
\if :{?tasks}
\else
\set tasks 20000
\endif
\if :{?agents}
\else
\set agents 50
\endif
SELECT greatest(1, :tasks / 10) AS workflows, (:tasks * 5) / 2 AS metrics, greatest(1, :tasks / 4) AS interactions,
       greatest(1, :tasks / 20) AS sessions \gset
SELECT :'phase' IN ('prepare', 'all') AS preparing, :'phase' IN ('write', 'all') AS writing \gset

\if :preparing
INSERT INTO agents (id, name, role, model, status, description, created_at, updated_at)
SELECT md5('history-agent-' || a.n || '-' || k)::uuid, 'history-' || a.n || '-' || k, role, model, 'ACTIVE', 'Demo history agent',
       now() - make_interval(days => :days + 1), now() - make_interval(days => :days + 1)
FROM generate_series(1, :agents) AS k,
     LATERAL (SELECT * FROM (VALUES (0, 'planner', 'planning', 'gpt-4o'), (1, 'coder', 'implementation', 'claude-sonnet'),
             (2, 'reviewer', 'review', 'gpt-4o-mini'), (3, 'researcher', 'research', 'claude-haiku')) AS v(r, n, role, model)
              WHERE v.r = k % 4) AS a
ON CONFLICT (name) DO NOTHING;

SELECT tokyoia_ensure_day_partition(t, d::date)
FROM generate_series((now() AT TIME ZONE 'UTC')::date - :days, (now() AT TIME ZONE 'UTC')::date - :newest, interval '1 day') AS d,
     unnest(ARRAY['agent_tasks', 'agent_metrics', 'agent_interactions']) AS t
WHERE NOT EXISTS (SELECT 1 FROM export_manifest m WHERE m.day = d::date) \g /dev/null
\endif

\if :writing
BEGIN;

CREATE TEMP TABLE history_days ON COMMIT DROP AS
SELECT d::date AS day
FROM generate_series((now() AT TIME ZONE 'UTC')::date - :days, (now() AT TIME ZONE 'UTC')::date - :newest, interval '1 day') AS d
WHERE NOT EXISTS (SELECT 1 FROM workflows w WHERE w.id = md5('history-wf-' || d::date || '-0')::uuid)
  AND NOT EXISTS (SELECT 1 FROM export_manifest m WHERE m.day = d::date)
  AND (d::date - date '2000-01-01') % :parts = :part;

SELECT format('history days to add (session %s of %s): %s', :part + 1, :parts, count(*)) AS added FROM history_days \gset
\echo :added

CREATE TEMP TABLE history_agents ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY name) - 1 AS k, id FROM agents WHERE name LIKE 'history-%';
CREATE UNIQUE INDEX ON history_agents (k);
SELECT count(*) AS agent_count FROM history_agents \gset

-- :workflows workflows a day, spread over the day; one in forty fails.
INSERT INTO workflows (id, name, agent_id, status, created_at, started_at, finished_at, error_message, updated_at)
SELECT md5('history-wf-' || day || '-' || w)::uuid, 'history-' || day || '-' || w,
       (SELECT id FROM history_agents WHERE k = w % :agent_count),
       CASE WHEN w % 40 = 39 THEN 'FAILED' ELSE 'COMPLETED' END,
       start, start + interval '1 minute', start + interval '20 minutes',
       CASE WHEN w % 40 = 39 THEN 'planner gave up after 3 retries' END,
       start + interval '20 minutes'
FROM history_days, generate_series(0, :workflows - 1) AS w,
     LATERAL (SELECT (day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => (w * 84000.0 / :workflows)::int)) AS s(start);

-- :tasks tasks a day, task types skewed, latency exponential with a long tail, about 4% failed.
INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, started_at, completed_at,
                         tokens_input, tokens_output, cost_usd, latency_ms, error_message, updated_at)
SELECT md5('history-task-' || day || '-' || i)::uuid, md5('history-wf-' || day || '-' || (i % :workflows))::uuid,
       ha.id,
       (ARRAY['plan', 'code', 'code', 'code', 'review', 'review', 'search', 'summarize', 'test', 'deploy'])[1 + floor(random() ^ 2 * 10)::int],
       CASE WHEN r < 0.04 THEN 'FAILED' ELSE 'COMPLETED' END,
       at, at + interval '200 milliseconds', at + make_interval(secs => latency / 1000.0),
       tokens_in, tokens_out, round((tokens_in * 0.000003 + tokens_out * 0.000015)::numeric, 6), latency,
       CASE WHEN r < 0.04 THEN 'model timeout after ' || latency || ' ms' END,
       at + make_interval(secs => latency / 1000.0)
FROM history_days, generate_series(0, :tasks - 1) AS i,
     LATERAL (SELECT random() AS r,
                     (day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => 60 + (i * 85000.0 / :tasks)::int + floor(random() * 200)) AS at,
                     (150 - ln(1 - random()) * 900)::int AS latency,
                     (200 + floor(random() ^ 3 * 20000))::int AS tokens_in,
                     (50 + floor(random() ^ 2 * 4000))::int AS tokens_out,
                     -- A few agents do most of the work.
                     floor(random() ^ 2 * :agent_count)::int AS agent_k) AS v
     JOIN history_agents ha ON ha.k = v.agent_k;

-- :metrics metric points a day.
INSERT INTO agent_metrics (agent_id, metric_name, metric_value, unit, recorded_at, ingested_at)
SELECT ha.id, name, value, unit, at, at
FROM history_days, generate_series(0, :metrics - 1) AS i
     JOIN history_agents ha ON ha.k = i % :agent_count,
     LATERAL (SELECT (day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => (i * 86000.0 / :metrics)::int + floor(random() * 100)) AS at) AS t,
     LATERAL (SELECT (ARRAY['latency_ms', 'tokens_per_s', 'queue_depth'])[1 + i % 3] AS name,
                     (ARRAY['ms', 'tokens/s', NULL])[1 + i % 3] AS unit,
                     CASE i % 3 WHEN 0 THEN 100 - ln(1 - random()) * 700 WHEN 1 THEN 20 + random() * 80
                                ELSE floor(random() ^ 4 * 50) END AS value) AS m;

-- :interactions interactions a day between the agents, inside the day's workflows.
INSERT INTO agent_interactions (workflow_id, from_agent_id, to_agent_id, kind, tokens, latency_ms, occurred_at, ingested_at)
SELECT md5('history-wf-' || day || '-' || (i % :workflows))::uuid, (SELECT id FROM history_agents WHERE k = i % :agent_count),
       (SELECT id FROM history_agents WHERE k = (i + 1 + i / 7) % :agent_count),
       (ARRAY['REQUEST', 'RESPONSE', 'DELEGATION', 'BROADCAST'])[1 + floor(random() ^ 2 * 4)::int],
       (10 + floor(random() ^ 3 * 3000))::int, (5 - ln(1 - random()) * 60)::int, at, at
FROM history_days, generate_series(0, :interactions - 1) AS i,
     LATERAL (SELECT (day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => 600 + (i * 85000.0 / :interactions)::int + floor(random() * 300)) AS at) AS t;

-- :sessions finished user sessions a day.
INSERT INTO user_sessions (id, user_id, client, status, started_at, last_heartbeat_at, ended_at, updated_at)
SELECT md5('history-session-' || day || '-' || i)::uuid, 'user-' || (1 + floor(random() ^ 2 * 400))::int,
       (ARRAY['web', 'cli', 'ide'])[1 + i % 3], 'ENDED', at, at + length, at + length, at + length
FROM history_days, generate_series(0, :sessions - 1) AS i,
     LATERAL (SELECT (day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => (i * 84000.0 / :sessions)::int) AS at,
                     make_interval(secs => 30 - ln(1 - random()) * 900) AS length) AS s;

-- The audit trail of the day's workflows.
INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_id, details)
SELECT created_at, 'demo-history', 'workflow.create', 'workflow', id::text, '{"name":"' || name || '"}'
FROM workflows WHERE id IN (SELECT md5('history-wf-' || day || '-' || w)::uuid FROM history_days, generate_series(0, :workflows - 1) AS w);

COMMIT;
\endif
