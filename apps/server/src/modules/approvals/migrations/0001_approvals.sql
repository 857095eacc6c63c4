-- One-window approvals and 情景式服务 (issue 5; was part of migration 0003_approvals.sql).
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

