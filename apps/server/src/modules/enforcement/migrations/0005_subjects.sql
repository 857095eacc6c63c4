-- 行政执法主体 (issue 15; 国办发〔2018〕118号 事前公示): the spine's orgs carry no 主体 category, so the enforcement module keeps it —
-- an org not listed here is a 行政机关 when it is a government, department or township, otherwise its category is 未登记.
CREATE TABLE enforcement_subject_kinds (
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  kind          text NOT NULL CONSTRAINT enforcement_subject_kinds_kind_check CHECK (kind IN ('行政机关','法律法规授权组织','受委托组织')),
  basis         text NOT NULL,
  entrusted_by  uuid REFERENCES orgs(id),
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (region_code, org_id),
  CONSTRAINT enforcement_subject_kinds_entrusted_check CHECK ((kind = '受委托组织') = (entrusted_by IS NOT NULL))
);
COMMENT ON TABLE enforcement_subject_kinds IS '执法主体类别 of an org (授权 by a law or regulation, or 受委托 by an agency), with its basis.';

-- The yearly 执法主体名单 as published: every publication of a year is a new version; the portal shows the latest, the catalogue item
-- (publication service, source enforcement / subjects:<year>) carries the stable 索引号 and its own version count.
CREATE TABLE enforcement_subject_lists (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code     char(6) NOT NULL,
  year            integer NOT NULL,
  version         integer NOT NULL,
  as_of           date NOT NULL,
  published_on    date NOT NULL,
  entries         jsonb NOT NULL,
  disclosure_item_id uuid NOT NULL,
  published_by    uuid REFERENCES users(id),
  published_by_name text NOT NULL,
  created_at      timestamptz NOT NULL,
  CONSTRAINT enforcement_subject_lists_version_unique UNIQUE (region_code, year, version)
);
COMMENT ON TABLE enforcement_subject_lists IS '年度行政执法主体名单 versions: 主体, category, powers from the 权责清单 (as of as_of) and valid certificates.';
