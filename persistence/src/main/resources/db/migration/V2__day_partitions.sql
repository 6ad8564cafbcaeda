-- Day partitions for the partitioned hot tables. Named <table>_pYYYYMMDD, bounds are UTC
-- midnights. Creation is idempotent and serialised per table by an advisory lock, so the
-- maintenance timer, a second cluster node and an ingest that needs a past day can all call it.

CREATE FUNCTION tokyoia_ensure_day_partition(parent text, day date) RETURNS boolean
    LANGUAGE plpgsql AS
$$
DECLARE
    partition_name text := parent || '_p' || to_char(day, 'YYYYMMDD');
    lower_bound    timestamptz := day::timestamp AT TIME ZONE 'UTC';
    upper_bound    timestamptz := (day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
    IF parent NOT IN ('agent_tasks', 'agent_metrics', 'agent_interactions') THEN
        RAISE EXCEPTION 'not a day-partitioned table: %', parent;
    END IF;
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('tokyoia_partition:' || parent));
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                   partition_name, parent, lower_bound, upper_bound);
    RETURN true;
END;
$$;

-- Ensures partitions for every partitioned table from today-days_back to today+days_ahead (UTC).
-- Returns how many partitions it created.
CREATE FUNCTION tokyoia_ensure_partitions(days_back integer, days_ahead integer) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    today   date := (now() AT TIME ZONE 'UTC')::date;
    created integer := 0;
    tbl     text;
    d       date;
BEGIN
    FOREACH tbl IN ARRAY ARRAY ['agent_tasks', 'agent_metrics', 'agent_interactions'] LOOP
        FOR d IN SELECT generate_series(today - days_back, today + days_ahead, interval '1 day')::date LOOP
            IF tokyoia_ensure_day_partition(tbl, d) THEN
                created := created + 1;
            END IF;
        END LOOP;
    END LOOP;
    RETURN created;
END;
$$;

SELECT tokyoia_ensure_partitions(1, 7);
