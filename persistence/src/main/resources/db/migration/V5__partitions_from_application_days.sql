-- The partition window is computed from the application's clock (a UTC day passed in), not from
-- PostgreSQL's now(): the two can disagree (another time zone on the server, a test clock), and
-- the application decides which day it is everywhere else.
CREATE FUNCTION tokyoia_ensure_partitions_between(first_day date, last_day date) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    created integer := 0;
    tbl     text;
    d       date;
BEGIN
    IF last_day < first_day OR last_day - first_day > 400 THEN
        RAISE EXCEPTION 'partition window % .. % is reversed or longer than 400 days', first_day, last_day;
    END IF;
    FOREACH tbl IN ARRAY ARRAY ['agent_tasks', 'agent_metrics', 'agent_interactions'] LOOP
        FOR d IN SELECT generate_series(first_day, last_day, interval '1 day')::date LOOP
            IF tokyoia_ensure_day_partition(tbl, d) THEN
                created := created + 1;
            END IF;
        END LOOP;
    END LOOP;
    RETURN created;
END;
$$;
