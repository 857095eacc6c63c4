import { z } from 'zod';
import { sql } from 'kysely';
import { legalDateOf, ruleInForce, type ClockRule, type LegalDate } from '@yifa/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/client.ts';
import { assertCan, type Actor } from '../../platform/authz.ts';
import { AppError, notFound } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { readTable, sendXlsx } from '../../platform/io/tabular.ts';
import { startTask } from '../../platform/tasks.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { zDate, zUuid } from '../../platform/http/validation.ts';
import { ITEM_TYPES, XLSX_COLUMNS, diffBetween, exportRows, importItems, listAsOf, snapshotOf } from './store.ts';
import { ADJUSTMENT_TYPE, decideAdjustmentInTrx, zAdjustmentBody } from './adjustments.ts';
import { inputAsBody, openCaseInTrx } from '../../platform/cases/engine.ts';
import { recordServiceVersionInTrx } from './catalogue.ts';
import { checkMaterialFiles, serviceFileRoutes, withMaterialFiles } from './service-files.ts';

const ListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  type: z.enum(ITEM_TYPES, '不支持的职权类型').optional(),
  orgId: zUuid.optional(),
  level: z.enum(['county', 'township'], '应为 county 或 township').optional(),
  status: z.enum(['active', 'suspended', 'abolished']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const JOINT_MODES = ['统一办理', '联合办理', '集中办理'] as const;
const zMaterial = z.object({
  name: z.string().trim().min(2, '材料名称至少 2 个字').max(200), required: z.boolean().default(true),
  // the 办事指南's downloads (service-files.ts): uploaded first, named here
  blankFormFileId: zUuid.optional().meta({ title: '空白表格' }), sampleFileId: zUuid.optional().meta({ title: '示例样表' }),
});
const refineService = (v: { promisedDays: number; statutoryDays: number; instant: boolean; statutoryUnit: string; statutoryBasis: string; preReview: boolean; jointMode: string | null },
  c: z.RefinementCtx) => {
  if (v.statutoryUnit === 'workdays' && v.promisedDays > v.statutoryDays) c.addIssue({ code: 'custom', path: ['promisedDays'], message: '承诺时限不能超过法定时限' });
  if (v.instant && v.promisedDays !== 0) c.addIssue({ code: 'custom', path: ['promisedDays'], message: '即办件的承诺时限应为 0（当场办结）' });
  if (v.statutoryUnit === 'days' && !v.statutoryBasis) c.addIssue({ code: 'custom', path: ['statutoryBasis'], message: '以自然日计的法定时限须写明规定该期限的法律、法规及条款' });
  if (v.preReview && (v.jointMode || v.statutoryBasis)) {
    c.addIssue({ code: 'custom', path: ['preReview'], message: '《行政许可法》第四十三条：须报上级决定的事项，本机关只作初步审查（二十日内），不能同时设联合办理或特别法定时限' });
  }
  if (v.preReview && (v.statutoryUnit !== 'workdays' || v.statutoryDays > 20)) {
    c.addIssue({ code: 'custom', path: ['statutoryDays'], message: '《行政许可法》第四十三条：下级行政机关应当自受理之日起二十日内审查完毕，初步审查期限不超过 20 个工作日' });
  }
};

/**
 * Service item schemas. The 法定时限 caps are the lengths of the rules in force today in the rule table:
 * approvals.decision (Art. 42 ¶1, 20 WD) and approvals.decision.joint (¶2, 45 WD for 统一/联合/集中办理) — the
 * same rules the ledger runs the decision clock under at 受理. Without them (no approvals module) only the
 * table's own bound (60) applies.
 */
function serviceSchemas(rules: ClockRule[], today: LegalDate) {
  const ordinaryRule = ruleInForce(rules, 'approvals.decision', today);
  const jointRule = ruleInForce(rules, 'approvals.decision.joint', today);
  const specialRule = ruleInForce(rules, 'approvals.decision.special', today);
  const ordinaryMax = ordinaryRule?.length ?? 60;
  const jointMax = jointRule?.length ?? 60;
  const specialMax = specialRule?.length ?? 366;
  const fields = {
    powerId: zUuid,
    orgId: zUuid,
    code: z.string().trim().regex(/^[A-Za-z0-9_.-]{2,40}$/, '事项编码为 2–40 位字母、数字、_ . -'),
    name: z.string().trim().min(2, '请填写事项名称').max(200),
    statutoryDays: z.number().int().min(0, '不能为负').max(specialMax, `不超过 ${specialMax} 日`),
    /** Art. 42 ¶1 "法律、法规另有规定的，依照其规定": the law giving a period other than 20 (or 45) WD, its unit. */
    statutoryUnit: z.enum(['workdays', 'days'], '应为 workdays（工作日）或 days（自然日）').default('workdays'),
    statutoryBasis: z.string().trim().max(500, '最多 500 个字').default('')
      .refine((b) => b === '' || (/《.+》/.test(b) && b.length >= 8), '请写明规定该期限的法律、法规名称（书名号）及条款'),
    preReview: z.boolean().default(false),
    promisedDays: z.number().int().min(0, '不能为负').max(60),
    instant: z.boolean().default(false),
    materials: z.array(zMaterial).max(50),
    baselineMaterials: z.number().int().min(0, '不能为负'),
    fees: z.string().trim().max(500).default('不收费'),
    guide: z.string().trim().max(10000).default(''),
    // 办事指南 elements (issue 11); absent on an update = unchanged (clients written before they existed keep them)
    conditions: z.string().trim().max(2000, '最多 2000 个字').optional().meta({ title: '受理条件' }),
    place: z.string().trim().max(200, '最多 200 个字').optional().meta({ title: '办理地点' }),
    hours: z.string().trim().max(200, '最多 200 个字').optional().meta({ title: '办理时间' }),
    phone: z.string().trim().regex(/^$|^[0-9+\-() ，,、]{5,40}$/, '咨询电话只能包含数字、+、-、括号和分隔符').optional().meta({ title: '咨询电话' }),
    online: z.boolean().default(true),
    jointMode: z.enum(JOINT_MODES, '应为 统一办理、联合办理 或 集中办理').nullable().default(null),
  };
  /**
   * ≤ the ordinary cap (Art. 42 ¶1) or, handled jointly, the joint cap (¶2) unless another law's period is cited; checked even when
   * other fields are bad (every bad field is named).
   */
  const special = '法律、法规另有规定的，请在"法定时限依据"中写明该法律、法规及条款';
  const when = (p: { issues: readonly { path?: readonly PropertyKey[] }[] }) => !p.issues.some((i) => ['statutoryDays', 'jointMode', 'statutoryBasis'].includes(String(i.path?.[0])));
  type Caps = { statutoryDays: number; jointMode: string | null; statutoryBasis: string };
  const ordinaryCap = (v: Caps) => v.statutoryBasis !== '' || v.jointMode !== null || v.statutoryDays <= ordinaryMax;
  const jointCap = (v: Caps) => v.statutoryBasis !== '' || v.jointMode === null || v.statutoryDays <= jointMax;
  const ordinaryMsg = { path: ['statutoryDays'], when, message: `《行政许可法》第四十二条第一款：不超过 ${ordinaryMax} 个工作日（统一、联合、集中办理的事项请先选择办理方式，最长 ${jointMax} 个工作日）；${special}` };
  const jointMsg = { path: ['statutoryDays'], when, message: `《行政许可法》第四十二条第二款：统一、联合、集中办理的不超过 ${jointMax} 个工作日；${special}` };
  return {
    zService: z.object(fields).superRefine(refineService).refine(ordinaryCap, ordinaryMsg).refine(jointCap, jointMsg),
    /** Update: the whole item (same rules as creation) plus its status; `suspended` takes it off the portal and the intake. */
    zServiceUpdate: z.object({ ...fields, status: z.enum(['active', 'suspended'], '状态应为 active（在办）或 suspended（暂停）').default('active') }).superRefine(refineService).refine(ordinaryCap, ordinaryMsg).refine(jointCap, jointMsg),
  };
}

const region = (ctx: Ctx) => ctx.config.defaultRegion;

async function orgPath(ctx: Ctx, orgId: string): Promise<string> {
  const o = await ctx.db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
  if (!o) throw notFound('机构');
  return o.path;
}
/** Propose: the county administrator or a handler of the org. Decide: the administrator or a leader over the org (审改办/编办 on behalf of the government). */
async function assertMay(ctx: Ctx, actor: Actor, orgId: string, what: 'propose' | 'decide') {
  assertCan(actor, what === 'propose' ? 'powers.propose' : 'powers.approve', { orgPaths: [await orgPath(ctx, orgId)] },
    what === 'propose' ? '只有本单位承办人或管理员可以提出调整' : '调整须由管理员或领导审核批准');
}


export async function powersRoutes(api: FastifyInstance, ctx: Ctx) {
  const { zService, zServiceUpdate } = serviceSchemas(ctx.registry.rules, legalDateOf(ctx.clock.now()));
  const app = api.withTypeProvider<ZodTypeProvider>();

  const listItems = async (q: z.infer<typeof ListQuery>, publicOnly: boolean) => {
    let b = ctx.db.selectFrom('powersItems as p').innerJoin('orgs as o', 'o.id', 'p.orgId').where('p.regionCode', '=', region(ctx));
    if (publicOnly) b = b.where('p.status', '=', 'active');
    else if (q.status) b = b.where('p.status', '=', q.status);
    else b = b.where('p.status', '!=', 'abolished');
    if (q.q) b = b.where((w) => w.or([w('p.name', 'like', `%${q.q}%`), w('p.code', 'like', `%${q.q}%`), w('p.basisLaw', 'like', `%${q.q}%`)]));
    if (q.type) b = b.where('p.type', '=', q.type);
    if (q.orgId) b = b.where('p.orgId', '=', q.orgId);
    if (q.level) b = b.where('p.level', '=', q.level);
    const total = (await b.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const rows = await b.select(['p.id', 'p.code', 'p.name', 'p.type', 'p.orgId', 'o.name as orgName', 'p.basisLaw', 'p.basisArticle', 'p.duties', 'p.level', 'p.townshipKind', 'p.status', 'p.delegable', 'p.delegatedOn', 'p.delegatedUntil', 'p.delegatedTo', 'p.version'])
      .orderBy('p.code').limit(q.limit).offset(q.offset).execute();
    return { total, items: rows.map((r) => ({ ...r, delegatedOn: r.delegatedOn ? String(r.delegatedOn) : null, delegatedUntil: r.delegatedUntil ? String(r.delegatedUntil) : null })) };
  };

  app.get('/powers/items', { schema: { tags: ['权责清单'], summary: '权责清单（当前）', querystring: ListQuery } }, async (req) => {
    assertCan(req.actor, 'org.view');
    return listItems(req.query, false);
  });

  app.get('/powers/items/:id', { schema: { tags: ['权责清单'], summary: '权责事项详情与调整历史', params: z.object({ id: zUuid }) } }, async (req) => {
    assertCan(req.actor, 'org.view');
    const item = await ctx.db.selectFrom('powersItems').selectAll().where('id', '=', req.params.id).where('regionCode', '=', region(ctx)).executeTakeFirst();
    if (!item) throw notFound('权责事项');
    const history = await ctx.db.selectFrom('powersAdjustments').selectAll().where('itemId', '=', item.id).orderBy('effectiveOn').orderBy('proposedAt').execute();
    const services = await ctx.db.selectFrom('powersServices').selectAll().where('powerId', '=', item.id).orderBy('code').execute();
    return { item: snapshotOf(item), history: history.map((h) => ({ ...h, effectiveOn: String(h.effectiveOn) })), services };
  });

  app.get('/powers/as-of', { schema: { tags: ['权责清单'], summary: '某日的权责清单', querystring: z.object({ date: zDate }) } }, async (req) => {
    assertCan(req.actor, 'org.view');
    const items = await listAsOf(ctx.db, region(ctx), req.query.date);
    return { date: req.query.date, total: items.length, items };
  });

  app.get('/powers/diff', { schema: { tags: ['权责清单'], summary: '两个日期之间的清单变化', querystring: z.object({ from: zDate, to: zDate }) } }, async (req) => {
    assertCan(req.actor, 'org.view');
    if (req.query.from > req.query.to) throw new AppError('validation_failed', '起始日期应早于截止日期', { errors: [{ path: 'query.from', message: '应不晚于截止日期' }] });
    return diffBetween(ctx.db, region(ctx), req.query.from, req.query.to);
  });

  // 动态调整: thin wrappers around the powers_adjustment workflow (adjustments.ts); the permission checks come first, as before.
  app.get('/powers/adjustments', { schema: { tags: ['权责清单'], summary: '动态调整记录', querystring: z.object({ status: z.enum(['proposed', 'approved', 'rejected']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) } }, async (req) => {
    assertCan(req.actor, 'org.view');
    let q = ctx.db.selectFrom('powersAdjustments as a').leftJoin('cases as c', 'c.id', 'a.caseId').selectAll('a').select('c.number')
      .where('a.regionCode', '=', region(ctx)).where('a.kind', '!=', 'import');
    if (req.query.status) q = q.where('a.status', '=', req.query.status);
    const rows = await q.orderBy('a.proposedAt', 'desc').limit(req.query.limit).execute();
    return rows.map((r) => ({ ...r, effectiveOn: String(r.effectiveOn) }));
  });

  const key = (req: FastifyRequest) => (req.headers['idempotency-key'] as string | undefined) ?? null;
  const caseNumber = async (conn: Conn, caseId: string) => (await conn.selectFrom('cases').select('number').where('id', '=', caseId).executeTakeFirstOrThrow()).number;
  app.post('/powers/adjustments', { schema: { tags: ['权责清单'], summary: '提出动态调整（新增/变更/取消/下放/收回；支持 Idempotency-Key）', body: zAdjustmentBody } }, async (req, reply) => {
    assertCan(req.actor, 'org.view');
    const ch = req.body.change;
    const orgId = ch.kind === 'add' ? ch.item.orgId : (await ctx.db.selectFrom('powersItems').select('orgId').where('id', '=', ch.itemId).executeTakeFirst())?.orgId;
    if (!orgId) throw notFound('权责事项');
    await assertMay(ctx, req.actor, orgId, 'propose');
    const r = await runCommand(ctx, req.actor, key(req), req.body, async (trx) => {
      const caseId = await inputAsBody(() => openCaseInTrx(ctx, trx, ADJUSTMENT_TYPE, req.body, req.actor, key(req)));
      const adj = await trx.selectFrom('powersAdjustments').select('id').where('caseId', '=', caseId).executeTakeFirstOrThrow();
      return { status: 201, body: { id: adj.id, status: 'proposed', caseId, number: await caseNumber(trx, caseId) } };
    });
    return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
  });

  for (const verdict of ['approve', 'reject'] as const) {
    app.post(`/powers/adjustments/:id/${verdict}`, {
      schema: {
        tags: ['权责清单'], summary: `${verdict === 'approve' ? '批准调整（批准即按生效日期计入清单）' : '驳回调整'}（支持 Idempotency-Key）`,
        params: z.object({ id: zUuid }), body: z.object({ note: z.string().trim().min(2, '请填写审核意见').max(1000) }),
      },
    }, async (req, reply) => {
      const adj = await ctx.db.selectFrom('powersAdjustments').select(['orgId', 'regionCode']).where('id', '=', req.params.id).executeTakeFirst();
      if (!adj || adj.regionCode !== region(ctx)) throw notFound('调整记录');
      await assertMay(ctx, req.actor, adj.orgId, 'decide');
      const r = await runCommand(ctx, req.actor, key(req), { id: req.params.id, verdict, ...req.body }, async (trx) => {
        const caseId = await inputAsBody(() => decideAdjustmentInTrx(ctx, trx, req.params.id, verdict, req.body.note, req.actor, key(req)));
        return { status: 200, body: { id: req.params.id, status: verdict === 'approve' ? 'approved' : 'rejected', caseId, number: await caseNumber(trx, caseId) } };
      });
      return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
    });
  }

  app.post('/powers/import', {
    schema: { tags: ['权责清单'], summary: `导入权责清单（XLSX/CSV，列：${XLSX_COLUMNS.join(',')}）；超过 500 行时后台执行，返回任务编号（GET /tasks/:id 查看进度）` },
  }, async (req, reply) => {
    assertCan(req.actor, 'powers.import', {}, '只有管理员可以导入权责清单');
    const file = await req.file();
    if (!file) throw new AppError('validation_failed', '请上传文件', { errors: [{ path: 'body.file', message: '请上传 CSV 或 XLSX 文件' }] });
    const buf = await file.toBuffer();
    let table;
    try { table = await readTable(buf, file.filename); } catch (e) { throw new AppError('unsupported_media_type', (e as Error).message); }
    const missing = XLSX_COLUMNS.filter((c) => c !== '生效日期' && !table.headers.includes(c));
    if (missing.length) throw new AppError('validation_failed', `缺少列：${missing.join('、')}`, { errors: missing.map((m) => ({ path: `body.file.${m}`, message: '缺少该列' })) });
    if (table.rows.length <= 500) return importItems(ctx, table.rows, req.actor, region(ctx));
    const t = startTask('powers-import', req.actor.userId, (progress) => importItems(ctx, table.rows, req.actor, region(ctx), progress));
    return reply.status(202).send({ taskId: t.id, total: table.rows.length });
  });

  app.get('/powers/export.xlsx', { schema: { tags: ['权责清单'], summary: '导出权责清单（与导入相同的列）', querystring: z.object({ asOf: zDate.optional() }) } }, async (req, reply) => {
    assertCan(req.actor, 'org.view');
    const rows = await exportRows(ctx.db, region(ctx), req.query.asOf ?? null);
    await ctx.db.transaction().execute((trx) => appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'powers.export', targetType: 'region', targetId: region(ctx), detail: { rows: rows.length, asOf: req.query.asOf ?? null } }, ctx.clock.now(), region(ctx)));
    return sendXlsx(reply, `权责清单${req.query.asOf ?? legalDateOf(ctx.clock.now())}`, XLSX_COLUMNS.map((c) => ({ key: c, label: c })), rows);
  });

  // ─────────── service items (政务服务事项 / 办事指南) ───────────
  const serviceList = async (q: { q?: string; orgId?: string; powerId?: string; activeOnly: boolean }) => {
    let b = ctx.db.selectFrom('powersServices as s').innerJoin('powersItems as p', 'p.id', 's.powerId').innerJoin('orgs as o', 'o.id', 's.orgId')
      .where('s.regionCode', '=', region(ctx));
    if (q.activeOnly) b = b.where('s.status', '=', 'active').where('p.status', '=', 'active');
    if (q.q) b = b.where((w) => w.or([w('s.name', 'like', `%${q.q}%`), w('s.code', 'like', `%${q.q}%`)]));
    if (q.orgId) b = b.where('s.orgId', '=', q.orgId);
    if (q.powerId) b = b.where('s.powerId', '=', q.powerId);
    return b.select(['s.id', 's.code', 's.name', 's.powerId', 'p.code as powerCode', 'p.name as powerName', 'p.type as powerType', 'p.basisLaw', 'p.basisArticle', 's.orgId', 'o.name as orgName',
      's.statutoryDays', 's.statutoryUnit', 's.statutoryBasis', 's.preReview', 's.promisedDays', 's.instant', 's.materials', 's.baselineMaterials', 's.fees', 's.guide', 's.conditions', 's.place', 's.hours', 's.phone',
      's.online', 's.status', 's.jointMode']).orderBy('s.code').execute().then((rows) => withMaterialFiles(ctx.db, rows));
  };

  app.get('/powers/services', { schema: { tags: ['政务服务事项'], summary: '政务服务事项', querystring: z.object({ q: z.string().trim().max(100).optional(), orgId: zUuid.optional(), powerId: zUuid.optional() }) } }, async (req) => {
    assertCan(req.actor, 'org.view');
    return serviceList({ ...req.query, activeOnly: false });
  });

  app.post('/powers/services', { schema: { tags: ['政务服务事项'], summary: '新增政务服务事项（须由清单内的职权派生）', body: zService } }, async (req, reply) => {
    await assertMay(ctx, req.actor, req.body.orgId, 'propose');
    const b = req.body;
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, b, async (trx) => {
      const power = await trx.selectFrom('powersItems').select(['id', 'status']).where('id', '=', b.powerId).where('regionCode', '=', region(ctx)).executeTakeFirst();
      const errors: { path: string; message: string }[] = [];
      if (!power || power.status !== 'active') errors.push({ path: 'body.powerId', message: '清单之外无审批：所选职权不在现行权责清单中' });
      if (await trx.selectFrom('powersServices').select('id').where('regionCode', '=', region(ctx)).where('code', '=', b.code).executeTakeFirst()) errors.push({ path: 'body.code', message: '事项编码已存在' });
      errors.push(...await checkMaterialFiles(trx, region(ctx), b.materials));
      if (errors.length) throw new AppError('validation_failed', errors[0].message, { errors });
      const row = await trx.insertInto('powersServices').values({ ...b, regionCode: region(ctx), materials: JSON.stringify(b.materials), updatedAt: ctx.clock.now() }).returning('id').executeTakeFirstOrThrow();
      await recordServiceVersionInTrx(trx, row.id, 'create', req.actor, ctx.clock.now());
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'powers.service.create', targetType: 'powers_service', targetId: row.id, detail: { code: b.code } }, ctx.clock.now(), region(ctx));
      return { status: 201, body: { id: row.id } };
    });
    return reply.status(r.status).send(r.body);
  });

  app.put('/powers/services/:id', {
    schema: { tags: ['政务服务事项'], summary: '修改政务服务事项（承诺时限不超过法定时限；须由清单内的职权派生）', params: z.object({ id: zUuid }), body: zServiceUpdate },
  }, async (req, reply) => {
    const cur = await ctx.db.selectFrom('powersServices').selectAll().where('id', '=', req.params.id).where('regionCode', '=', region(ctx)).executeTakeFirst();
    if (!cur) throw notFound('事项');
    // Admin, or a handler of the org now handling it (and of the org it is moved to).
    await assertMay(ctx, req.actor, cur.orgId, 'propose');
    const b = req.body;
    if (b.orgId !== cur.orgId) await assertMay(ctx, req.actor, b.orgId, 'propose');
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, { id: req.params.id, ...b }, async (trx) => {
      const errors: { path: string; message: string }[] = [];
      const power = await trx.selectFrom('powersItems').select(['id', 'status']).where('id', '=', b.powerId).where('regionCode', '=', region(ctx)).executeTakeFirst();
      // 清单之外无审批: an item in service must derive from a power in force; a suspended one may keep its old power.
      if (b.status === 'active' && (!power || power.status !== 'active')) errors.push({ path: 'body.powerId', message: '清单之外无审批：所选职权不在现行权责清单中' });
      if (!power && b.status !== 'active') errors.push({ path: 'body.powerId', message: '职权不存在' });
      if (!(await trx.selectFrom('orgs').select('id').where('id', '=', b.orgId).executeTakeFirst())) errors.push({ path: 'body.orgId', message: '机构不存在' });
      if (b.code !== cur.code && await trx.selectFrom('powersServices').select('id').where('regionCode', '=', region(ctx)).where('code', '=', b.code).where('id', '!=', cur.id).executeTakeFirst()) errors.push({ path: 'body.code', message: '事项编码已存在' });
      errors.push(...await checkMaterialFiles(trx, region(ctx), b.materials));
      if (errors.length) throw new AppError('validation_failed', errors[0].message, { errors });
      const locked = await trx.selectFrom('powersServices').select('updatedAt').where('id', '=', cur.id).forUpdate().executeTakeFirstOrThrow();
      if (new Date(locked.updatedAt).getTime() !== new Date(cur.updatedAt).getTime()) throw new AppError('conflict', '该事项刚被他人修改，请刷新后重试');
      const before = cur as unknown as Record<string, unknown>;
      const changed = (Object.keys(b) as (keyof typeof b)[]).filter((k) => b[k] !== undefined && JSON.stringify(b[k]) !== JSON.stringify(before[k]));
      await trx.updateTable('powersServices').set({ ...b, materials: JSON.stringify(b.materials), updatedAt: ctx.clock.now() }).where('id', '=', cur.id).execute();
      await recordServiceVersionInTrx(trx, cur.id, 'update', req.actor, ctx.clock.now());
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, {
        action: 'powers.service.update', targetType: 'powers_service', targetId: cur.id,
        detail: { code: b.code, changed: Object.fromEntries(changed.map((k) => [k, { from: before[k] ?? null, to: b[k] }])) },
      }, ctx.clock.now(), region(ctx));
      return { status: 200, body: { id: cur.id, changed } };
    });
    return reply.status(r.status).send(r.body);
  });

  // ─────────── public catalogue (portal) ───────────
  const pub = { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } };
  app.get('/public/powers', { config: pub, schema: { tags: ['公众'], summary: '公开的权责清单（检索、筛选）', querystring: ListQuery.omit({ status: true }) } }, async (req) => {
    const r = await listItems({ ...req.query, status: undefined }, true);
    return { total: r.total, items: r.items.map(({ delegatedTo, version: _v, orgId: _o, ...rest }) => ({ ...rest, delegatedToCount: delegatedTo.length })) };
  });
  app.get('/public/services', { config: pub, schema: { tags: ['公众'], summary: '办事指南列表', querystring: z.object({ q: z.string().trim().max(100).optional(), orgId: zUuid.optional() }) } }, async (req) =>
    serviceList({ ...req.query, activeOnly: true }));
  app.get('/public/services/:id', { config: pub, schema: { tags: ['公众'], summary: '办事指南', params: z.object({ id: zUuid }) } }, async (req) => {
    const s = (await serviceList({ activeOnly: true })).find((x) => x.id === req.params.id);
    if (!s) throw notFound('事项');
    return s;
  });
  await serviceFileRoutes(api, ctx);
}
