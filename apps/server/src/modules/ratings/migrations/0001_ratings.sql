-- 政务服务"好差评" (issue 5; was part of migration 0003_approvals.sql).
-- ───────────────────────────── 好差评 ─────────────────────────────
CREATE TABLE ratings_settings (
  region_code     char(6) PRIMARY KEY,
  rateable_types  jsonb NOT NULL,
  supervise_org_id uuid REFERENCES orgs(id),
  default_after_days integer NOT NULL DEFAULT 7,
  updated_at      timestamptz NOT NULL
);
COMMENT ON TABLE ratings_settings IS '好差评 settings per county: which case types are offered for rating when finished; the org that supervises 差评 (申诉复核); days before an unrated handling gets the default rating (local rule, unsourced).';

CREATE TABLE ratings_invitations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  case_id       uuid NOT NULL REFERENCES cases(id),
  case_type     text NOT NULL,
  case_number   text NOT NULL,
  item_code     text,
  item_name     text,
  handling_no   integer NOT NULL,
  status        text NOT NULL DEFAULT 'open' CONSTRAINT ratings_invitations_status_check CHECK (status IN ('open','rated')),
  created_at    timestamptz NOT NULL,
  CONSTRAINT ratings_invitations_unique UNIQUE (case_id, handling_no)
);
COMMENT ON TABLE ratings_invitations IS 'A finished handling offered for rating (一次一评/一事一评): created by the onCaseEvent hook when a rateable case ends.';
CREATE INDEX ratings_invitations_open_idx ON ratings_invitations (region_code, created_at) WHERE status = 'open';

CREATE TABLE ratings_ratings (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  invitation_id uuid NOT NULL REFERENCES ratings_invitations(id),
  case_id       uuid NOT NULL REFERENCES cases(id),
  case_type     text NOT NULL,
  case_number   text NOT NULL,
  item_code     text,
  item_name     text,
  level         smallint NOT NULL CONSTRAINT ratings_ratings_level_check CHECK (level BETWEEN 1 AND 5),
  channel       text NOT NULL CONSTRAINT ratings_ratings_channel_check CHECK (channel IN ('window','online','sms','hotline')),
  comment       text,
  active        boolean NOT NULL,
  real_name     boolean NOT NULL,
  rater_name_enc text,
  rater_phone_enc text,
  rater_phone_masked text,
  rated_at      timestamptz NOT NULL,
  rectification_case_id uuid REFERENCES cases(id),
  excluded      boolean NOT NULL DEFAULT false,
  excluded_reason text,
  followup_level smallint CONSTRAINT ratings_ratings_followup_check CHECK (followup_level BETWEEN 1 AND 5),
  followup_at   timestamptz,
  CONSTRAINT ratings_ratings_invitation_unique UNIQUE (invitation_id)
);
COMMENT ON TABLE ratings_ratings IS 'One rating per invitation (1=非常不满意 … 5=非常满意). active=false marks a default (系统默认) rating. excluded=true only after an upheld 申诉复核.';
CREATE INDEX ratings_ratings_org_idx ON ratings_ratings (region_code, org_id, rated_at);
