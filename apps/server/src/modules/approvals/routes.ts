import { z } from 'zod';
import { sql } from 'kysely';
import { legalDateOf } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { Conn, Tx } from '../../platform/db/client.ts';
import { assertCan, type Actor } from '../../platform/authz.ts';
import { requireDesignated } from '../../platform/orgs/designations.ts';
import { AppError, notFound } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { appendAuditInTrx, sealCaseInTrx } from '../../platform/audit/chain.ts';
import { openCaseInTrx } from '../../platform/cases/engine.ts';
import { approvalWorkflow } from './workflow.ts';
import { zUuid } from '../../platform/http/validation.ts';
import { servicesByIds, servicesOfRegion } from '../powers/catalogue.ts';

const ScenarioBody = z.object({
  name: z.string().trim().min(2, '请填写情景名称').max(100),
  description: z.string().trim().max(2000).default(''),
  serviceIds: z.array(zUuid).min(2, '情景式服务至少包含 2 个事项').max(30),
});
const ApplyBody = z.object({
  channel: z.enum(['window', 'online'], '应为 window 或 online').default('window'),
  applicantKind: z.enum(['person', 'organisation']).default('person'),
  applicantName: z.string().trim().min(2, '请填写申请人姓名或名称').max(100),
  applicantPhone: z.string().trim().regex(/^1\d{10}$/, '请填写 11 位手机号'),
  applicantIdNo: z.string().trim().regex(/^[0-9A-Z]{15,18}$/, '证件号码格式不正确').optional(),
  materials: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  form: z.record(z.string(), z.string().max(2000)).default({}),
});

const region = (ctx: Ctx) => ctx.config.defaultRegion;

/** Union of the services' materials, each named once (one set of materials for the whole scenario). */
async function scenarioMaterials(trx: Tx, serviceIds: string[]) {
  const rows = await servicesByIds(trx, serviceIds);
  const seen = new Map<string, { name: string; required: boolean }>();
  for (const r of rows) for (const m of r.materials) seen.set(m.name, { name: m.name, required: (seen.get(m.name)?.required ?? false) || m.required });
  return { rows, materials: [...seen.values()] };
}

const STATE_LABEL = approvalWorkflow.states as Record<string, { label: string; terminal?: boolean }>;

/** One combined status for the applicant of a 情景式 application. */
export async function bundleStatus(conn: Conn, bundleId: string) {
  const parts = await conn.selectFrom('approvalsApplications as a').innerJoin('cases as c', 'c.id', 'a.caseId')
    .select(['c.number', 'a.itemName', 'a.state', 'a.decision', 'a.trips']).where('a.bundleId', '=', bundleId).orderBy('c.number').execute();
  const states = parts.map((p) => p.state);
  const combined = states.length === 0 ? '无办件'
    : states.every((s) => STATE_LABEL[s]?.terminal) ? (states.every((s) => s === 'completed') ? '已全部办结' : '已办结（部分未获准予）')
      : states.includes('correcting') ? '待补正材料'
        : states.some((s) => s === 'approved' || STATE_LABEL[s]?.terminal) ? '部分办结，其余办理中' : '并联办理中';
  return { combined, parts: parts.map((p) => ({ ...p, stateLabel: STATE_LABEL[p.state]?.label ?? p.state })) };
}

export async function applyScenarioInTrx(ctx: Ctx, trx: Tx, actor: Actor, scenarioId: string, body: z.infer<typeof ApplyBody>, key: string | null) {
  const sc = await trx.selectFrom('approvalsScenarios').selectAll().where('id', '=', scenarioId).where('regionCode', '=', region(ctx)).executeTakeFirst();
  if (!sc || sc.status !== 'active') throw notFound('情景式服务');
  const channel = actor.kind === 'public' ? 'online' : body.channel;
  const now = ctx.clock.now();
  const year = legalDateOf(now).slice(0, 4);
  const n = (await trx.selectFrom('approvalsBundles').select(sql<number>`count(*)::int`.as('n')).where('regionCode', '=', region(ctx)).where('number', 'like', `QJ-${year}-%`).executeTakeFirstOrThrow()).n;
  const number = `QJ-${year}-${String(n + 1).padStart(6, '0')}`;
  const b = await trx.insertInto('approvalsBundles').values({ regionCode: region(ctx), orgId: sc.orgId, scenarioId: sc.id, number, channel, createdAt: now }).returning('id').executeTakeFirstOrThrow();
  const { rows } = await scenarioMaterials(trx, sc.serviceIds);
  const caseIds: string[] = [];
  for (const sid of sc.serviceIds) {
    const svc = rows.find((r) => r.id === sid);
    const own = new Set((svc?.materials ?? []).map((m) => m.name));
    caseIds.push(await openCaseInTrx(ctx, trx, 'approval', {
      serviceId: sid, channel, applicantKind: body.applicantKind, applicantName: body.applicantName, applicantPhone: body.applicantPhone,
      applicantIdNo: body.applicantIdNo, materials: body.materials.filter((m) => own.has(m)), form: body.form, bundleId: b.id,
    }, actor, key ? `${key}:${sid}` : null));
  }
  // One trip for the whole scenario: the fan-out cases after the first do not count the visit again.
  if (channel === 'window' && caseIds.length > 1) {
    await trx.updateTable('approvalsApplications').set({ trips: 0 }).where('caseId', 'in', caseIds.slice(1)).execute();
    for (const id of caseIds.slice(1)) {
      await trx.updateTable('cases').set({ data: sql`jsonb_set(data, '{trips}', '0'::jsonb)` }).where('id', '=', id).execute();
      await sealCaseInTrx(trx, id); // a case row changed outside the engine is sealed again (tamper evidence)
    }
  }
  await appendAuditInTrx(trx, { id: actor.userId, name: actor.name, ip: actor.ip }, { action: 'approvals.bundle.apply', targetType: 'approvals_bundle', targetId: b.id, detail: { number, scenario: sc.name, cases: caseIds.length } }, now, region(ctx));
  return { id: b.id, number, trackingCode: ctx.crypto.trackingCode(b.id), cases: caseIds.length, ...(await bundleStatus(trx, b.id)) };
}

/**
 * A 情景式 receipt (QJ-…) tracked by its number and the receipt's code or the applicant's phone: the combined status,
 * never personal data. Null when the number or the factor does not fit (the caller answers 404 either way).
 */
export async function trackBundle(ctx: Ctx, conn: Conn, number: string, regionCode: string, f: { code?: string; phone?: string }) {
  const b = await conn.selectFrom('approvalsBundles as b').innerJoin('approvalsScenarios as s', 's.id', 'b.scenarioId').select(['b.id', 'b.number', 's.name', 'b.createdAt'])
    .where('b.regionCode', '=', regionCode).where('b.number', '=', number.trim().toUpperCase()).executeTakeFirst();
  if (!b) return null;
  let ok = !!f.code && f.code.trim().toUpperCase() === ctx.crypto.trackingCode(b.id);
  if (!ok && f.phone) {
    const idx = ctx.crypto.blindIndex(f.phone);
    ok = !!(await conn.selectFrom('approvalsApplications as a').innerJoin('caseParties as p', 'p.caseId', 'a.caseId').select('a.caseId')
      .where('a.bundleId', '=', b.id).where('p.phoneIndex', '=', idx).executeTakeFirst());
  }
  if (!ok) return null;
  return { number: b.number, type: 'approval_bundle', typeLabel: '情景式服务', title: b.name, scenario: b.name, createdAt: b.createdAt, ...(await bundleStatus(conn, b.id)) };
}

export async function approvalsRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const pub = { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } };

  const scenarios = async (activeOnly: boolean) => {
    let q = ctx.db.selectFrom('approvalsScenarios').selectAll().where('regionCode', '=', region(ctx));
    if (activeOnly) q = q.where('status', '=', 'active');
    const rows = await q.orderBy('name').execute();
    const services = (await servicesOfRegion(ctx.db, region(ctx))).map(({ materials: _m, ...rest }) => rest);
    return rows.map((r) => ({ ...r, services: r.serviceIds.map((id) => services.find((s) => s.id === id)).filter(Boolean) }));
  };

  app.get('/approvals/scenarios', { schema: { tags: ['行政审批'], summary: '情景式服务列表' } }, async (req) => { assertCan(req.actor, 'org.view'); return scenarios(false); });
  app.get('/public/scenarios', { config: pub, schema: { tags: ['公众'], summary: '情景式服务（一件事一次办）' } }, async () => scenarios(true));

  app.post('/approvals/scenarios', { schema: { tags: ['行政审批'], summary: '新建情景式服务（材料由所含事项合并去重）', body: ScenarioBody } }, async (req, reply) => {
    const owner = await requireDesignated(ctx, ctx.db, region(ctx), 'service_centre', legalDateOf(ctx.clock.now()));
    assertCan(req.actor, 'approvals.scenario.manage', { orgPaths: [owner.path] }, '只有政务服务中心的管理员或窗口人员可以配置情景式服务');
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx) => {
      const ids = [...new Set(req.body.serviceIds)];
      const { rows, materials } = await scenarioMaterials(trx, ids);
      const errors: { path: string; message: string }[] = [];
      ids.forEach((id, i) => { const s = rows.find((x) => x.id === id); if (!s || s.status !== 'active') errors.push({ path: `body.serviceIds.${i}`, message: '事项不存在或已停用' }); });
      if (await trx.selectFrom('approvalsScenarios').select('id').where('regionCode', '=', region(ctx)).where('name', '=', req.body.name).executeTakeFirst()) errors.push({ path: 'body.name', message: '同名情景已存在' });
      if (errors.length) throw new AppError('validation_failed', errors[0].message, { errors });
      const row = await trx.insertInto('approvalsScenarios').values({
        regionCode: region(ctx), orgId: owner.id, name: req.body.name, description: req.body.description, serviceIds: JSON.stringify(ids), materials: JSON.stringify(materials), updatedAt: ctx.clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'approvals.scenario.create', targetType: 'approvals_scenario', targetId: row.id, detail: { name: req.body.name, services: ids.length } }, ctx.clock.now(), region(ctx));
      return { status: 201, body: { id: row.id, materials } };
    });
    return reply.status(r.status).send(r.body);
  });

  const applyHandler = async (actor: Actor, id: string, body: z.infer<typeof ApplyBody>, key: string | undefined) =>
    runCommand(ctx, actor, key, { id, body }, async (trx) => ({ status: 201, body: await applyScenarioInTrx(ctx, trx, actor, id, body, key ?? null) }));

  app.post('/approvals/scenarios/:id/apply', { schema: { tags: ['行政审批'], summary: '窗口受理情景式申请（一表申请，分送各事项并联办理）', params: z.object({ id: zUuid }), body: ApplyBody } }, async (req, reply) => {
    assertCan(req.actor, 'approvals.intake');
    const r = await applyHandler(req.actor, req.params.id, req.body, req.headers['idempotency-key'] as string | undefined);
    return reply.status(r.status).send(r.body);
  });
  app.post('/public/scenarios/:id/apply', { config: pub, schema: { tags: ['公众'], summary: '网上提交情景式申请', params: z.object({ id: zUuid }), body: ApplyBody } }, async (req, reply) => {
    const r = await applyHandler({ ...req.actor, name: '公众（网上提交）' }, req.params.id, req.body, req.headers['idempotency-key'] as string | undefined);
    return reply.status(r.status).send(r.body);
  });
  app.get('/public/bundles/:number', {
    config: pub,
    schema: {
      tags: ['公众'], summary: '情景式办件合并进度（凭编号和回执上的查询码；凭联系电话用 POST /public/track）',
      params: z.object({ number: z.string().trim().regex(/^QJ-\d{4}-\d{6}$/, '编号格式应为 QJ-年份-6 位序号') }),
      querystring: z.object({ code: z.string().trim().regex(/^[A-Za-z0-9]{8}$/, '查询码为回执上的 8 位字母数字') }),
    },
  }, async (req) => {
    const r = await trackBundle(ctx, ctx.db, req.params.number, region(ctx), { code: req.query.code });
    if (!r) throw notFound('情景式办件（编号与查询码不符）');
    return r;
  });

  app.get('/approvals/applications', {
    schema: { tags: ['行政审批'], summary: '办件队列（按状态、事项、机构）', querystring: z.object({ state: z.string().max(30).optional(), itemCode: z.string().max(40).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  }, async (req) => {
    assertCan(req.actor, 'case.view');
    const paths = req.actor.grants.map((g) => g.orgPath);
    let q = ctx.db.selectFrom('approvalsApplications as a').innerJoin('cases as c', 'c.id', 'a.caseId').innerJoin('orgs as o', 'o.id', 'a.orgId')
      .select(['a.caseId', 'c.number', 'c.title', 'a.itemCode', 'a.itemName', 'o.name as orgName', 'a.channel', 'a.instant', 'a.state', 'a.trips', 'a.corrections', 'a.decision', 'a.receivedAt', 'c.dueAt', 'c.warningLevel'])
      .where('a.regionCode', '=', region(ctx))
      .where((w) => w.exists(w.selectFrom('caseOrgs as co').innerJoin('orgs as o2', 'o2.id', 'co.orgId').select('co.caseId').whereRef('co.caseId', '=', 'a.caseId').where('co.until', 'is', null)
        .where((w2) => w2.or(paths.map((p) => w2('o2.path', 'like', `${p}%`))))));
    if (paths.length === 0) return [];
    if (req.query.state) q = q.where('a.state', '=', req.query.state);
    if (req.query.itemCode) q = q.where('a.itemCode', '=', req.query.itemCode);
    return q.orderBy(sql`c.due_at nulls last`).orderBy('a.receivedAt', 'desc').limit(req.query.limit).execute();
  });
}
