-- Issue #5: the service catalogue (政务服务事项) as of a date, and the org that holds 相对集中行政许可权.

-- Every create/edit/status change of a service item writes its full row here (to_jsonb of powers_services, so a column
-- added to powers_services later is captured without code changes), in the same transaction as the change.
CREATE TABLE powers_service_versions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  service_id      uuid NOT NULL REFERENCES powers_services(id),
  region_code     char(6) NOT NULL,
  valid_from      timestamptz NOT NULL,
  valid_to        timestamptz,
  data            jsonb NOT NULL,
  change          text NOT NULL CONSTRAINT powers_service_versions_change_check CHECK (change IN ('create','update','backfill')),
  changed_by      uuid REFERENCES users(id),
  changed_by_name text NOT NULL,
  CONSTRAINT powers_service_versions_range_check CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
COMMENT ON TABLE powers_service_versions IS '政务服务事项 history: the item as it stood from valid_from until valid_to (open = current). Catalogue metrics (承诺时限压缩率, 申请材料精简率) read the version in force at the end of the period.';
COMMENT ON COLUMN powers_service_versions.data IS 'to_jsonb(powers_services row) after the change (snake_case keys).';
CREATE UNIQUE INDEX powers_service_versions_open_idx ON powers_service_versions (service_id) WHERE valid_to IS NULL;
CREATE INDEX powers_service_versions_region_idx ON powers_service_versions (region_code, valid_from);

-- Existing items: their earlier states are unknown, so the history starts at their last change.
INSERT INTO powers_service_versions (service_id, region_code, valid_from, data, change, changed_by_name)
SELECT s.id, s.region_code, s.updated_at, to_jsonb(s), 'backfill', '（迁移回填）' FROM powers_services s;

-- One row per region: which org is the 行政审批局 (相对集中行政许可权, 《行政许可法》第二十五条). No row = none designated.
CREATE TABLE powers_settings (
  region_code        char(6) PRIMARY KEY,
  approval_bureau_id uuid NOT NULL REFERENCES orgs(id),
  updated_at         timestamptz NOT NULL,
  updated_by         uuid REFERENCES users(id)
);
COMMENT ON TABLE powers_settings IS 'Per-county 权责清单 settings: approval_bureau_id = the org exercising 相对集中行政许可权 (行政审批局), the destination of 行政许可事项划转 (metric powers.license_transfers).';
