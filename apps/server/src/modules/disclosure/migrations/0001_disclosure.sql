-- 政务公开 (government information disclosure): 依申请公开 projection, remedies, the 主动公开
-- catalogue fed by the spine's publication service, 公开指南, annual reports.

CREATE TABLE disclosure_requests (
  case_id         uuid PRIMARY KEY REFERENCES cases(id),
  region_code     char(6) NOT NULL,
  org_id          uuid NOT NULL REFERENCES orgs(id),
  channel         text NOT NULL CONSTRAINT disclosure_requests_channel_check CHECK (channel IN ('in_person','post_signed','post_ordinary','online','fax')),
  applicant_kind  text NOT NULL CONSTRAINT disclosure_requests_kind_check CHECK (applicant_kind IN ('natural','business','research','public_interest','legal_service','other')),
  applicant_index text,
  received_on     date NOT NULL,
  state           text NOT NULL,
  answer_type     text,
  leaf            text,
  closed_on       date,
  fee_mode        text CONSTRAINT disclosure_requests_fee_check CHECK (fee_mode IN ('per_item','per_volume')),
  fee_amount      numeric(12,2),
  fee_paid        boolean NOT NULL DEFAULT false,
  updated_at      timestamptz NOT NULL
);
COMMENT ON TABLE disclosure_requests IS '依申请公开: one row per request case (projection of the case, kept in the case transaction) with the annual-report dimensions: applicant kind (table 三 column), received date, closing date and the table 三 leaf.';
COMMENT ON COLUMN disclosure_requests.received_on IS '收到申请之日 (条例第三十一条) by channel; the case is opened on that day.';
COMMENT ON COLUMN disclosure_requests.leaf IS 'Leaf of table 三 (e.g. 3.3.4 = 不予公开/保护第三方合法权益); mapped from answer_type by the configurable crosswalk.';
COMMENT ON COLUMN disclosure_requests.applicant_index IS 'Blind index of the applicant identity, for 按件计收 per applicant per natural month.';
CREATE INDEX disclosure_requests_report_idx ON disclosure_requests (region_code, org_id, received_on);
CREATE INDEX disclosure_requests_closed_idx ON disclosure_requests (region_code, closed_on);

CREATE TABLE disclosure_remedies (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases(id),
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  kind          text NOT NULL CONSTRAINT disclosure_remedies_kind_check CHECK (kind IN ('review','litigation_direct','litigation_after_review')),
  filed_on      date NOT NULL,
  result        text CONSTRAINT disclosure_remedies_result_check CHECK (result IN ('upheld','corrected','other')),
  concluded_on  date,
  case_no       text,
  note          text,
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL,
  CONSTRAINT disclosure_remedies_result_date CHECK ((result IS NULL) = (concluded_on IS NULL))
);
COMMENT ON TABLE disclosure_remedies IS '行政复议 / 行政诉讼 brought against an answer to a disclosure request (table 四 of the annual report).';
CREATE INDEX disclosure_remedies_org_idx ON disclosure_remedies (region_code, org_id, filed_on);

CREATE TABLE disclosure_guides (
  org_id       uuid PRIMARY KEY REFERENCES orgs(id),
  region_code  char(6) NOT NULL,
  content      jsonb NOT NULL,
  updated_at   timestamptz NOT NULL
);
COMMENT ON TABLE disclosure_guides IS '政府信息公开指南 of an org (条例第十二条): 分类、编排体系、获取方式、机构名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式.';

CREATE TABLE disclosure_reports (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code  char(6) NOT NULL,
  org_id       uuid NOT NULL REFERENCES orgs(id),
  scope        text NOT NULL CONSTRAINT disclosure_reports_scope_check CHECK (scope IN ('org','government')),
  year         integer NOT NULL,
  doc_no       text,
  sections     jsonb NOT NULL DEFAULT '{}',
  status       text NOT NULL CONSTRAINT disclosure_reports_status_check CHECK (status IN ('draft','published')),
  snapshot     jsonb,
  published_on date,
  updated_at   timestamptz NOT NULL,
  CONSTRAINT disclosure_reports_unique UNIQUE (region_code, org_id, scope, year)
);
COMMENT ON TABLE disclosure_reports IS '政府信息公开工作年度报告 (条例第四十九、五十条; 国办公开办函〔2021〕30号): editable sections 一/五/六, tables computed live; snapshot frozen on publication.';

CREATE TABLE disclosure_leaf_overrides (
  region_code  char(6) NOT NULL,
  answer_type  text NOT NULL,
  leaf         text NOT NULL,
  basis        text NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (region_code, answer_type)
);
COMMENT ON TABLE disclosure_leaf_overrides IS 'County override of the crosswalk answer type → table 三 leaf (the crosswalk is not official: DOMAIN.md §1.7).';
