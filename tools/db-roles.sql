-- The database's two roles (least privilege), run by a superuser connected to the database itself:
--   TOKYOIA_DB_OWNER_PASSWORD=... TOKYOIA_DB_PASSWORD=... psql -v owner=tokyoia_owner -v app=tokyoia_app -d DB -f tools/db-roles.sql
-- (the passwords come from the environment, never from psql's arguments, which anyone may list)
-- owner: owns the schema; the server uses it only to migrate (TokyoIaOwnerDS).
-- app:   the server's datasources; DML only, given by the owner after each migration (DatabaseGrants).
-- Re-runnable: roles are created once, passwords set each time (from .run/secrets), and objects an
-- older install created as the superuser are handed to the owner.
\set ON_ERROR_STOP on
\getenv owner_password TOKYOIA_DB_OWNER_PASSWORD
\getenv app_password TOKYOIA_DB_PASSWORD
SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
-- The passwords travel to PostgreSQL in these statements: keep statement logging (log_statement)
-- below 'ddl' on the cluster while this runs.
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'owner', :'owner_password') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'app', :'app_password') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', current_database(), :'owner') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), :'app') \gexec
-- PostgreSQL 15 lets only the database's owner create in public; say so for older clusters too.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
-- WildFly's own bookkeeping (EJB timers, the batch job repository) creates its tables at boot as the
-- app role: in the role's own schema, first on its default search_path ("$user", public), never
-- among the application's tables.
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', :'app', :'app') \gexec
-- Tables, views, sequences and functions an older install created as the superuser (the server then
-- connected as it) go to the owner, who can then migrate and grant them.
SELECT format('ALTER %s %I.%I OWNER TO %I',
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
              n.nspname, c.relname, :'owner')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND pg_get_userbyid(c.relowner) <> :'owner'
  -- a serial's sequence follows its table
  AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
\gexec
SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, :'owner')
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> :'owner'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
\gexec
-- A restored dump (./tokyo-ia restore) recreates the app role's schema as the superuser: give it back.
SELECT format('ALTER SCHEMA %I OWNER TO %I', :'app', :'app') \gexec
SELECT format('ALTER %s %I.%I OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname, c.relname, :'app')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = :'app' AND c.relkind IN ('r', 'p', 'S') AND pg_get_userbyid(c.relowner) <> :'app'
  AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
\gexec
