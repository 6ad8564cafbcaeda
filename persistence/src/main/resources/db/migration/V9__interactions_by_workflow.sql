-- agent_interactions.workflow_id references workflows, but had no index: every workflow row
-- deleted (retention removes a day's workflows) made PostgreSQL scan each interactions partition
-- for rows still pointing at it. At the demo volume (2,000 workflows and 5,000 interactions a day,
-- 98 partitions) retention took about 63 s per day of workflows; with the index it is a lookup per
-- partition. It also serves listing a workflow's interactions. On a partitioned table the index is
-- built on every partition in this migration's transaction (writes to the table wait meanwhile).
CREATE INDEX agent_interactions_workflow_idx ON agent_interactions (workflow_id, occurred_at, id);
