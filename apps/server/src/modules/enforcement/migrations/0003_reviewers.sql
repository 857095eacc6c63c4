-- 法制审核人员 (issue 15; 《行政处罚法》第五十八条第二款): who reviews penalty decisions for an org, and the 法律职业资格 that a
-- first-time reviewer must hold. The penalty case's guard refuses a first review by someone without it.
CREATE TABLE enforcement_reviewers (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code              char(6) NOT NULL,
  org_id                   uuid NOT NULL REFERENCES orgs(id),
  user_id                  uuid NOT NULL REFERENCES users(id),
  legal_qualification_no   text,
  qualified_on             date,
  updated_at               timestamptz NOT NULL,
  CONSTRAINT enforcement_reviewers_user_unique UNIQUE (region_code, user_id)
);
COMMENT ON TABLE enforcement_reviewers IS '法制审核人员 with their 法律职业资格证书编号 (null: none); required for a first 法制审核 (Art. 58 ¶2).';
