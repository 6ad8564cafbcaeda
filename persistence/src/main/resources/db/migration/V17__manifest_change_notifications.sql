-- Every change to the manifest is announced on the channel tokyoia_manifest when its transaction
-- commits (NOTIFY is transactional; one notification per statement, however many rows it changed).
-- The analytics router keeps the current versions it plans from in memory and drops them on each
-- notification, so a cache hit needs no manifest query, yet a re-export, a purge or a restore is
-- seen by the next question. A writer outside the application (an operator's SQL) is announced too.
CREATE FUNCTION tokyoia_announce_manifest_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('tokyoia_manifest', TG_OP);
    RETURN NULL;
END;
$$;

CREATE TRIGGER export_manifest_announce_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON export_manifest
    FOR EACH STATEMENT EXECUTE FUNCTION tokyoia_announce_manifest_change();
