-- The audit trail is append-only for the application's role (no UPDATE, DELETE or TRUNCATE, see
-- DatabaseGrants), yet retention must remove a day of it once its lake copy is proven, as it does
-- for every exported table. These two functions, run with the schema owner's rights, are the only
-- way the application removes audit rows: a day at a time, and only a day the manifest marks
-- PURGED (which retention does after checking the lake copy against PostgreSQL's own checksum).

-- Blocks new audit rows until the caller's transaction ends (SHARE conflicts with INSERT), while
-- retention checks the day's checksum and marks it purged: the role has no UPDATE for FOR UPDATE,
-- and a lock taken in a function is held to the end of the transaction.
CREATE FUNCTION tokyoia_lock_audit_log() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
BEGIN
    LOCK TABLE audit_log IN SHARE MODE;
END;
$$;
REVOKE EXECUTE ON FUNCTION tokyoia_lock_audit_log() FROM PUBLIC;

-- Deletes up to batch_rows audit rows of one UTC day, only when the manifest marks that day purged;
-- returns how many went (fewer than batch_rows: the day is done).
CREATE FUNCTION tokyoia_delete_purged_audit_rows(day date, batch_rows integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    removed integer;
BEGIN
    IF batch_rows IS NULL OR batch_rows < 1 THEN
        RAISE EXCEPTION 'tokyoia: batch_rows must be at least 1';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM export_manifest m WHERE m.table_name = 'audit_log'
                   AND m.day = tokyoia_delete_purged_audit_rows.day AND m.status = 'PURGED') THEN
        RAISE EXCEPTION 'tokyoia: audit_log % is not marked purged in the manifest; its rows stay', day
            USING ERRCODE = 'TKP02';
    END IF;
    DELETE FROM audit_log WHERE ctid IN (
        SELECT ctid FROM audit_log
        WHERE occurred_at >= (tokyoia_delete_purged_audit_rows.day::timestamp AT TIME ZONE 'UTC')
          AND occurred_at < ((tokyoia_delete_purged_audit_rows.day + 1)::timestamp AT TIME ZONE 'UTC')
        LIMIT batch_rows);
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END;
$$;
REVOKE EXECUTE ON FUNCTION tokyoia_delete_purged_audit_rows(date, integer) FROM PUBLIC;
