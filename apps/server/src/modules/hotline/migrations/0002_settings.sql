-- 12345 hotline (issue 4): county settings that are not deadlines. One row per region; no row means
-- the platform's local defaults (HOTLINE_DEFAULTS in modules/hotline/settings.ts, docs/WORKFLOWS.md).
CREATE TABLE hotline_settings (
  region_code         char(6) PRIMARY KEY,
  org_id              uuid NOT NULL REFERENCES orgs(id),
  max_redo            integer NOT NULL CONSTRAINT hotline_settings_redo_check CHECK (max_redo BETWEEN 0 AND 5),
  duplicate_days      integer NOT NULL CONSTRAINT hotline_settings_days_check CHECK (duplicate_days BETWEEN 1 AND 365),
  extension_approver  text NOT NULL CONSTRAINT hotline_settings_approver_check CHECK (extension_approver IN ('leader','supervisor','dispatcher')),
  updated_at          timestamptz NOT NULL,
  updated_by          uuid REFERENCES users(id),
  version             integer NOT NULL DEFAULT 1
);
COMMENT ON TABLE hotline_settings IS 'Per-county 12345 settings that are not deadlines: 重办 limit (济南 Art. 27), 并单 look-back days (66号, local), 延期 approver role (安阳 Art. 50). org_id = the 12345 centre that owns them. Deadlines stay ClockRules (rule_overrides).';
