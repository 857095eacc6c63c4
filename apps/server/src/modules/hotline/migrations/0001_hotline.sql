-- 12345 政务服务便民热线 and 书记县长信箱 (issue 4): 派单目录, 知识库, the ticket projection for metrics,
-- 并单 links and the FixMyStreet-style status updates for Open311.

CREATE TABLE hotline_catalog (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  code          text NOT NULL,
  parent_id     uuid REFERENCES hotline_catalog(id),
  name          text NOT NULL,
  initials      text NOT NULL DEFAULT '',
  keywords      text NOT NULL DEFAULT '',
  description   text NOT NULL DEFAULT '',
  org_id        uuid REFERENCES orgs(id),
  limit_rule    text,
  facts         jsonb NOT NULL DEFAULT '[]',
  sort_order    integer NOT NULL DEFAULT 0,
  active        boolean NOT NULL DEFAULT true,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT hotline_catalog_code_unique UNIQUE (region_code, code)
);
COMMENT ON TABLE hotline_catalog IS '派单目录 (国办函〔2025〕66号): a tree maintained by admins. Leaves (org_id set) name the responsible 主办 org, the deadline rule of the citizen clock and the facts the intake must collect (Open311 service definition attributes).';
COMMENT ON COLUMN hotline_catalog.org_id IS 'The responsible org of a leaf (the org that holds this catalogue, for branch nodes: null).';
COMMENT ON COLUMN hotline_catalog.limit_rule IS 'Key of a hotline.citizen* ClockRule (law as data; county overrides in rule_overrides).';
COMMENT ON COLUMN hotline_catalog.initials IS 'Pinyin initials of the name for quick search at intake (e.g. 道路破损 → dlps).';
CREATE INDEX hotline_catalog_parent_idx ON hotline_catalog (parent_id);

CREATE TABLE hotline_kb (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  category_code text,
  current_version integer NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  updated_at    timestamptz NOT NULL
);
COMMENT ON TABLE hotline_kb IS '知识库 entries: reusable answers for 即时答复. The text lives in hotline_kb_versions; the entry points at its current version.';

CREATE TABLE hotline_kb_versions (
  kb_id         uuid NOT NULL REFERENCES hotline_kb(id),
  version       integer NOT NULL,
  question      text NOT NULL,
  answer        text NOT NULL,
  basis         text NOT NULL DEFAULT '',
  keywords      text NOT NULL DEFAULT '',
  edited_by     uuid REFERENCES users(id),
  edited_at     timestamptz NOT NULL,
  PRIMARY KEY (kb_id, version)
);
COMMENT ON TABLE hotline_kb_versions IS 'Every version of a 知识库 answer (never updated in place), so an answer given on a call can be traced to the text in force then.';

CREATE TABLE hotline_tickets (
  case_id         uuid PRIMARY KEY REFERENCES cases(id),
  region_code     char(6) NOT NULL,
  org_id          uuid NOT NULL REFERENCES orgs(id),
  number          text NOT NULL,
  line            text NOT NULL CONSTRAINT hotline_tickets_line_check CHECK (line IN ('hotline','mailbox')),
  channel         text NOT NULL,
  ticket_type     text NOT NULL,
  category_code   text NOT NULL,
  category_name   text NOT NULL,
  township_id     uuid REFERENCES orgs(id),
  lead_org_id     uuid REFERENCES orgs(id),
  lead_org_path   text,
  state           text NOT NULL,
  description     text NOT NULL,
  phone_index     text,
  accepted_at     timestamptz NOT NULL,
  accepted_on     date NOT NULL,
  dispatched_at   timestamptz,
  sign_due_at     timestamptz,
  signed_at       timestamptz,
  signed_in_time  boolean,
  replied_at      timestamptz,
  citizen_due_at  timestamptz,
  replied_in_time boolean,
  instant         boolean NOT NULL DEFAULT false,
  return_count    integer NOT NULL DEFAULT 0,
  redo_count      integer NOT NULL DEFAULT 0,
  callback_at     timestamptz,
  callback_reached boolean,
  satisfaction    text CONSTRAINT hotline_tickets_sat_check CHECK (satisfaction IN ('满意','基本满意','不满意')),
  resolved        boolean,
  merged_into     uuid REFERENCES cases(id),
  supervised      boolean NOT NULL DEFAULT false,
  closed_at       timestamptz,
  closed_on       date,
  updated_at      timestamptz NOT NULL
);
COMMENT ON TABLE hotline_tickets IS 'One row per 工单 (case type hotline_ticket), kept by the module from the case events in the same transaction: the flat table the hotline metrics, lists and Open311 read. The events stay the truth.';
COMMENT ON COLUMN hotline_tickets.line IS 'hotline = 12345 (phone, web, Open311, import); mailbox = 书记县长信箱. Metrics are reported per line.';
COMMENT ON COLUMN hotline_tickets.replied_in_time IS 'The citizen clock met its deadline (from intake to the reply; internal returns never stop it).';
CREATE INDEX hotline_tickets_accepted_idx ON hotline_tickets (region_code, line, accepted_on);
CREATE INDEX hotline_tickets_closed_idx ON hotline_tickets (region_code, line, closed_on);
CREATE INDEX hotline_tickets_phone_idx ON hotline_tickets (phone_index) WHERE closed_at IS NULL;
CREATE INDEX hotline_tickets_township_idx ON hotline_tickets (township_id, accepted_at);

CREATE TABLE hotline_updates (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id         uuid NOT NULL REFERENCES cases(id),
  region_code     char(6) NOT NULL,
  status          text NOT NULL,
  description     text NOT NULL,
  updated_at      timestamptz NOT NULL
);
COMMENT ON TABLE hotline_updates IS 'Public status updates of tickets in the FixMyStreet Open311 vocabulary (servicerequestupdates): no personal data.';
CREATE INDEX hotline_updates_time_idx ON hotline_updates (region_code, updated_at);
