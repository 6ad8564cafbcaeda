-- Least privilege: the application connects as a role with DML only (DatabaseGrants gives it after
-- every migration); the schema's owner runs the migrations. The partition DDL the application needs
-- at run time goes through these functions, which run with their owner's rights (SECURITY DEFINER)
-- and do only what they are written for. search_path is pinned so a caller cannot slip its own
-- objects under the names they use.
ALTER FUNCTION tokyoia_ensure_day_partition(text, date) SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION tokyoia_ensure_partitions(integer, integer) SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION tokyoia_ensure_partitions_between(date, date) SECURITY DEFINER SET search_path = public, pg_temp;

-- Retention drops a day's partition only in the transaction that marked the day PURGED: the
-- function refuses any day the manifest (as that transaction sees it) does not call purged, so not
-- even the application's own role can drop a day whose lake copy was not proven first.
CREATE FUNCTION tokyoia_drop_day_partition(parent text, day date) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    partition_name text := parent || '_p' || to_char(day, 'YYYYMMDD');
BEGIN
    IF parent NOT IN ('agent_tasks', 'agent_metrics', 'agent_interactions') THEN
        RAISE EXCEPTION 'not a day-partitioned table: %', parent;
    END IF;
    IF to_regclass(partition_name) IS NULL THEN
        RETURN false;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM export_manifest m WHERE m.table_name = parent AND m.day = tokyoia_drop_day_partition.day
                   AND m.status = 'PURGED') THEN
        RAISE EXCEPTION 'tokyoia: % % is not marked purged in the manifest; its partition stays', parent, day
            USING ERRCODE = 'TKP02';
    END IF;
    EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', parent, partition_name);
    EXECUTE format('DROP TABLE %I', partition_name);
    RETURN true;
END;
$$;
REVOKE EXECUTE ON FUNCTION tokyoia_drop_day_partition(text, date) FROM PUBLIC;

-- The audit log is read by admins in (time, id) pages, by actor or by what was touched.
DROP INDEX audit_log_occurred_idx;
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, occurred_at, id);
