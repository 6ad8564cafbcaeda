-- One row per analytics request: what was asked, where each day ran, what the cold part was quoted
-- and what it really cost. GET /api/costs summarizes it; the daily budget guard reads it.
CREATE TABLE analytics_query_log (
    id              bigserial     PRIMARY KEY,
    query_name      text          NOT NULL,
    parameters      text          NOT NULL,
    engine          text          NOT NULL,
    hot_days        integer       NOT NULL,
    cold_days       integer       NOT NULL,
    missing_days    integer       NOT NULL,
    quoted_bytes    bigint        NOT NULL,
    quoted_usd      numeric(14, 6) NOT NULL,
    scanned_bytes   bigint,
    cost_usd        numeric(14, 6) NOT NULL,
    cache_hit       boolean       NOT NULL,
    result_rows     integer       NOT NULL,
    duration_ms     bigint        NOT NULL,
    created_at      timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX analytics_query_log_created_idx ON analytics_query_log (created_at);
CREATE INDEX analytics_query_log_name_idx ON analytics_query_log (query_name, created_at);
