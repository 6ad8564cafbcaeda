-- What the cold engine itself reported for a query (Athena's or Trino's query id and execution
-- time), next to the bytes it scanned, so a bill or a slow query can be traced to the engine's logs.
ALTER TABLE analytics_query_log ADD COLUMN engine_query_id text;
ALTER TABLE analytics_query_log ADD COLUMN engine_ms bigint;
