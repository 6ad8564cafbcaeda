-- How far each running export has streamed its day (rows written so far) against PostgreSQL's
-- estimate of the day's rows, written every few seconds by the node that runs it, so the runs API
-- shows a running export's progress from any node. Only a report: the proof never reads it.
CREATE TABLE export_progress (
    manifest_id    bigint      PRIMARY KEY REFERENCES export_manifest (id) ON DELETE CASCADE,
    rows_streamed  bigint      NOT NULL CHECK (rows_streamed >= 0),
    rows_expected  bigint      CHECK (rows_expected >= 0),
    updated_at     timestamptz NOT NULL
);
