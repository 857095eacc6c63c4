-- 权责清单 and the service catalogue (issue 5; was part of migration 0003_approvals.sql).
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

