/**
 * County settings of the 权责清单: which org is the 行政审批局 exercising 相对集中行政许可权
 * (《行政许可法》第二十五条) — the destination that makes an org change of a 行政许可 item a 划转
 * (metric powers.license_transfers). One powers_settings row per region; none = not designated.
 * Admin-only GET/PUT /api/v1/powers/settings, every change audited with the value before and after.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { Conn, Tx } from '../../platform/db/client.ts';
import { assertCan } from '../../platform/authz.ts';
import { AppError } from '../../platform/http/problem.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { zUuid } from '../../platform/http/validation.ts';

export async function powersSettings(conn: Conn, region: string) {
  const r = await conn.selectFrom('powersSettings as s').innerJoin('orgs as o', 'o.id', 's.approvalBureauId')
    .select(['s.approvalBureauId', 'o.name as approvalBureauName', 's.updatedAt']).where('s.regionCode', '=', region).executeTakeFirst();
  return { regionCode: region, approvalBureauId: r?.approvalBureauId ?? null, approvalBureauName: r?.approvalBureauName ?? null, updatedAt: r?.updatedAt ?? null };
}

/** Designate the 行政审批局 (a department of the county in being); audited. */
export async function setApprovalBureauInTrx(trx: Tx, region: string, orgId: string, actor: { id: string | null; name: string; ip: string | null }, now: Date): Promise<void> {
  const org = await trx.selectFrom('orgs').select(['id', 'kind', 'dissolvedOn']).where('id', '=', orgId).where('regionCode', '=', region).executeTakeFirst();
  if (!org || org.dissolvedOn || org.kind !== 'department') {
    throw new AppError('validation_failed', '行政审批局应为本县现有的部门', { errors: [{ path: 'body.approvalBureauId', message: '机构不存在、已撤销或不是部门' }] });
  }
  const before = await powersSettings(trx, region);
  const row = { approvalBureauId: orgId, updatedAt: now, updatedBy: actor.id };
  await trx.insertInto('powersSettings').values({ regionCode: region, ...row }).onConflict((oc) => oc.column('regionCode').doUpdateSet(row)).execute();
  await appendAuditInTrx(trx, actor, { action: 'powers.settings.update', targetType: 'region', targetId: region, detail: { approvalBureauId: { from: before.approvalBureauId, to: orgId } } }, now, region);
}

export async function powersSettingsRoutes(app0: FastifyInstance, ctx: Ctx): Promise<void> {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const region = ctx.config.defaultRegion;
  app.get('/powers/settings', { schema: { tags: ['权责清单'], summary: '权责清单设置（行政审批局）' } }, async (req) => {
    assertCan(req.actor, 'org.view');
    return powersSettings(ctx.db, region);
  });
  app.put('/powers/settings', {
    schema: { tags: ['权责清单'], summary: '指定行政审批局（相对集中行政许可权；管理员；留痕）', body: z.object({ approvalBureauId: zUuid }) },
  }, async (req) => {
    assertCan(req.actor, 'rules.manage', {}, '只有管理员可以修改权责清单设置');
    await ctx.db.transaction().execute((trx) => setApprovalBureauInTrx(trx, region, req.body.approvalBureauId, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, ctx.clock.now()));
    return powersSettings(ctx.db, region);
  });
}
