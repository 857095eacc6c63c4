-- Issue 9: the 行政审批局 (相对集中行政许可权, 《行政许可法》第二十五条) was a powers_settings row; it becomes a
-- designated org with history, valid from the day it was set.
INSERT INTO org_designations (region_code, designation, org_id, valid_from, basis, set_by, set_by_name, set_at)
SELECT s.region_code, 'approval_bureau', s.approval_bureau_id, (s.updated_at AT TIME ZONE 'Asia/Shanghai')::date,
       '由权责清单设置迁移', s.updated_by, coalesce(u.display_name, '（迁移）'), s.updated_at
FROM powers_settings s LEFT JOIN users u ON u.id = s.updated_by;
DROP TABLE powers_settings;

-- TypeScript types of jsonb columns for the generated Kysely schema.
COMMENT ON COLUMN powers_items.duties IS '责任事项 of the power (立案、调查、审理、告知、决定、送达、执行 …). [ts: string[]]';
COMMENT ON COLUMN powers_items.delegated_to IS 'Township org ids the power is delegated to (下放), from delegated_on. [ts: string[]]';
COMMENT ON COLUMN powers_adjustments.before IS 'The item before the adjustment (null for an addition). [ts: Record<string, unknown> | null]';
COMMENT ON COLUMN powers_adjustments.after IS 'The item as of effective_on (null = removed from the list). [ts: Record<string, unknown> | null]';
COMMENT ON COLUMN powers_service_versions.data IS 'to_jsonb(powers_services row) after the change (snake_case keys). [ts: Record<string, unknown>]';
COMMENT ON COLUMN powers_services.materials IS '申请材料 checklist. [ts: { name: string; required: boolean }[]]';
