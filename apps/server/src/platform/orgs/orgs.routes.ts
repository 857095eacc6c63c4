import { z } from 'zod';
import { ORG_KIND_KEYS, OrgKinds, isLegalDate, legalDateOf } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { assertCan } from '../authz.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { runCommand } from '../http/idempotency.ts';
import { zDate, zUuid } from '../http/validation.ts';
import { AppError, notFound } from '../http/problem.ts';
import { readTable } from '../io/tabular.ts';
import { createOrgInTrx, dissolveOrgInTrx, moveOrgInTrx, orgKindFromLabel, orgsAsOf, renameOrgInTrx } from './orgs.store.ts';

const NewOrgBody = z.object({
  code: z.string().trim().min(1, '必填').max(40, '最多 40 个字符').regex(/^[A-Za-z0-9_.-]+$/, '只能包含字母、数字、_ . -'),
  kind: z.enum(ORG_KIND_KEYS as [string, ...string[]], '应为 government/department/township/village/other 之一'),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字'),
  creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码应为 18 位').nullish(),
  name: z.string().trim().min(2, '至少 2 个字').max(100, '最多 100 个字'),
  parentId: zUuid.nullish(),
  establishedOn: zDate,
});
const IdParams = z.object({ id: zUuid });
const Change = z.object({ effectiveFrom: zDate, reason: z.string().trim().min(2, '请说明理由').max(500) });

export async function orgRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const present = (o: { kind: string } & Record<string, unknown>) => ({ ...o, kindLabel: OrgKinds[o.kind as keyof typeof OrgKinds] });

  app.get('/orgs', {
    schema: { tags: ['机构'], summary: '机构列表（可按日期查看历史）', querystring: z.object({ asOf: zDate.optional() }) },
  }, async (req) => {
    assertCan(req.actor, 'org.view');
    const rows = await orgsAsOf(ctx.db, req.query.asOf ?? null);
    return rows.map((r) => present({ ...r, establishedOn: String(r.establishedOn), dissolvedOn: r.dissolvedOn ? String(r.dissolvedOn) : null }));
  });

  app.get('/orgs/:id/history', { schema: { tags: ['机构'], summary: '机构沿革', params: IdParams } }, async (req) => {
    assertCan(req.actor, 'org.view');
    const org = await ctx.db.selectFrom('orgs').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!org) throw notFound('机构');
    const versions = await ctx.db.selectFrom('orgVersions').leftJoin('orgs as p', 'p.id', 'orgVersions.parentId')
      .select(['orgVersions.name', 'orgVersions.parentId', 'p.name as parentName', 'orgVersions.validFrom', 'orgVersions.validTo', 'orgVersions.reason'])
      .where('orgVersions.orgId', '=', req.params.id).orderBy('orgVersions.validFrom').execute();
    return { org: present({ ...org, establishedOn: String(org.establishedOn), dissolvedOn: org.dissolvedOn ? String(org.dissolvedOn) : null }), versions: versions.map((v) => ({ ...v, validFrom: String(v.validFrom), validTo: v.validTo ? String(v.validTo) : null })) };
  });

  app.post('/orgs', { schema: { tags: ['机构'], summary: '新建机构', body: NewOrgBody } }, async (req, reply) => {
    assertCan(req.actor, 'org.manage');
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx) => {
      const id = await createOrgInTrx(trx, { ...req.body, kind: req.body.kind as never });
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, { action: 'org.create', targetType: 'org', targetId: id, detail: req.body }, ctx.clock.now());
      return { status: 201, body: { id } };
    });
    return reply.status(r.status).send(r.body);
  });

  app.post('/orgs/:id/rename', { schema: { tags: ['机构'], summary: '更名（指定生效日期）', params: IdParams, body: Change.extend({ name: z.string().trim().min(2, '至少 2 个字').max(100) }) } }, async (req) => {
    assertCan(req.actor, 'org.manage');
    await ctx.db.transaction().execute(async (trx) => {
      await renameOrgInTrx(trx, req.params.id, req.body.name, req.body.effectiveFrom, req.body.reason);
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, { action: 'org.rename', targetType: 'org', targetId: req.params.id, detail: req.body }, ctx.clock.now());
    });
    return { ok: true };
  });

  app.post('/orgs/:id/move', { schema: { tags: ['机构'], summary: '调整隶属关系', params: IdParams, body: Change.extend({ parentId: zUuid }) } }, async (req) => {
    assertCan(req.actor, 'org.manage');
    await ctx.db.transaction().execute(async (trx) => {
      await moveOrgInTrx(trx, req.params.id, req.body.parentId, req.body.effectiveFrom, req.body.reason);
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, { action: 'org.move', targetType: 'org', targetId: req.params.id, detail: req.body }, ctx.clock.now());
    });
    return { ok: true };
  });

  app.post('/orgs/:id/dissolve', { schema: { tags: ['机构'], summary: '撤销或合并', params: IdParams, body: z.object({ effectiveOn: zDate, successorId: zUuid.nullish(), reason: z.string().trim().min(2).max(500) }) } }, async (req) => {
    assertCan(req.actor, 'org.manage');
    await ctx.db.transaction().execute(async (trx) => {
      await dissolveOrgInTrx(trx, req.params.id, req.body.effectiveOn, req.body.successorId ?? null, req.body.reason);
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, { action: 'org.dissolve', targetType: 'org', targetId: req.params.id, detail: req.body }, ctx.clock.now());
    });
    return { ok: true };
  });

  app.post('/orgs/import', { schema: { tags: ['机构'], summary: '导入机构（CSV/XLSX，列：编码,名称,类型,上级编码,行政区划代码,统一社会信用代码,成立日期）' } }, async (req) => {
    assertCan(req.actor, 'org.manage');
    const file = await req.file();
    if (!file) throw new AppError('validation_failed', '请上传文件', { errors: [{ path: 'body.file', message: '请上传 CSV 或 XLSX 文件' }] });
    const buf = await file.toBuffer();
    let table;
    try { table = await readTable(buf, file.filename); } catch (e) { throw new AppError('unsupported_media_type', (e as Error).message); }
    return importOrgs(ctx, table.rows, req.actor);
  });
}

/** Import orgs row by row (parents may come earlier in the same file); bad rows are reported, good rows kept. */
export async function importOrgs(ctx: Ctx, rows: { row: number; values: Record<string, string> }[], actor: import('../authz.ts').Actor) {
  const rejected: { row: number; errors: { column: string; message: string }[] }[] = [];
  let imported = 0;
  const today = legalDateOf(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    for (const { row, values } of rows) {
      const errors: { column: string; message: string }[] = [];
      const code = values['编码']?.trim();
      const name = values['名称']?.trim();
      const kind = orgKindFromLabel(values['类型']?.trim() ?? '');
      const region = values['行政区划代码']?.trim();
      const credit = values['统一社会信用代码']?.trim() || null;
      const established = values['成立日期']?.trim() || today;
      const parentCode = values['上级编码']?.trim();
      if (!code) errors.push({ column: '编码', message: '必填' });
      else if (!/^[A-Za-z0-9_.-]{1,40}$/.test(code)) errors.push({ column: '编码', message: '只能包含字母、数字、_ . -' });
      if (!name || name.length < 2) errors.push({ column: '名称', message: '至少 2 个字' });
      if (!kind) errors.push({ column: '类型', message: '应为 人民政府/部门/乡镇街道/村社区/其他机构 之一' });
      if (!region || !/^\d{6}$/.test(region)) errors.push({ column: '行政区划代码', message: '应为 6 位数字' });
      if (credit && !/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(credit)) errors.push({ column: '统一社会信用代码', message: '格式不正确（18 位）' });
      if (!isLegalDate(established)) errors.push({ column: '成立日期', message: '应为 YYYY-MM-DD' });
      let parentId: string | null = null;
      if (parentCode) {
        const p = await trx.selectFrom('orgs').select('id').where('code', '=', parentCode).executeTakeFirst();
        if (!p) errors.push({ column: '上级编码', message: `找不到编码为 ${parentCode} 的机构` });
        else parentId = p.id;
      }
      if (code && (await trx.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirst())) errors.push({ column: '编码', message: '编码已存在' });
      if (errors.length) { rejected.push({ row, errors }); continue; }
      const id = await createOrgInTrx(trx, { code: code!, name: name!, kind: kind!, regionCode: region!, creditCode: credit, parentId, establishedOn: established });
      await appendAuditInTrx(trx, { id: actor.userId, name: actor.name, ip: actor.ip }, { action: 'org.import', targetType: 'org', targetId: id, detail: { code, name, row } }, ctx.clock.now());
      imported++;
    }
  });
  return { total: rows.length, imported, rejected };
}
