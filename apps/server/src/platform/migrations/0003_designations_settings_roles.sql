-- Issue 9: a module owns its footprint. Three spine facilities that replace per-module tables and magic codes:
-- designated orgs (legal roles of orgs, as data with history), module settings (one table, every version kept),
-- and roles declared by modules (the fixed list in role_grants' CHECK goes; the registry validates roles).

CREATE TABLE org_designations (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code   char(6) NOT NULL,
  designation   text NOT NULL CONSTRAINT org_designations_key_check CHECK (designation ~ '^[a-z][a-z0-9_]{1,59}$'),
  org_id        uuid NOT NULL REFERENCES orgs(id),
  valid_from    date NOT NULL,
  valid_to      date,
  basis         text NOT NULL DEFAULT '',
  set_by        uuid REFERENCES users(id),
  set_by_name   text NOT NULL,
  set_at        timestamptz NOT NULL,
  CONSTRAINT org_designations_range_check CHECK (valid_to IS NULL OR valid_to > valid_from)
);
COMMENT ON TABLE org_designations IS 'Which org holds a legal role in a region (司法局, 行政审批局, 12345 中心 …) on [valid_from, valid_to). Keys are declared by the spine and the modules; modules ask for "the org designated as X on date D", never for org codes.';
CREATE UNIQUE INDEX org_designations_open_idx ON org_designations (region_code, designation) WHERE valid_to IS NULL;
CREATE INDEX org_designations_lookup_idx ON org_designations (region_code, designation, valid_from);

-- The 司法局 was found by its code (<区划>-sfj) until now: keep that as its first designation.
INSERT INTO org_designations (region_code, designation, org_id, valid_from, basis, set_by_name, set_at)
SELECT region_code, 'justice_bureau', id, established_on, '按机构编码 <区划>-sfj 迁移', '（迁移回填）', now()
FROM orgs WHERE code = region_code || '-sfj' AND dissolved_on IS NULL;

CREATE TABLE module_settings (
  region_code   char(6) NOT NULL,
  module        text NOT NULL,
  version       integer NOT NULL CONSTRAINT module_settings_version_check CHECK (version >= 1),
  values        jsonb NOT NULL,
  set_by        uuid REFERENCES users(id),
  set_by_name   text NOT NULL,
  set_at        timestamptz NOT NULL,
  reason        text,
  PRIMARY KEY (region_code, module, version)
);
COMMENT ON TABLE module_settings IS 'County settings of a module (schema, defaults and sources declared in its manifest). Every version is kept; the latest is in force, an earlier one can be read as of its date.';
COMMENT ON COLUMN module_settings.values IS 'All values of the module''s settings schema at this version. [ts: Record<string, unknown>]';

ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check CHECK (role ~ '^[a-z][a-z_]{1,39}$');
COMMENT ON COLUMN role_grants.role IS 'A role declared by the spine or a module (the registry checks it when granted).';

-- TypeScript types of jsonb columns for the generated Kysely schema (platform/db/codegen.ts reads "[ts: …]").
COMMENT ON COLUMN clocks.entries IS 'The clock''s ledger entries (start, pause, resume, extend, restart, stop): the truth its status and due date are computed from. [ts: import(''@yifa/contracts'').ClockEntry[]]';
COMMENT ON COLUMN disclosure_items.secrecy_review IS 'The 保密审查 record (reviewer, date, conclusion) of a manually drafted item. [ts: Record<string, unknown> | null]';
