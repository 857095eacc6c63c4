import { z } from 'zod';
import { legalDateOf } from '@yifa/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import { assertCan, type Actor } from '../../platform/authz.ts';
import { AppError, notFound } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { readTable, sendXlsx } from '../../platform/io/tabular.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { zDate, zUuid } from '../../platform/http/validation.ts';
import { assertJusticeKeeper } from './access.ts';
import type { Tx } from '../../platform/db/client.ts';
import {
  basisStatusOn, dateProblems, fieldsOf, FLAG_REASONS, flagCitationsInTrx, LAW_LEVELS, LAW_STATUSES, lawRow, lawStatusOn, listLaws, newChanges, type LawFields,
} from './store.ts';
import { exportRows, importLaws, LAW_COLUMNS, REQUIRED_COLUMNS } from './import.ts';

const zLawFields = z.object({
  title: z.string().trim().transform((s) => s.replace(/^《(.*)》$/, '$1')).pipe(z.string().min(2, '请填写名称（至少 2 个字）').max(200, '最多 200 个字'))
    .meta({ title: '名称' }),
  issuer: z.string().trim().min(2, '请填写制定机关').max(100, '最多 100 个字').meta({ title: '制定机关' }),
  level: z.enum(LAW_LEVELS, '请选择效力级别').meta({ title: '效力级别' }),
  docNo: z.string().trim().max(100, '最多 100 个字').default('').meta({ title: '文号（如 国务院令第722号）' }),
  promulgatedOn: zDate.meta({ title: '公布日期' }),
  effectiveOn: zDate.meta({ title: '施行日期' }),
  amendedOn: z.array(zDate).max(30, '最多 30 次修改').default([]).meta({ title: '修改日期' }),
  repealedOn: zDate.nullable().default(null).meta({ title: '废止日期' }),
  note: z.string().trim().max(1000, '最多 1000 个字').default('').meta({ title: '备注' }),
});
/** Every date problem named by its field (the order of the dates). */
const checkDates = (v: LawFields, c: z.RefinementCtx) => {
  for (const p of dateProblems({ ...v, amendedOn: v.amendedOn })) c.addIssue({ code: 'custom',
    path: p.path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)), message: p.message });
};
const zLaw = zLawFields.superRefine(checkDates);
const zLawUpdate = zLawFields.extend({ version: z.number().int().min(1, '版本号无效').meta({ title: '版本号' }) }).superRefine(checkDates);

const ListQuery = z.object({
  q: z.string().trim().max(100, '最多 100 个字').optional(),
  level: z.enum(LAW_LEVELS, '不支持的效力级别').optional(),
  status: z.enum(LAW_STATUSES, '状态应为 尚未施行、现行有效、已修改 或 已废止').optional(),
  on: zDate.optional(),
  limit: z.coerce.number().int().min(1, '至少为 1').max(500, '最多为 500').default(50),
  offset: z.coerce.number().int().min(0, '不能为负').default(0),
});
const FlagQuery = z.object({
  orgId: zUuid.optional(),
  lawId: zUuid.optional(),
  state: z.enum(['open', 'resolved', 'all'], '应为 open（待清理）、resolved（已处理）或 all').default('open'),
  limit: z.coerce.number().int().min(1, '至少为 1').max(500, '最多为 500').default(100),
});

const region = (ctx: Ctx) => ctx.config.defaultRegion;
const ref = (a: Actor) => ({ id: a.userId, name: a.name, ip: a.ip });
const key = (req: FastifyRequest) => (req.headers['idempotency-key'] as string | undefined) ?? null;

const assertManage = (ctx: Ctx, actor: Actor) => assertJusticeKeeper(ctx, actor, 'laws.manage', '只有管理员或司法局可以维护法律法规目录');

export async function lawsRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['法律法规目录'];

  app.get('/laws/levels', { schema: { tags, summary: '效力级别、状态和依据变化理由（表单选项）' } }, async (req) => {
    assertCan(req.actor, 'org.view');
    return { levels: LAW_LEVELS, statuses: LAW_STATUSES, reasons: Object.values(FLAG_REASONS), columns: LAW_COLUMNS };
  });

  app.get('/laws', { schema: { tags, summary: '法律法规目录（中文检索，两字词亦可；按效力级别、某日状态筛选）', querystring: ListQuery } }, async (req) => {
    assertCan(req.actor, 'org.view');
    return listLaws(ctx.db, region(ctx), { ...req.query, on: req.query.on ?? legalDateOf(ctx.clock.now()) });
  });

  app.get('/laws/status', {
    schema: { tags, summary: '依据在某日的状态（审核页逐项显示）',
      querystring: z.object({ ids: z.string().max(4000).transform((s) => s.split(',').filter(Boolean)).pipe(z.array(zUuid).max(100, '最多 100 项')),
        date: zDate }) },
  }, async (req) => {
    assertCan(req.actor, 'org.view');
    return { date: req.query.date, items: await basisStatusOn(ctx.db, req.query.ids, req.query.date) };
  });

  app.get('/laws/citations', {
    schema: { tags, summary: '一件案件（文件）引用的依据及其在某日的状态', querystring: z.object({ caseId: zUuid, on: zDate.optional() }) },
  }, async (req) => {
    assertCan(req.actor, 'org.view');
    const rows = await ctx.db.selectFrom('lawCitations as c').innerJoin('laws as l', 'l.id', 'c.lawId').selectAll('l')
      .select(['c.id as citationId', 'c.article', 'c.effectiveOn as citedEffectiveOn', 'c.flaggedAt', 'c.flagReason', 'c.resolvedAt'])
      .where('c.caseId', '=', req.query.caseId).where('c.regionCode', '=', region(ctx)).orderBy('l.title').execute();
    const on = req.query.on ?? legalDateOf(ctx.clock.now());
    return {
      on,
      items: rows.map((r) => ({
        id: r.citationId, lawId: r.id, title: r.title, article: r.article, effectiveOn: r.citedEffectiveOn, status: lawStatusOn(fieldsOf(r), on),
        flaggedAt: r.flaggedAt, flagReason: r.flagReason, resolvedAt: r.resolvedAt,
      })),
    };
  });

  app.get('/laws/flags', { schema: { tags, summary: '依据变化待清理的文件（按机构、依据、是否已处理筛选）', querystring: FlagQuery } }, async (req) => {
    assertCan(req.actor, 'org.view');
    const q = req.query;
    let b = ctx.db.selectFrom('lawCitations as c').innerJoin('laws as l', 'l.id', 'c.lawId').innerJoin('cases as k', 'k.id', 'c.caseId')
      .where('c.regionCode', '=', region(ctx)).where('c.flaggedAt', 'is not', null);
    if (q.state === 'open') b = b.where('c.resolvedAt', 'is', null);
    if (q.state === 'resolved') b = b.where('c.resolvedAt', 'is not', null);
    if (q.lawId) b = b.where('c.lawId', '=', q.lawId);
    if (q.orgId) {
      const orgId = q.orgId;
      b = b.where((w) => w.or([w('k.orgId', '=', orgId), w.exists(w.selectFrom('caseOrgs as co').select('co.orgId').whereRef('co.caseId', '=',
        'k.id').where('co.orgId', '=', orgId))]));
    }
    const rows = await b.select(['c.id', 'c.lawId', 'l.title as lawTitle', 'c.caseId', 'k.number as caseNumber', 'k.title as caseTitle',
      'k.type as caseType', 'c.article',
      'c.effectiveOn', 'c.flaggedAt', 'c.flagReason', 'c.flagChangeOn', 'c.resolvedAt', 'c.resolvedByName', 'c.resolution'])
      .orderBy('c.flaggedAt', 'desc').orderBy('k.number').limit(q.limit).execute();
    return { total: rows.length, items: rows };
  });

  app.post('/laws/flags/:id/resolve', {
    schema: {
      tags, summary: '处理依据变化标记（已修改文件、决定继续有效等；支持 Idempotency-Key）', params: z.object({ id: zUuid }),
      body: z.object({ resolution: z.string().trim().min(4, '请说明处理结果（至少 4 个字）').max(1000, '最多 1000 个字').meta({ title: '处理结果' }) }),
    },
  }, async (req, reply) => {
    const f = await ctx.db.selectFrom('lawCitations').select(['id', 'caseId', 'regionCode']).where('id', '=', req.params.id).executeTakeFirst();
    if (!f || f.regionCode !== region(ctx)) throw notFound('依据变化标记');
    const paths = await ctx.db.selectFrom('cases as k').innerJoin('orgs as o', 'o.id', 'k.orgId').select('o.path').where('k.id', '=', f.caseId)
      .union(ctx.db.selectFrom('caseOrgs as co').innerJoin('orgs as o', 'o.id', 'co.orgId').select('o.path').where('co.caseId', '=', f.caseId)).execute();
    assertCan(req.actor, 'laws.resolve', { orgPaths: paths.map((p) => p.path) }, '只有文件的起草单位、审核机关或管理员可以处理');
    const r = await runCommand(ctx, req.actor, key(req), { id: req.params.id, ...req.body }, async (trx) => {
      const cur = await trx.selectFrom('lawCitations').select(['flaggedAt', 'resolvedAt']).where('id', '=',
        req.params.id).forUpdate().executeTakeFirstOrThrow();
      if (!cur.flaggedAt || cur.resolvedAt) throw new AppError('conflict', '该标记已处理或未被标记');
      const now = ctx.clock.now();
      await trx.updateTable('lawCitations').set({ resolvedAt: now, resolvedByName: req.actor.name, resolution: req.body.resolution }).where('id', '=',
        req.params.id).execute();
      await appendAuditInTrx(trx, ref(req.actor), { action: 'laws.flag.resolve', targetType: 'law_citation', targetId: req.params.id,
        detail: { caseId: f.caseId, resolution: req.body.resolution } },
        now, region(ctx));
      return { status: 200, body: { id: req.params.id, resolvedAt: now } };
    });
    return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
  });

  app.get('/laws/export.xlsx', { schema: { tags, summary: '导出法律法规目录（与导入相同的列，另加今日状态）' } }, async (req, reply) => {
    assertCan(req.actor, 'org.view');
    const rows = await exportRows(ctx, region(ctx));
    await ctx.db.transaction().execute((trx) => appendAuditInTrx(trx, ref(req.actor), { action: 'laws.export', targetType: 'laws',
      targetId: region(ctx), detail: { rows: rows.length } },
      ctx.clock.now(), region(ctx)));
    return sendXlsx(reply, `法律法规目录${legalDateOf(ctx.clock.now())}`, [...LAW_COLUMNS, '状态'].map((c) => ({ key: c, label: c })), rows);
  });

  app.post('/laws/import', { schema: { tags, summary: `导入法律法规目录（XLSX/CSV，列：${LAW_COLUMNS.join(',')}；名称和效力级别相同的更新原条目）` } }, async (req) => {
    await assertManage(ctx, req.actor);
    const file = await req.file();
    if (!file) throw new AppError('validation_failed', '请上传文件', { errors: [{ path: 'body.file', message: '请上传 CSV 或 XLSX 文件' }] });
    const buf = await file.toBuffer();
    let table;
    try { table = await readTable(buf, file.filename); } catch (e) { throw new AppError('unsupported_media_type', (e as Error).message); }
    const missing = REQUIRED_COLUMNS.filter((c) => !table.headers.includes(c));
    if (missing.length) throw new AppError('validation_failed', `缺少列：${missing.join('、')}`, { errors: missing.map((m) => ({ path: `body.file.${m}`,
      message: '缺少该列' })) });
    if (table.rows.length > 5000) throw new AppError('validation_failed', '一次最多导入 5000 行', { errors: [{ path: 'body.file', message: '一次最多导入 5000 行' }] });
    return importLaws(ctx, table.rows, req.actor, region(ctx));
  });

  app.get('/laws/:id', { schema: { tags, summary: '法律法规详情与引用它的文件', params: z.object({ id: zUuid }) } }, async (req) => {
    assertCan(req.actor, 'org.view');
    const l = await ctx.db.selectFrom('laws').selectAll().where('id', '=', req.params.id).where('regionCode', '=', region(ctx)).executeTakeFirst();
    if (!l) throw notFound('法律法规');
    const citations = await ctx.db.selectFrom('lawCitations as c').innerJoin('cases as k', 'k.id', 'c.caseId')
      .select(['c.id', 'c.caseId', 'k.number as caseNumber', 'k.title as caseTitle', 'c.article', 'c.effectiveOn', 'c.flaggedAt', 'c.flagReason',
        'c.resolvedAt'])
      .where('c.lawId', '=', l.id).orderBy('k.number').limit(500).execute();
    const f = fieldsOf(l);
    return { law: { id: l.id, ...f, version: l.version, status: lawStatusOn(f, legalDateOf(ctx.clock.now())) }, citations };
  });

  /** Write a law (new or changed) with its audit; a new 修改/废止 date flags the citations in the same transaction. */
  async function saveInTrx(trx: Tx, actor: Actor, id: string | null, v: LawFields, expectVersion: number | null) {
    const now = ctx.clock.now();
    const dup = await trx.selectFrom('laws').select('id').where('regionCode', '=', region(ctx)).where('title', '=', v.title).where('level', '=', v.level)
      .$if(id !== null, (w) => w.where('id', '!=', id!)).executeTakeFirst();
    if (dup) throw new AppError('validation_failed', '目录中已有同名同级别的法律法规', { errors: [{ path: 'body.title', message: '目录中已有同名同级别的法律法规' }] });
    if (id === null) {
      const row = await trx.insertInto('laws').values({ regionCode: region(ctx), ...lawRow(v, now) }).returning('id').executeTakeFirstOrThrow();
      await appendAuditInTrx(trx, ref(actor), { action: 'laws.create', targetType: 'law', targetId: row.id, detail: { title: v.title,
        level: v.level } }, now, region(ctx));
      return { status: 201, body: { id: row.id, version: 1, flagged: 0 } };
    }
    const cur = await trx.selectFrom('laws').selectAll().where('id', '=', id).where('regionCode', '=', region(ctx)).forUpdate().executeTakeFirst();
    if (!cur) throw notFound('法律法规');
    if (expectVersion !== null && cur.version !== expectVersion) throw new AppError('conflict', '该条目刚被他人修改，请刷新后重试');
    const before = fieldsOf(cur);
    const after = { ...v, amendedOn: [...v.amendedOn].sort() };
    const changed = (Object.keys(after) as (keyof LawFields)[]).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    if (!changed.length) return { status: 200, body: { id, version: cur.version, flagged: 0 } };
    await trx.updateTable('laws').set({ ...lawRow(after, now), version: cur.version + 1 }).where('id', '=', id).execute();
    let flagged = 0;
    for (const ch of newChanges(before, after)) flagged += await flagCitationsInTrx(trx, id, ch.on, ch.reason, now);
    await appendAuditInTrx(trx, ref(actor), {
      action: 'laws.update', targetType: 'law', targetId: id,
      detail: { title: after.title, changed: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])), flagged },
    }, now, region(ctx));
    return { status: 200, body: { id, version: cur.version + 1, flagged } };
  }

  app.post('/laws', { schema: { tags, summary: '新增法律法规（支持 Idempotency-Key）', body: zLaw } }, async (req, reply) => {
    await assertManage(ctx, req.actor);
    const r = await runCommand(ctx, req.actor, key(req), req.body, (trx) => saveInTrx(trx, req.actor, null, req.body, null));
    return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
  });

  app.put('/laws/:id', { schema: { tags, summary: '修改法律法规（新的修改、废止日期即标记引用它的文件；支持 Idempotency-Key）', params: z.object({ id: zUuid }), body: zLawUpdate } },
    async (req, reply) => {
      await assertManage(ctx, req.actor);
      const { version, ...v } = req.body;
      const r = await runCommand(ctx, req.actor, key(req), { id: req.params.id, ...req.body }, (trx) => saveInTrx(trx, req.actor, req.params.id, v, version));
      return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
    });

  // 修改 / 废止 as one act each: the date, appended to the law's dates (the console's buttons)
  for (const act of ['amend', 'repeal'] as const) {
    app.post(`/laws/:id/${act}`, {
      schema: {
        tags, summary: act === 'amend' ? '登记一次修改（修改日期）；引用它且施行在前的文件被标记' : '登记废止（废止日期）；引用它且施行在前的文件被标记',
        params: z.object({ id: zUuid }), body: z.object({ on: zDate.meta({ title: act === 'amend' ? '修改日期' : '废止日期' }) }),
      },
    }, async (req, reply) => {
      await assertManage(ctx, req.actor);
      const r = await runCommand(ctx, req.actor, key(req), { id: req.params.id, act, ...req.body }, async (trx) => {
        const cur = await trx.selectFrom('laws').selectAll().where('id', '=', req.params.id).where('regionCode', '=', region(ctx)).executeTakeFirst();
        if (!cur) throw notFound('法律法规');
        const f = fieldsOf(cur);
        const next: LawFields = act === 'amend' ? { ...f, amendedOn: f.amendedOn.includes(req.body.on) ? f.amendedOn : [...f.amendedOn,
          req.body.on] } : { ...f, repealedOn: req.body.on };
        const problems = dateProblems(next).map((p) => ({ path: 'body.on', message: p.message }));
        if (problems.length) throw new AppError('validation_failed', problems[0].message, { errors: problems });
        return saveInTrx(trx, req.actor, cur.id, next, cur.version);
      });
      return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
    });
  }
}
