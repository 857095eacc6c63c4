-- Applied after every migration run on a PostgreSQL server (not on PGlite, which has a single
-- superuser and relies on the append-only triggers). The server connects, then acts as
-- yifa_app, which may read and write everything except rewriting the append-only logs.
DO $$ BEGIN
  CREATE ROLE yifa_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  EXECUTE format('GRANT yifa_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;
GRANT USAGE ON SCHEMA public TO yifa_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO yifa_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO yifa_app;
REVOKE UPDATE, DELETE, TRUNCATE ON case_events, audit_log, integrity_marks, audit_checkpoints FROM yifa_app;
