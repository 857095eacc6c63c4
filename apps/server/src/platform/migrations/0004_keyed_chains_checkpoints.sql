-- Issue 10 (tamper evidence): hash chains become keyed (HMAC-SM3 with a key kept outside the database) and signed
-- checkpoints of the chain heads are published, so that a rewrite with recomputed hashes, or a truncated tail
-- rolled back to an earlier head, is caught. See platform/audit/chain.ts, checkpoints.ts and docs/SECURITY.md.

CREATE TABLE integrity_marks (
  name        text PRIMARY KEY,
  value       bigint NOT NULL,
  set_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE integrity_marks IS 'Append-only facts about the integrity machinery: events_keyed_after / audit_keyed_after = the id of the last row written with a plain (unkeyed) SM3 link; every later row must carry a keyed link.';
INSERT INTO integrity_marks (name, value) VALUES
  ('events_keyed_after', (SELECT coalesce(max(id), 0) FROM case_events)),
  ('audit_keyed_after', (SELECT coalesce(max(id), 0) FROM audit_log));

CREATE TABLE audit_checkpoints (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at  timestamptz NOT NULL,
  body        jsonb NOT NULL,
  alg         text NOT NULL CONSTRAINT audit_checkpoints_alg_check CHECK (alg IN ('SM2-SM3', 'HMAC-SM3')),
  key_id      text NOT NULL,
  signature   text NOT NULL
);
COMMENT ON TABLE audit_checkpoints IS 'Signed snapshots of the chain heads (every audit chain''s seq and hash; a digest of all case events up to an id), published on the portal and exportable as a file a supervisor keeps. Verification against one catches rewrites and truncation before it.';
COMMENT ON COLUMN audit_checkpoints.body IS 'What was signed (canonical JSON). [ts: import(''../audit/checkpoints.ts'').CheckpointBody]';

CREATE TRIGGER integrity_marks_append_only BEFORE UPDATE OR DELETE ON integrity_marks FOR EACH ROW EXECUTE FUNCTION yifa_forbid_change();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION yifa_forbid_change();
CREATE TRIGGER integrity_marks_no_truncate BEFORE TRUNCATE ON integrity_marks FOR EACH STATEMENT EXECUTE FUNCTION yifa_forbid_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION yifa_forbid_change();
