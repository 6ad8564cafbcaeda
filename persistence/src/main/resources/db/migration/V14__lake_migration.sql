-- Moving the lake (the migrate-lake job): each version moved to another store keeps where it was
-- before, so an engine that reads the old store (a deployment that has not switched yet) still finds
-- the copy the move left in place, byte for byte the same (its SHA-256 was checked before the switch).
ALTER TABLE export_manifest
    ADD COLUMN previous_store_kind text CHECK (previous_store_kind IN ('local', 's3')),
    ADD COLUMN previous_store_uri text,
    ADD COLUMN previous_lake_catalog text CHECK (previous_lake_catalog IN ('none', 'trino', 'glue'));

-- One row per version a migration moves to a target: planned, copied and verified (size and
-- SHA-256 read back from the target), moved (published to the target's catalog and switched in the
-- manifest), or failed with why. A restarted or repeated migration skips what is moved and does not
-- copy again what is verified. execution_id is the run that last worked on the row (its progress).
CREATE TABLE lake_migration_copy (
    manifest_id     bigint      NOT NULL REFERENCES export_manifest (id) ON DELETE CASCADE,
    target_uri      text        NOT NULL,
    target_catalog  text        NOT NULL CHECK (target_catalog IN ('none', 'trino', 'glue')),
    execution_id    bigint      NOT NULL,
    table_name      text        NOT NULL,
    day             date        NOT NULL,
    version         integer     NOT NULL,
    source_uri      text        NOT NULL,
    bytes           bigint      NOT NULL,
    state           text        NOT NULL CHECK (state IN ('PLANNED', 'VERIFIED', 'MOVED', 'FAILED')),
    error_message   text,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (manifest_id, target_uri)
);
CREATE INDEX lake_migration_copy_execution ON lake_migration_copy (execution_id);
