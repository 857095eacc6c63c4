-- 0003: 权责清单 + service catalogue (powers_), one-window approvals and 情景式服务 (approvals_),
-- 政务服务"好差评" (ratings_). Runs on PostgreSQL 15 and PGlite.

-- ───────────────────────────── 权责清单 ─────────────────────────────
CREATE TABLE powers_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  code          text NOT NULL,
  name          text NOT NULL,
  type          text NOT NULL CONSTRAINT powers_items_type_check CHECK (type IN
                  ('行政许可','行政处罚','行政强制','行政征收','行政给付','行政检查','行政确认','行政奖励','行政裁决','其他行政权力','公共服务')),
  basis_law     text NOT NULL,
  basis_article text NOT NULL DEFAULT '',
  duties        jsonb NOT NULL DEFAULT '[]',
  level         text NOT NULL CONSTRAINT powers_items_level_check CHECK (level IN ('county','township')),
  township_kind text CONSTRAINT powers_items_township_kind_check CHECK (township_kind IN ('法定','赋予')),
  status        text NOT NULL DEFAULT 'active' CONSTRAINT powers_items_status_check CHECK (status IN ('active','suspended','abolished')),
  delegable     boolean NOT NULL DEFAULT false,
  delegated_on  date,
  delegated_until date,
  delegated_to  jsonb NOT NULL DEFAULT '[]',
  version       integer NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT powers_items_code_unique UNIQUE (region_code, code),
  CONSTRAINT powers_items_township_check CHECK ((level = 'township') = (township_kind IS NOT NULL))
);
COMMENT ON TABLE powers_items IS '权责清单: one row per power (or 公共服务 item) as currently approved; history and as-of views come from powers_adjustments.';
COMMENT ON COLUMN powers_items.delegable IS 'Listed as a power to delegate (下放) to townships: the denominator of 下放率.';
COMMENT ON COLUMN powers_items.delegated_to IS 'Township org ids the power is delegated to (下放), from delegated_on.';
CREATE INDEX powers_items_org_idx ON powers_items (region_code, org_id);
CREATE INDEX powers_items_type_idx ON powers_items (region_code, type);

CREATE TABLE powers_adjustments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  item_id       uuid REFERENCES powers_items(id),
  kind          text NOT NULL CONSTRAINT powers_adjustments_kind_check CHECK (kind IN ('add','modify','abolish','delegate','revoke_delegation','import')),
  effective_on  date NOT NULL,
  reason        text NOT NULL,
  document_no   text,
  before        jsonb,
  after         jsonb,
  status        text NOT NULL CONSTRAINT powers_adjustments_status_check CHECK (status IN ('proposed','approved','rejected')),
  proposed_by   uuid REFERENCES users(id),
  proposed_by_name text NOT NULL,
  proposed_at   timestamptz NOT NULL,
  decided_by    uuid REFERENCES users(id),
  decided_by_name text,
  decided_at    timestamptz,
  decision_note text
);
COMMENT ON TABLE powers_adjustments IS '权责清单动态调整: dated, reasoned, approved changes; `after` is the item as of effective_on (null = removed from the list). item_id is null while a proposed addition awaits approval.';
CREATE INDEX powers_adjustments_item_idx ON powers_adjustments (item_id, effective_on);
CREATE INDEX powers_adjustments_region_idx ON powers_adjustments (region_code, status, effective_on);

CREATE TABLE powers_services (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code     char(6) NOT NULL,
  power_id        uuid NOT NULL REFERENCES powers_items(id),
  org_id          uuid NOT NULL REFERENCES orgs(id),
  code            text NOT NULL,
  name            text NOT NULL,
  statutory_days  integer NOT NULL CONSTRAINT powers_services_statutory_check CHECK (statutory_days BETWEEN 0 AND 60),
  promised_days   integer NOT NULL CONSTRAINT powers_services_promised_check CHECK (promised_days >= 0),
  instant         boolean NOT NULL DEFAULT false,
  materials       jsonb NOT NULL DEFAULT '[]',
  baseline_materials integer NOT NULL CONSTRAINT powers_services_baseline_check CHECK (baseline_materials >= 0),
  fees            text NOT NULL DEFAULT '不收费',
  guide           text NOT NULL DEFAULT '',
  online          boolean NOT NULL DEFAULT true,
  status          text NOT NULL DEFAULT 'active' CONSTRAINT powers_services_status_check CHECK (status IN ('active','suspended')),
  updated_at      timestamptz NOT NULL,
  CONSTRAINT powers_services_code_unique UNIQUE (region_code, code),
  CONSTRAINT powers_services_promise_check CHECK (promised_days <= statutory_days),
  CONSTRAINT powers_services_instant_check CHECK (NOT instant OR promised_days = 0)
);
COMMENT ON TABLE powers_services IS '政务服务事项 (办事指南): derived from a listed power; org_id is the handling org (行政审批局 after 相对集中行政许可权).';
COMMENT ON COLUMN powers_services.baseline_materials IS 'Number of materials before 材料精简 (recorded baseline for 申请材料精简率).';
CREATE INDEX powers_services_power_idx ON powers_services (power_id);

-- ───────────────────────────── approvals ─────────────────────────────
CREATE TABLE approvals_applications (
  case_id         uuid PRIMARY KEY REFERENCES cases(id),
  region_code     char(6) NOT NULL,
  org_id          uuid NOT NULL REFERENCES orgs(id),
  service_id      uuid NOT NULL REFERENCES powers_services(id),
  item_code       text NOT NULL,
  item_name       text NOT NULL,
  channel         text NOT NULL CONSTRAINT approvals_applications_channel_check CHECK (channel IN ('window','online')),
  instant         boolean NOT NULL,
  promised_days   integer NOT NULL,
  statutory_days  integer NOT NULL,
  trips           integer NOT NULL DEFAULT 0,
  corrections     integer NOT NULL DEFAULT 0,
  bundle_id       uuid,
  state           text NOT NULL,
  received_at     timestamptz NOT NULL,
  decided_at      timestamptz,
  decision        text CONSTRAINT approvals_applications_decision_check CHECK (decision IN ('准予许可','不予许可','不予受理')),
  finished_at     timestamptz
);
COMMENT ON TABLE approvals_applications IS '办件 projection kept by the approvals module from case events: trips (跑动次数), 补正 rounds, decision — for queues and metrics.';
CREATE INDEX approvals_applications_org_idx ON approvals_applications (region_code, org_id, received_at);
CREATE INDEX approvals_applications_bundle_idx ON approvals_applications (bundle_id) WHERE bundle_id IS NOT NULL;

CREATE TABLE approvals_scenarios (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  name          text NOT NULL,
  description   text NOT NULL DEFAULT '',
  service_ids   jsonb NOT NULL,
  materials     jsonb NOT NULL DEFAULT '[]',
  status        text NOT NULL DEFAULT 'active' CONSTRAINT approvals_scenarios_status_check CHECK (status IN ('active','suspended')),
  updated_at    timestamptz NOT NULL,
  CONSTRAINT approvals_scenarios_name_unique UNIQUE (region_code, name)
);
COMMENT ON TABLE approvals_scenarios IS '情景式服务 ("一件事"): one form and one set of materials for several service items handled in parallel.';

CREATE TABLE approvals_bundles (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  scenario_id   uuid NOT NULL REFERENCES approvals_scenarios(id),
  number        text NOT NULL,
  channel       text NOT NULL CONSTRAINT approvals_bundles_channel_check CHECK (channel IN ('window','online')),
  created_at    timestamptz NOT NULL,
  CONSTRAINT approvals_bundles_number_unique UNIQUE (region_code, number)
);
COMMENT ON TABLE approvals_bundles IS 'One 情景式 application: fans out into one approval case per service item (approvals_applications.bundle_id).';

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
