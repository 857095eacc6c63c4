-- Issue 9: the org whose windows receive applications (一窗受理, 《行政许可法》第二十六条) was found by its org code
-- (<区划>-zwfwj); it becomes a designated org.
INSERT INTO org_designations (region_code, designation, org_id, valid_from, basis, set_by_name, set_at)
SELECT region_code, 'service_centre', id, established_on, '按机构编码 <区划>-zwfwj 迁移', '（迁移回填）', now()
FROM orgs WHERE code = region_code || '-zwfwj' AND dissolved_on IS NULL;

-- TypeScript types of jsonb columns for the generated Kysely schema.
COMMENT ON COLUMN approvals_scenarios.service_ids IS 'The service items the scenario bundles (powers_services ids). [ts: string[]]';
COMMENT ON COLUMN approvals_scenarios.materials IS 'One combined checklist for the bundle. [ts: { name: string; required: boolean }[]]';
