-- 法律法规目录 (issue 13): the laws, regulations and rules that documents and decisions cite, with their dates, and the
-- citations of them (law_citations) that are flagged for 清理 when a cited law is amended or repealed after the citing
-- document took effect.
CREATE TABLE laws (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  title         text NOT NULL,
  issuer        text NOT NULL,
  level         text NOT NULL CONSTRAINT laws_level_check CHECK (level IN
                  ('宪法','法律','行政法规','监察法规','地方性法规','自治条例和单行条例','部门规章','地方政府规章','司法解释','其他')),
  doc_no        text NOT NULL DEFAULT '',
  promulgated_on date NOT NULL,
  effective_on  date NOT NULL,
  amended_on    jsonb NOT NULL DEFAULT '[]',
  repealed_on   date,
  note          text NOT NULL DEFAULT '',
  tokens        text[] NOT NULL DEFAULT '{}',
  version       integer NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT laws_title_unique UNIQUE (region_code, title, level),
  CONSTRAINT laws_dates_check CHECK (effective_on >= promulgated_on AND (repealed_on IS NULL OR repealed_on >= promulgated_on))
);
COMMENT ON TABLE laws IS '法律法规目录: one row per law / regulation / rule; status on a date is derived from its dates (尚未施行/现行有效/已修改/已废止).';
COMMENT ON COLUMN laws.amended_on IS 'Dates (YYYY-MM-DD) of each 修改/修订 (the amending decision''s date), ascending.';
COMMENT ON COLUMN laws.tokens IS 'jieba cut-for-search tokens of title, issuer and doc number: search that finds two-character words (GIN).';
CREATE INDEX laws_tokens_idx ON laws USING gin (tokens);
CREATE INDEX laws_region_idx ON laws (region_code, level, promulgated_on);

CREATE TABLE law_citations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  law_id        uuid NOT NULL REFERENCES laws(id),
  case_id       uuid NOT NULL REFERENCES cases(id),
  article       text NOT NULL DEFAULT '',
  effective_on  date,
  cited_at      timestamptz NOT NULL,
  flagged_at    timestamptz,
  flag_reason   text CONSTRAINT law_citations_reason_check CHECK (flag_reason IN ('法律依据已修改','法律依据已废止')),
  flag_change_on date,
  resolved_at   timestamptz,
  resolved_by_name text,
  resolution    text,
  CONSTRAINT law_citations_unique UNIQUE (case_id, law_id, article),
  CONSTRAINT law_citations_flag_check CHECK ((flagged_at IS NULL) = (flag_reason IS NULL))
);
COMMENT ON TABLE law_citations IS 'The 依据 a case''s document cites from the catalogue; flagged (for 清理) when the law is amended or repealed '
  'after effective_on.';
COMMENT ON COLUMN law_citations.effective_on IS 'The citing document''s effective date (null: not yet in force, never flagged).';
COMMENT ON COLUMN law_citations.flag_change_on IS 'The amendment or repeal date that raised the open flag.';
CREATE INDEX law_citations_law_idx ON law_citations (law_id, effective_on);
CREATE INDEX law_citations_case_idx ON law_citations (case_id);
CREATE INDEX law_citations_open_idx ON law_citations (region_code, flagged_at) WHERE flagged_at IS NOT NULL AND resolved_at IS NULL;
