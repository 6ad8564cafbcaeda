-- Cost attribution: the user each analytics question was asked by (null: asked before attribution,
-- or by the server itself), so admins see who spent what (GET /api/analytics/costs/by-user).
ALTER TABLE analytics_query_log ADD COLUMN principal text;
CREATE INDEX analytics_query_log_principal_idx ON analytics_query_log (created_at, principal);
