-- Hot tables of the Tokyo-IA platform. Every exported table has a day column (UTC event time)
-- that decides its lake partition; the large append-mostly ones are range-partitioned by that
-- column so export reads one partition and retention drops one instead of a table-wide DELETE.

CREATE TABLE agents (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    role        text        NOT NULL,
    model       text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'RETIRED')),
    description text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT agents_name_unique UNIQUE (name)
);
CREATE INDEX agents_created_idx ON agents (created_at, id);
CREATE INDEX agents_status_created_idx ON agents (status, created_at, id);

CREATE TABLE workflows (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL,
    agent_id      uuid        REFERENCES agents (id),
    status        text        NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    created_at    timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    error_message text,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL DEFAULT 0
);
CREATE INDEX workflows_created_idx ON workflows (created_at, id);
CREATE INDEX workflows_status_created_idx ON workflows (status, created_at, id);
CREATE INDEX workflows_agent_idx ON workflows (agent_id);
-- Late-data detection (rows changed after their day was exported) scans by updated_at.
CREATE INDEX workflows_updated_idx ON workflows (updated_at);

CREATE TABLE agent_tasks (
    id            uuid          NOT NULL,
    workflow_id   uuid          NOT NULL REFERENCES workflows (id),
    agent_id      uuid          NOT NULL REFERENCES agents (id),
    task_type     text          NOT NULL,
    status        text          NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
    created_at    timestamptz   NOT NULL,
    started_at    timestamptz,
    completed_at  timestamptz,
    tokens_input  integer       CHECK (tokens_input >= 0),
    tokens_output integer       CHECK (tokens_output >= 0),
    cost_usd      numeric(14, 6) CHECK (cost_usd >= 0),
    latency_ms    integer       CHECK (latency_ms >= 0),
    error_message text,
    updated_at    timestamptz   NOT NULL,
    version       bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX agent_tasks_created_idx ON agent_tasks (created_at, id);
CREATE INDEX agent_tasks_workflow_idx ON agent_tasks (workflow_id, created_at, id);
CREATE INDEX agent_tasks_agent_idx ON agent_tasks (agent_id, created_at, id);
CREATE INDEX agent_tasks_updated_idx ON agent_tasks (updated_at);

CREATE SEQUENCE agent_metrics_id_seq AS bigint CACHE 100;
CREATE TABLE agent_metrics (
    id           bigint           NOT NULL DEFAULT nextval('agent_metrics_id_seq'),
    agent_id     uuid             NOT NULL REFERENCES agents (id),
    metric_name  text             NOT NULL,
    metric_value double precision NOT NULL,
    unit         text,
    recorded_at  timestamptz      NOT NULL,
    ingested_at  timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (id, recorded_at)
) PARTITION BY RANGE (recorded_at);
ALTER SEQUENCE agent_metrics_id_seq OWNED BY agent_metrics.id;
CREATE INDEX agent_metrics_agent_name_idx ON agent_metrics (agent_id, metric_name, recorded_at, id);
CREATE INDEX agent_metrics_recorded_idx ON agent_metrics (recorded_at, id);

CREATE SEQUENCE agent_interactions_id_seq AS bigint CACHE 100;
CREATE TABLE agent_interactions (
    id            bigint      NOT NULL DEFAULT nextval('agent_interactions_id_seq'),
    workflow_id   uuid        REFERENCES workflows (id),
    from_agent_id uuid        NOT NULL REFERENCES agents (id),
    to_agent_id   uuid        NOT NULL REFERENCES agents (id),
    kind          text        NOT NULL CHECK (kind IN ('REQUEST', 'RESPONSE', 'DELEGATION', 'BROADCAST')),
    tokens        integer     CHECK (tokens >= 0),
    latency_ms    integer     CHECK (latency_ms >= 0),
    occurred_at   timestamptz NOT NULL,
    ingested_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
ALTER SEQUENCE agent_interactions_id_seq OWNED BY agent_interactions.id;
CREATE INDEX agent_interactions_occurred_idx ON agent_interactions (occurred_at, id);
CREATE INDEX agent_interactions_from_idx ON agent_interactions (from_agent_id, occurred_at, id);
CREATE INDEX agent_interactions_to_idx ON agent_interactions (to_agent_id, occurred_at, id);

CREATE TABLE user_sessions (
    id                uuid        PRIMARY KEY,
    user_id           text        NOT NULL,
    client            text,
    status            text        NOT NULL CHECK (status IN ('ACTIVE', 'ENDED')),
    started_at        timestamptz NOT NULL,
    last_heartbeat_at timestamptz NOT NULL,
    ended_at          timestamptz,
    updated_at        timestamptz NOT NULL,
    version           bigint      NOT NULL DEFAULT 0
);
CREATE INDEX user_sessions_started_idx ON user_sessions (started_at, id);
CREATE INDEX user_sessions_active_idx ON user_sessions (started_at, id) WHERE status = 'ACTIVE';
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id, started_at);

CREATE TABLE audit_log (
    id          bigserial   PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    entity_type text        NOT NULL,
    entity_id   text        NOT NULL,
    details     text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, occurred_at);
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at);

-- The single source of truth for what the lake holds: one row per (table, day, version).
CREATE TABLE export_manifest (
    id                 bigserial   PRIMARY KEY,
    table_name         text        NOT NULL,
    day                date        NOT NULL,
    version            integer     NOT NULL CHECK (version >= 1),
    status             text        NOT NULL CHECK (status IN ('EXPORTING', 'EXPORTED', 'VALIDATED', 'PURGED', 'ARCHIVED', 'FAILED')),
    row_count          bigint      CHECK (row_count >= 0),
    bytes              bigint      CHECK (bytes >= 0),
    column_sizes       text,
    content_checksum   text,
    sha256             text,
    object_key         text,
    etag               text,
    storage_class      text,
    error_message      text,
    execution_id       bigint,
    created_at         timestamptz NOT NULL,
    exported_at        timestamptz,
    validated_at       timestamptz,
    purged_at          timestamptz,
    archived_at        timestamptz,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT export_manifest_version_unique UNIQUE (table_name, day, version)
);
CREATE INDEX export_manifest_status_day_idx ON export_manifest (status, day);
CREATE INDEX export_manifest_table_day_idx ON export_manifest (table_name, day, version DESC);
