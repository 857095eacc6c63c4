/**
 * County settings of the hotline that are not deadlines (重办 limit, 并单 look-back, 延期 approver),
 * declared for the spine's settings facility (platform/settings): edited on the console's generic
 * settings page, every version kept and audited. Deadlines stay ClockRules (rule_overrides).
 */
import { z } from 'zod';
import { Roles } from '@yifa/contracts';
import type { Conn } from '../../platform/db/client.ts';
import { defineSettings, readSettings } from '../../platform/settings/settings.ts';
import { APPROVER_ROLES, HOTLINE_DEFAULTS } from './workflow.ts';

export const HOTLINE_SETTINGS = defineSettings({
  module: 'hotline',
  schema: z.object({
    maxRedo: z.number('请填写重办次数上限').int('重办次数应为整数').min(0, '重办次数不能为负').max(5, '重办次数最多 5 次').meta({ title: '重办次数上限' }),
    duplicateDays: z.number('请填写并单回溯天数').int('天数应为整数').min(1, '至少 1 天').max(365, '最多 365 天').meta({ title: '并单回溯天数' }),
    extensionApprover: z.enum(APPROVER_ROLES, '延期审批角色只能是 领导、监督人员 或 调度/窗口人员')
      .meta({ title: '延期审批角色', 'x-enumLabels': Object.fromEntries(APPROVER_ROLES.map((r) => [r, Roles[r]])) }),
  }),
  defaults: HOTLINE_DEFAULTS,
  sources: {
    maxRedo: '《济南市12345市民服务热线条例》第二十七条（回访不满意的重办/退回再办）；次数为本平台默认（地方范例，可配置）',
    duplicateDays: '国办函〔2025〕66号（重复诉求并单）；回溯天数为本平台默认（无出处，可配置）',
    extensionApprover: '《安阳市政务服务条例》第五十条（延期经承办单位负责人批准）；地方范例，可配置',
  },
});

/** The hotline settings in force for a region. */
export async function hotlineSettings(conn: Conn, region: string) {
  return (await readSettings(conn, region, HOTLINE_SETTINGS)).values;
}
