-- Issue 9: the hotline's county settings move into the spine's module_settings (with history), and the 12345
-- centre, found by its org code (<区划>-zwfwj) until now, becomes a designated org.
INSERT INTO module_settings (region_code, module, version, values, set_by, set_by_name, set_at, reason)
SELECT s.region_code, 'hotline', s.version,
       jsonb_build_object('maxRedo', s.max_redo, 'duplicateDays', s.duplicate_days, 'extensionApprover', s.extension_approver),
       s.updated_by, coalesce(u.display_name, '（迁移）'), s.updated_at, '由 hotline_settings 迁移'
FROM hotline_settings s LEFT JOIN users u ON u.id = s.updated_by;
DROP TABLE hotline_settings;

INSERT INTO org_designations (region_code, designation, org_id, valid_from, basis, set_by_name, set_at)
SELECT region_code, 'hotline_centre', id, established_on, '按机构编码 <区划>-zwfwj 迁移', '（迁移回填）', now()
FROM orgs WHERE code = region_code || '-zwfwj' AND dissolved_on IS NULL;

COMMENT ON COLUMN hotline_catalog.facts IS 'Facts the intake must collect for this leaf (Open311 service definition attributes). [ts: { code: string; label: string; datatype: ''string'' | ''number'' | ''datetime'' | ''text'' | ''singlevaluelist'' | ''multivaluelist''; required: boolean; values?: { key: string; name: string }[] }[]]';
