-- Alert incidents: one row per stretch of time an alert held for a subject. At most one open row per
-- (alert, subject): a second node or a restarted server checking the same finding finds it open and
-- announces nothing, and clearing it is a single UPDATE that only one of them wins.
CREATE TABLE alert_incident (
    id            bigserial   PRIMARY KEY,
    alert         text        NOT NULL,
    subject       text        NOT NULL,
    summary       text        NOT NULL,
    action        text        NOT NULL,
    opened_at     timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    cleared_at    timestamptz,
    CONSTRAINT alert_incident_cleared_after_opened CHECK (cleared_at IS NULL OR cleared_at >= opened_at)
);
CREATE UNIQUE INDEX alert_incident_open_idx ON alert_incident (alert, subject) WHERE cleared_at IS NULL;
CREATE INDEX alert_incident_opened_idx ON alert_incident (opened_at DESC);
