-- 行政规范性文件: the registry projection of the normative_document cases (kept in the case's transaction by the module's
-- onCaseEvent), public comments on drafts (征求意见), and 清理 campaigns.

CREATE TABLE normative_docs (
  case_id        uuid PRIMARY KEY REFERENCES cases(id),
  region_code    char(6) NOT NULL,
  org_id         uuid NOT NULL REFERENCES orgs(id),
  root_id        uuid NOT NULL,
  version_no     integer NOT NULL DEFAULT 1,
  title          text NOT NULL,
  doc_kind       text NOT NULL,
  category       text NOT NULL,
  state          text NOT NULL,
  reg_no         text,
  reg_year       integer,
  doc_no         text,
  registered_on  date,
  published_on   date,
  effective_on   date,
  valid_until    date,
  ended_on       date,
  comment_start  date,
  comment_end    date,
  tokens         text[] NOT NULL DEFAULT '{}',
  updated_at     timestamptz NOT NULL
);
COMMENT ON TABLE normative_docs IS '登记簿 and 规范性文件库: one row per version (case) of a 规范性文件, written with every case event.';
COMMENT ON COLUMN normative_docs.root_id IS 'The first version''s case id: the stable id of the document across versions (修改).';
COMMENT ON COLUMN normative_docs.reg_no IS '统一登记号 (per region and year, gap-free, never reused), separate from the 发文字号 doc_no.';
CREATE UNIQUE INDEX normative_docs_reg_no_idx ON normative_docs (region_code, reg_no) WHERE reg_no IS NOT NULL;
CREATE INDEX normative_docs_state_idx ON normative_docs (region_code, state, published_on);
CREATE INDEX normative_docs_root_idx ON normative_docs (root_id, version_no);
CREATE INDEX normative_docs_tokens_idx ON normative_docs USING gin (tokens);

CREATE TABLE normative_comments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases(id),
  region_code   char(6) NOT NULL,
  name_enc      text,
  name_masked   text,
  phone_enc     text,
  phone_masked  text,
  body          text NOT NULL,
  body_public   text NOT NULL,
  created_at    timestamptz NOT NULL
);
COMMENT ON TABLE normative_comments IS '征求意见: comments on a draft from the portal; name and phone optional, field-encrypted, masked; body_public is the text with personal data masked.';
CREATE INDEX normative_comments_case_idx ON normative_comments (case_id, created_at);

CREATE TABLE normative_campaigns (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code  char(6) NOT NULL,
  title        text NOT NULL,
  kind         text NOT NULL CONSTRAINT normative_campaigns_kind_check CHECK (kind IN ('annual','adhoc')),
  basis        text NOT NULL,
  started_on   date NOT NULL,
  closed_on    date,
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL
);
COMMENT ON TABLE normative_campaigns IS '清理: an annual or ad-hoc campaign listing the documents in force when it started.';

CREATE TABLE normative_campaign_items (
  campaign_id  uuid NOT NULL REFERENCES normative_campaigns(id),
  case_id      uuid NOT NULL REFERENCES cases(id),
  decision     text CONSTRAINT normative_campaign_items_decision_check CHECK (decision IN ('继续有效','修改','废止','宣布失效')),
  reason       text,
  decided_on   date,
  decided_by   uuid REFERENCES users(id),
  PRIMARY KEY (campaign_id, case_id)
);
COMMENT ON TABLE normative_campaign_items IS '清理 decision per document: 继续有效 / 修改 / 废止 / 宣布失效 (废止 and 宣布失效 are applied to the document''s case).';
