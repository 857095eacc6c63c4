-- yifa spine: orgs, people, auth, legal time, cases, events, audit, files, notifications, jobs.
-- Runs unchanged on PostgreSQL 15 (server) and PGlite (PG 18). Only features both accept.

CREATE TABLE orgs (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL UNIQUE,
  kind          text NOT NULL CONSTRAINT orgs_kind_check CHECK (kind IN ('government','department','township','village','other')),
  region_code   char(6) NOT NULL CONSTRAINT orgs_region_check CHECK (region_code ~ '^[0-9]{6}$'),
  credit_code   char(18) CONSTRAINT orgs_credit_check CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  -- current name/parent/path are a cache of the open org_versions row.
  name          text NOT NULL,
  parent_id     uuid REFERENCES orgs(id),
  path          text NOT NULL,
  established_on date NOT NULL,
  dissolved_on  date,
  successor_id  uuid REFERENCES orgs(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE orgs IS 'Organisations: 人民政府, 部门, 乡镇街道, 村社区, 其他机构. Identity is stable; names and parents change through org_versions.';
COMMENT ON COLUMN orgs.path IS 'Materialised path of ids of the current tree, "/root/child/", for subtree scope checks.';
COMMENT ON COLUMN orgs.successor_id IS 'For a merged/dissolved org, the org that took over its functions.';
CREATE INDEX orgs_path_idx ON orgs (path text_pattern_ops);
CREATE INDEX orgs_parent_idx ON orgs (parent_id);

CREATE TABLE org_versions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      uuid NOT NULL REFERENCES orgs(id),
  name        text NOT NULL,
  parent_id   uuid REFERENCES orgs(id),
  valid_from  date NOT NULL,
  valid_to    date,
  reason      text,
  CONSTRAINT org_versions_range_check CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
COMMENT ON TABLE org_versions IS 'History of names and parents with effective dates, so a rename, move or merger never rewrites history.';
CREATE UNIQUE INDEX org_versions_open_idx ON org_versions (org_id) WHERE valid_to IS NULL;

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username        text NOT NULL UNIQUE CONSTRAINT users_username_check CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
  display_name    text NOT NULL,
  org_id          uuid NOT NULL REFERENCES orgs(id),
  phone_enc       text,
  password_hash   text NOT NULL,
  status          text NOT NULL DEFAULT 'active' CONSTRAINT users_status_check CHECK (status IN ('active','disabled')),
  failed_logins   integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN users.password_hash IS 'argon2id (PHC string).';
COMMENT ON COLUMN users.phone_enc IS 'Field-encrypted (SM4) phone number.';

CREATE TABLE role_grants (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id),
  role        text NOT NULL CONSTRAINT role_grants_role_check CHECK (role IN ('admin','leader','supervisor','dispatcher','handler','reviewer')),
  org_id      uuid NOT NULL REFERENCES orgs(id),
  subtree     boolean NOT NULL DEFAULT false,
  granted_by  uuid REFERENCES users(id),
  granted_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
COMMENT ON TABLE role_grants IS 'A role on an org, and with subtree=true on every org below it.';
CREATE INDEX role_grants_user_idx ON role_grants (user_id) WHERE revoked_at IS NULL;

CREATE TABLE sessions (
  id            text PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users(id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  ip            text,
  user_agent    text,
  revoked_at    timestamptz
);
COMMENT ON COLUMN sessions.id IS 'SM3 hash of the session token; the token itself is only in the cookie.';

CREATE TABLE api_tokens (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  prefix      text NOT NULL,
  user_id     uuid NOT NULL REFERENCES users(id),
  scopes      text[] NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  last_used_at timestamptz,
  revoked_at  timestamptz
);
COMMENT ON TABLE api_tokens IS 'Machine clients. The token acts for its user, limited to its scopes. Only a hash is stored.';

CREATE TABLE calendar_years (
  year        integer PRIMARY KEY CONSTRAINT calendar_years_check CHECK (year BETWEEN 2000 AND 2100),
  notice      text NOT NULL,
  source      text NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now(),
  loaded_by   text NOT NULL
);
COMMENT ON TABLE calendar_years IS 'Years whose State Council holiday notice is loaded. Other years are unknown: never guessed.';

CREATE TABLE calendar_days (
  day     date PRIMARY KEY,
  year    integer NOT NULL REFERENCES calendar_years(year) ON DELETE CASCADE,
  kind    text NOT NULL CONSTRAINT calendar_days_kind_check CHECK (kind IN ('holiday','makeup_workday')),
  name    text NOT NULL
);
COMMENT ON TABLE calendar_days IS 'Exceptions to the weekday rule: official days off and 调休 make-up working days.';

CREATE TABLE rule_overrides (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code   char(6) NOT NULL,
  rule_key      text NOT NULL,
  length        integer NOT NULL CONSTRAINT rule_overrides_length_check CHECK (length >= 0),
  yellow_within integer,
  effective_from date NOT NULL,
  basis         text NOT NULL,
  set_by        uuid REFERENCES users(id),
  set_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE rule_overrides IS 'County values for configurable (mostly unsourced) deadline rules, with the local instrument as basis.';

CREATE TABLE case_counters (
  prefix      text NOT NULL,
  region_code char(6) NOT NULL,
  year        integer NOT NULL,
  last        integer NOT NULL,
  PRIMARY KEY (prefix, region_code, year)
);
COMMENT ON TABLE case_counters IS 'Public case numbers per type, region and year (no sequence shared across regions).';

CREATE TABLE cases (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type          text NOT NULL,
  number        text NOT NULL,
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  state         text NOT NULL,
  title         text NOT NULL,
  data          jsonb NOT NULL DEFAULT '{}',
  filed_on      date NOT NULL,
  version       integer NOT NULL,
  head_hash     text NOT NULL,
  due_at        timestamptz,
  warning_level text NOT NULL DEFAULT 'normal' CONSTRAINT cases_warning_check CHECK (warning_level IN ('normal','yellow','red')),
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  closed_at     timestamptz,
  CONSTRAINT cases_number_unique UNIQUE (region_code, number)
);
COMMENT ON TABLE cases IS 'One row per case of any type. The row is a cache: state is the fold of case_events.';
COMMENT ON COLUMN cases.version IS 'Number of events; equals the seq of the last event.';
COMMENT ON COLUMN cases.head_hash IS 'Hash of the last event: deleting the tail of the chain is detectable.';
COMMENT ON COLUMN cases.due_at IS 'Earliest due instant of the running clocks (for deadline-ordered queues).';
CREATE INDEX cases_queue_idx ON cases (org_id, due_at) WHERE closed_at IS NULL;
CREATE INDEX cases_type_filed_idx ON cases (type, filed_on);

CREATE TABLE case_orgs (
  case_id   uuid NOT NULL REFERENCES cases(id),
  org_id    uuid NOT NULL REFERENCES orgs(id),
  role      text NOT NULL CONSTRAINT case_orgs_role_check CHECK (role IN ('owner','lead','assist','supervise')),
  since     timestamptz NOT NULL,
  until     timestamptz,
  PRIMARY KEY (case_id, org_id, role, since)
);
COMMENT ON TABLE case_orgs IS 'Orgs that hold a case (owner; 主办 lead; 协办 assist; 督办 supervise). Visibility follows them.';
CREATE INDEX case_orgs_org_idx ON case_orgs (org_id) WHERE until IS NULL;

CREATE TABLE case_parties (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES cases(id),
  role        text NOT NULL,
  kind        text NOT NULL CONSTRAINT case_parties_kind_check CHECK (kind IN ('person','organisation')),
  name_enc    text,
  name_masked text,
  phone_enc   text,
  phone_masked text,
  phone_index text,
  id_no_enc   text,
  id_no_masked text,
  address_enc text,
  confidential boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE case_parties IS 'Personal data of parties, encrypted per field (SM4); masked copies for lists; phone_index is a keyed SM3 blind index for matching.';
CREATE INDEX case_parties_case_idx ON case_parties (case_id);
CREATE INDEX case_parties_phone_idx ON case_parties (phone_index);

CREATE TABLE case_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id       uuid NOT NULL REFERENCES cases(id),
  seq           integer NOT NULL,
  action        text NOT NULL,
  from_state    text,
  to_state      text NOT NULL,
  actor_id      uuid,
  actor_name    text NOT NULL,
  actor_org_id  uuid,
  input         jsonb NOT NULL DEFAULT '{}',
  public        boolean NOT NULL DEFAULT false,
  occurred_at   timestamptz NOT NULL,
  idempotency_key text,
  prev_hash     text NOT NULL,
  hash          text NOT NULL,
  CONSTRAINT case_events_seq_unique UNIQUE (case_id, seq)
);
COMMENT ON TABLE case_events IS 'Append-only, hash-chained (SM3) per case. Corrections are new events.';
CREATE UNIQUE INDEX case_events_idem_idx ON case_events (case_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE clocks (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES cases(id),
  key         text NOT NULL,
  rule_key    text NOT NULL,
  label       text NOT NULL,
  basis       text NOT NULL,
  yellow_within integer NOT NULL,
  max_extension integer,
  entries     jsonb NOT NULL,
  status      text NOT NULL CONSTRAINT clocks_status_check CHECK (status IN ('running','paused','stopped','unknown')),
  due_at      timestamptz,
  level       text NOT NULL DEFAULT 'normal' CONSTRAINT clocks_level_check CHECK (level IN ('normal','yellow','red')),
  met_deadline boolean,
  updated_at  timestamptz NOT NULL,
  CONSTRAINT clocks_case_key_unique UNIQUE (case_id, key)
);
COMMENT ON TABLE clocks IS 'Deadline ledger: the entries (start, pause, resume, extend, restart, stop) are the truth; status/due_at/level are recomputed from them and the calendar.';
CREATE INDEX clocks_running_idx ON clocks (due_at) WHERE status IN ('running','paused','unknown');

CREATE TABLE idempotency_keys (
  key         text NOT NULL,
  actor_key   text NOT NULL,
  request_hash text NOT NULL,
  status      integer NOT NULL,
  response    jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_key, key)
);
COMMENT ON TABLE idempotency_keys IS 'First response for an Idempotency-Key, per actor; a replay returns it unchanged.';

CREATE TABLE chain_heads (
  chain   text PRIMARY KEY,
  seq     bigint NOT NULL,
  hash    text NOT NULL
);
COMMENT ON TABLE chain_heads IS 'Head of each audit chain (one per region); locked on append so the chain is linear.';

CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chain       text NOT NULL,
  seq         bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_id    uuid,
  actor_name  text NOT NULL,
  ip          text,
  action      text NOT NULL,
  target_type text NOT NULL,
  target_id   text,
  detail      jsonb NOT NULL DEFAULT '{}',
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  CONSTRAINT audit_log_seq_unique UNIQUE (chain, seq)
);
COMMENT ON TABLE audit_log IS 'Append-only, SM3 hash-chained log of every mutation and every reveal of personal data.';
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);

CREATE TABLE files (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sm3         text NOT NULL,
  size        integer NOT NULL CONSTRAINT files_size_check CHECK (size > 0),
  mime        text NOT NULL,
  filename    text NOT NULL,
  case_id     uuid REFERENCES cases(id),
  uploaded_by uuid REFERENCES users(id),
  public      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE file_blobs (
  sm3     text PRIMARY KEY,
  content bytea NOT NULL
);
COMMENT ON TABLE files IS 'Attachment metadata; served only after a permission check on its case.';
COMMENT ON TABLE file_blobs IS 'Content-addressed blobs (SM3), deduplicated.';
CREATE INDEX files_case_idx ON files (case_id);

CREATE TABLE notifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid REFERENCES users(id),
  org_id      uuid REFERENCES orgs(id),
  channel     text NOT NULL CONSTRAINT notifications_channel_check CHECK (channel IN ('inapp','sms','email')),
  title       text NOT NULL,
  body        text NOT NULL,
  case_id     uuid REFERENCES cases(id),
  dedupe_key  text UNIQUE,
  status      text NOT NULL DEFAULT 'pending' CONSTRAINT notifications_status_check CHECK (status IN ('pending','sent','failed')),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  created_at  timestamptz NOT NULL,
  sent_at     timestamptz,
  read_at     timestamptz,
  CONSTRAINT notifications_target_check CHECK (user_id IS NOT NULL OR org_id IS NOT NULL)
);
COMMENT ON TABLE notifications IS 'Outbox: written in the transaction of the change, delivered by the outbox job through a transport.';
CREATE INDEX notifications_pending_idx ON notifications (created_at) WHERE status = 'pending';

CREATE TABLE job_runs (
  name        text PRIMARY KEY,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_result jsonb
);
COMMENT ON TABLE job_runs IS 'Last run of each periodic job (deadline sweep, outbox).';

-- Append-only enforcement that holds on every backend (PGlite has one superuser).
CREATE FUNCTION yifa_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END $$;
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION yifa_forbid_change();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION yifa_forbid_change();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events FOR EACH STATEMENT EXECUTE FUNCTION yifa_forbid_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION yifa_forbid_change();
