-- Version folders (v=NNNN) and retention.
-- REMOVED: retention deleted the files of a version that a newer proven version replaced.
ALTER TABLE export_manifest DROP CONSTRAINT export_manifest_status_check;
ALTER TABLE export_manifest ADD CONSTRAINT export_manifest_status_check
    CHECK (status IN ('EXPORTING', 'EXPORTED', 'VALIDATED', 'PURGED', 'ARCHIVED', 'FAILED', 'REMOVED'));
-- The retention run that dropped the day from PostgreSQL, and when a replaced version's files went.
ALTER TABLE export_manifest ADD COLUMN purge_execution_id bigint;
ALTER TABLE export_manifest ADD COLUMN removed_at timestamptz;
CREATE INDEX export_manifest_current_idx ON export_manifest (table_name, day, version DESC)
    WHERE status IN ('VALIDATED', 'PURGED', 'ARCHIVED');

-- Days retention would drop but may not yet, with the reason; one alert per (table, day, reason).
CREATE TABLE retention_hold (
    table_name    text        NOT NULL,
    day           date        NOT NULL,
    reason        text        NOT NULL,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    alerted_at    timestamptz,
    PRIMARY KEY (table_name, day)
);

-- A day retention purged stays purged: no partition is created for it again, so late rows for it
-- are refused (the API answers 409) instead of landing in a partition nobody exports.
CREATE OR REPLACE FUNCTION tokyoia_ensure_day_partition(parent text, day date) RETURNS boolean
    LANGUAGE plpgsql AS
$$
DECLARE
    partition_name text := parent || '_p' || to_char(day, 'YYYYMMDD');
    lower_bound    timestamptz := day::timestamp AT TIME ZONE 'UTC';
    upper_bound    timestamptz := (day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
    IF parent NOT IN ('agent_tasks', 'agent_metrics', 'agent_interactions') THEN
        RAISE EXCEPTION 'not a day-partitioned table: %', parent;
    END IF;
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('tokyoia_partition:' || parent));
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    IF EXISTS (SELECT 1 FROM export_manifest m WHERE m.table_name = parent AND m.day = tokyoia_ensure_day_partition.day
               AND m.status = 'PURGED') THEN
        RAISE EXCEPTION 'tokyoia: % % was purged from PostgreSQL', parent, day USING ERRCODE = 'TKP01';
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                   partition_name, parent, lower_bound, upper_bound);
    RETURN true;
END;
$$;

-- Who runs each batch job execution: a node (server name and boot) holds a lease it renews while
-- the execution runs. An execution the job repository calls running but whose lease expired was
-- left by a dead server: exactly one live node takes it over (marks it failed and restarts it).
CREATE TABLE batch_execution_lease (
    execution_id bigint      PRIMARY KEY,
    job_name     text        NOT NULL,
    node         text        NOT NULL,
    acquired_at  timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
