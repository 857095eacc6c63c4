-- 执法人员 and their 执法证件 (issue 15; DOMAIN.md §6.4). Name is the officer's public identity on the 亮证 page; no other personal data here.
CREATE TABLE enforcement_officers (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code     char(6) NOT NULL,
  org_id          uuid NOT NULL REFERENCES orgs(id),
  cert_no         text NOT NULL,
  name            text NOT NULL,
  fields          text[] NOT NULL,
  category        text NOT NULL DEFAULT '行政执法',
  issued_on       date NOT NULL,
  expires_on      date NOT NULL,
  status          text NOT NULL DEFAULT '有效' CONSTRAINT enforcement_officers_status_check CHECK (status IN ('有效','暂扣','注销')),
  training_hours  integer NOT NULL DEFAULT 0 CONSTRAINT enforcement_officers_hours_check CHECK (training_hours >= 0),
  updated_at      timestamptz NOT NULL,
  CONSTRAINT enforcement_officers_cert_unique UNIQUE (region_code, cert_no),
  CONSTRAINT enforcement_officers_dates_check CHECK (expires_on >= issued_on)
);
COMMENT ON TABLE enforcement_officers IS '执法人员 with their 执法证件: each act needs a valid certificate (有效, in its dates, the case field; Art. 42).';
CREATE INDEX enforcement_officers_org_idx ON enforcement_officers (region_code, org_id);
