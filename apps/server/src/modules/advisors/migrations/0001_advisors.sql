-- 政府法律顾问, 公职律师 and the 合法性审查专家库 (issue 13), and their assignments to 合法性审查 cases (declaration of no conflict of
-- interest or recusal, the signed opinion).
CREATE TABLE advisors (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  kind          text NOT NULL CONSTRAINT advisors_kind_check CHECK (kind IN ('政府法律顾问','公职律师','合法性审查专家')),
  name          text NOT NULL,
  unit          text NOT NULL,
  title         text NOT NULL DEFAULT '',
  expertise     jsonb NOT NULL DEFAULT '[]',
  contract_from date,
  contract_to   date,
  procurement   text CONSTRAINT advisors_procurement_check CHECK (procurement IN ('竞争性谈判','择优续聘','公开招标','单一来源','其他')),
  status        text NOT NULL DEFAULT 'active' CONSTRAINT advisors_status_check CHECK (status IN ('active','ended')),
  version       integer NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT advisors_contract_check CHECK (contract_to IS NULL OR contract_from IS NULL OR contract_to >= contract_from)
);
COMMENT ON TABLE advisors IS '政府法律顾问 / 公职律师 / 合法性审查专家: the roster; names are of professionals in their public role (a published roster).';
COMMENT ON COLUMN advisors.unit IS '律师事务所 (法律顾问), 工作单位 (公职律师, 专家).';
COMMENT ON COLUMN advisors.expertise IS 'Fields of expertise (专家库), e.g. ["行政法","土地征收"].';
CREATE INDEX advisors_region_idx ON advisors (region_code, kind, status);

CREATE TABLE advisor_assignments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  case_id       uuid NOT NULL REFERENCES cases(id),
  advisor_id    uuid NOT NULL REFERENCES advisors(id),
  assigned_at   timestamptz NOT NULL,
  assigned_by_name text NOT NULL,
  declaration   text CONSTRAINT advisor_assignments_declaration_check CHECK (declaration IN ('无利益冲突','存在利益冲突，申请回避')),
  declaration_note text,
  declared_at   timestamptz,
  opinion       text,
  signed_at     timestamptz,
  ended_at      timestamptz
);
COMMENT ON TABLE advisor_assignments IS 'An advisor or expert assigned to a 合法性审查 case: declares no conflict (or recuses: ended_at) and signs an opinion.';
CREATE INDEX advisor_assignments_case_idx ON advisor_assignments (case_id);
CREATE INDEX advisor_assignments_advisor_idx ON advisor_assignments (advisor_id, signed_at);
