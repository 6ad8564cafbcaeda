-- When the scrub last re-read each lake copy completely, and what it found. The scrub checks the
-- copies whose last check is oldest first (never checked before all others), so over enough nights
-- every proven copy is re-read, including old days PostgreSQL no longer holds. Kept beside the
-- manifest rather than in it: a check changes nothing readers plan from, so it must not announce a
-- manifest change (export_manifest's trigger) or touch its updated_at.
CREATE TABLE lake_copy_checks (
    manifest_id bigint PRIMARY KEY REFERENCES export_manifest (id) ON DELETE CASCADE,
    checked_at timestamptz NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('WHOLE', 'DAMAGED', 'NOT_READABLE'))
);
CREATE INDEX lake_copy_checks_checked_at ON lake_copy_checks (checked_at);
