-- Issue 11 (文书 for every step): templates a county edits, its 文号 counters, and the documents issued on cases. (0006: 0005 is the login throttle.)
-- A module declares its document kinds in its manifest (platform/documents); these tables hold what a county does with them.

CREATE TABLE document_templates (
  region_code   char(6) NOT NULL,
  kind          text NOT NULL CONSTRAINT document_templates_kind_check CHECK (kind ~ '^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*$'),
  version       integer NOT NULL CONSTRAINT document_templates_version_check CHECK (version >= 1),
  title         text NOT NULL,
  doc_no        text NOT NULL,
  doc_no_by_org jsonb NOT NULL DEFAULT '{}',
  body          text NOT NULL,
  set_by        uuid REFERENCES users(id),
  set_by_name   text NOT NULL,
  set_at        timestamptz NOT NULL,
  reason        text,
  PRIMARY KEY (region_code, kind, version)
);
COMMENT ON TABLE document_templates IS 'A county''s versions of a kind''s template (title, 文号 rule, body), each with its editor; the latest is in force.';
COMMENT ON COLUMN document_templates.doc_no IS 'The 文号 rule, e.g. 示审批受字〔{year}〕{n}号 (GB/T 9704-2012 7.2.5).';
COMMENT ON COLUMN document_templates.doc_no_by_org IS 'Rules of orgs that number this kind with their own 代字: org id → rule. [ts: Record<string, string>]';

CREATE TABLE document_counters (
  region_code char(6) NOT NULL,
  kind        text NOT NULL,
  org_id      uuid NOT NULL REFERENCES orgs(id),
  year        integer NOT NULL,
  last        integer NOT NULL,
  PRIMARY KEY (region_code, kind, org_id, year)
);
COMMENT ON TABLE document_counters IS '文号 sequence per kind, issuing org and year, taken in the issuing transaction: a failed issue leaves no gap.';

CREATE TABLE case_documents (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases(id),
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  kind          text NOT NULL,
  title         text NOT NULL,
  number        text NOT NULL,
  year          integer NOT NULL,
  seq           integer CONSTRAINT case_documents_seq_check CHECK (seq >= 1),
  event_seq     integer NOT NULL,
  template_version integer NOT NULL,
  file_id       uuid NOT NULL REFERENCES files(id),
  sm3           text NOT NULL,
  issued_at     timestamptz NOT NULL,
  issued_by     uuid REFERENCES users(id),
  issued_by_name text NOT NULL,
  CONSTRAINT case_documents_number_unique UNIQUE (org_id, number),
  CONSTRAINT case_documents_seq_unique UNIQUE (region_code, kind, org_id, year, seq),
  CONSTRAINT case_documents_step_unique UNIQUE (case_id, kind, event_seq)
);
COMMENT ON TABLE case_documents IS 'A 文书 issued on a case: its 文号, the step it records, the stored DOCX (files, SM3). Append-only.';
COMMENT ON COLUMN case_documents.seq IS 'Its number in the sequence of the kind, org and year; null when the step gave the 文号 (typed when answering).';
COMMENT ON COLUMN case_documents.event_seq IS 'The case event (seq) after which it was issued: one document of a kind per step.';
COMMENT ON COLUMN case_documents.template_version IS 'The county template version it was filled from (0 = the module''s default).';
CREATE INDEX case_documents_case_idx ON case_documents (case_id);

CREATE TABLE case_document_prints (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id   uuid NOT NULL REFERENCES case_documents(id),
  n             integer NOT NULL CONSTRAINT case_document_prints_n_check CHECK (n >= 1),
  format        text NOT NULL CONSTRAINT case_document_prints_format_check CHECK (format IN ('docx', 'pdf')),
  printed_at    timestamptz NOT NULL,
  printed_by    uuid REFERENCES users(id),
  printed_by_name text NOT NULL,
  reason        text,
  CONSTRAINT case_document_prints_n_unique UNIQUE (document_id, n)
);
COMMENT ON TABLE case_document_prints IS '补打 (reprints) of an issued document: the n-th reprint is the stored file marked 补打件 with its number n.';

CREATE TRIGGER case_documents_append_only BEFORE UPDATE OR DELETE ON case_documents FOR EACH ROW EXECUTE FUNCTION yifa_forbid_change();
CREATE TRIGGER case_document_prints_append_only BEFORE UPDATE OR DELETE ON case_document_prints FOR EACH ROW EXECUTE FUNCTION yifa_forbid_change();
