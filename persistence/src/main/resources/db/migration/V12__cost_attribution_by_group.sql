-- Cost attribution per group: the asking user's budget group (a token claim or the local realm's
-- group attribute; null: no group, or asked before groups were recorded), so each group's daily
-- budget can be enforced and admins see what each group spent (GET /api/costs/by-group).
ALTER TABLE analytics_query_log ADD COLUMN principal_group text;
CREATE INDEX analytics_query_log_group_idx ON analytics_query_log (created_at, principal_group);
