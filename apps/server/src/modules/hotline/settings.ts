/**
 * County settings of the hotline that are not deadlines (重办 limit, 并单 look-back, 延期 approver):
 * one hotline_settings row per region, the local defaults (HOTLINE_DEFAULTS) while none is saved.
 * Admin-only GET/PUT /api/v1/hotline/settings, every change audited with the values before and after.
 */
import { z } from 'zod';
import { Roles } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/client.ts';
import { assertCan } from '../../platform/authz.ts';
import { AppError } from '../../platform/http/problem.ts';
import { sql } from 'kysely';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { APPROVER_ROLES, HOTLINE_DEFAULTS, type HotlineSettings } from './workflow.ts';
import { centreOrg } from './ticket.ts';

/** Where each setting comes from (shown by the API and in docs/WORKFLOWS.md). */
export const SETTING_SOURCES: Record<keyof HotlineSettings, string> = {
  maxRedo: '《济南市12345市民服务热线条例》第二十七条（回访不满意的重办/退回再办）；次数为本平台默认（地方范例，可配置）',
  duplicateDays: '国办函〔2025〕66号（重复诉求并单）；回溯天数为本平台默认（无出处，可配置）',
  extensionApprover: '《安阳市政务服务条例》第五十条（延期经承办单位负责人批准）；地方范例，可配置',
};

export async function hotlineSettings(conn: Conn, region: string): Promise<HotlineSettings & { source: 'default' | 'county'; version: number }> {
  const r = await conn.selectFrom('hotlineSettings').select(['maxRedo', 'duplicateDays', 'extensionApprover', 'version']).where('regionCode', '=', region).executeTakeFirst();
  if (!r) return { ...HOTLINE_DEFAULTS, source: 'default', version: 0 };
  return { maxRedo: r.maxRedo, duplicateDays: r.duplicateDays, extensionApprover: r.extensionApprover, source: 'county', version: Number(r.version) };
}

const SettingsBody = z.object({
  maxRedo: z.number('请填写重办次数上限').int('重办次数应为整数').min(0, '重办次数不能为负').max(5, '重办次数最多 5 次').meta({ title: '重办次数上限' }),
  duplicateDays: z.number('请填写并单回溯天数').int('天数应为整数').min(1, '至少 1 天').max(365, '最多 365 天').meta({ title: '并单回溯天数' }),
  extensionApprover: z.enum(APPROVER_ROLES, '延期审批角色只能是 leader、supervisor 或 dispatcher').meta({ title: '延期审批角色', 'x-enumLabels': Object.fromEntries(APPROVER_ROLES.map((r) => [r, Roles[r]])) }),
  version: z.number().int().min(0).optional().meta({ title: '所修改的版本（0 = 尚未设置）' }),
});

export async function hotlineSettingsRoutes(app0: FastifyInstance, ctx: Ctx): Promise<void> {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const region = ctx.config.defaultRegion;
  /** The form of the settings (JSON Schema of the PUT body; the console builds its form from it). */
  const schema = z.toJSONSchema(SettingsBody.omit({ version: true }), { io: 'input' });
  const view = async (conn: Conn) => ({ regionCode: region, ...(await hotlineSettings(conn, region)), defaults: HOTLINE_DEFAULTS, sources: SETTING_SOURCES, schema });

  app.get('/hotline/settings', { schema: { tags: ['12345热线'], summary: '本县热线设置（重办次数、并单回溯天数、延期审批角色；管理员）' } }, async (req) => {
    assertCan(req.actor, 'rules.manage', {}, '只有管理员可以查看和修改热线设置');
    return view(ctx.db);
  });

  app.put('/hotline/settings', { schema: { tags: ['12345热线'], summary: '修改本县热线设置（管理员；留痕）', body: SettingsBody } }, async (req) => {
    assertCan(req.actor, 'rules.manage', {}, '只有管理员可以查看和修改热线设置');
    const b = req.body;
    const now = ctx.clock.now();
    return ctx.db.transaction().execute(async (trx) => {
      const before = await hotlineSettings(trx, region);
      if (b.version !== undefined && b.version !== before.version) {
        throw new AppError('conflict', `热线设置已被他人修改（当前版本 ${before.version}），请刷新后再改`);
      }
      const centre = await centreOrg(trx, region);
      const row = { orgId: centre.id, maxRedo: b.maxRedo, duplicateDays: b.duplicateDays, extensionApprover: b.extensionApprover, updatedAt: now, updatedBy: req.actor.userId };
      await trx.insertInto('hotlineSettings').values({ regionCode: region, ...row, version: 1 })
        .onConflict((oc) => oc.column('regionCode').doUpdateSet({ ...row, version: sql`hotline_settings.version + 1` })).execute();
      const { source: _s, version: _v, ...old } = before;
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, {
        action: 'hotline.settings.save', targetType: 'hotline_settings', targetId: region,
        detail: { before: old, after: { maxRedo: b.maxRedo, duplicateDays: b.duplicateDays, extensionApprover: b.extensionApprover } },
      }, now, region);
      return view(trx);
    });
  });
}
