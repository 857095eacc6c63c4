-- Issue 9: 好差评 settings move into the spine's module_settings; the org that decides 申诉复核 (default: the
-- 司法局, found by its org code until now) becomes a designated org.
INSERT INTO module_settings (region_code, module, version, values, set_by_name, set_at, reason)
SELECT region_code, 'ratings', 1, jsonb_build_object('rateableTypes', rateable_types, 'defaultAfterDays', default_after_days),
       '（迁移）', updated_at, '由 ratings_settings 迁移'
FROM ratings_settings;

INSERT INTO org_designations (region_code, designation, org_id, valid_from, basis, set_by_name, set_at)
SELECT s.region_code, 'rating_supervisor', s.supervise_org_id, o.established_on, '由好差评设置迁移', '（迁移回填）', now()
FROM ratings_settings s JOIN orgs o ON o.id = s.supervise_org_id;
INSERT INTO org_designations (region_code, designation, org_id, valid_from, basis, set_by_name, set_at)
SELECT o.region_code, 'rating_supervisor', o.id, o.established_on, '默认：司法局（按机构编码 <区划>-sfj 迁移）', '（迁移回填）', now()
FROM orgs o WHERE o.code = o.region_code || '-sfj' AND o.dissolved_on IS NULL
  AND NOT EXISTS (SELECT 1 FROM ratings_settings s WHERE s.region_code = o.region_code);
DROP TABLE ratings_settings;
