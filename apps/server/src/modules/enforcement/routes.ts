import { z } from 'zod';
import { sql } from 'kysely';
import { legalDateOf } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { assertCan, type Actor } from '../../platform/authz.ts';
import { AppError, notFound } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { readTable } from '../../platform/io/tabular.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { zDate, zUuid, zodIssuesToFieldErrors } from '../../platform/http/validation.ts';
import { queryTokens } from '../../platform/publication/tokens.ts';
import { publishedBy } from '../../platform/publication/publication.ts';
import { FIELDS } from './workflow.ts';
import { supervisionView } from './supervision.ts';
import { openCaseInTrx } from '../../platform/cases/engine.ts';
import { activeItemOn, itemLabels } from '../powers/store.ts';

const region = (ctx: Ctx) => ctx.config.defaultRegion;

export const zOfficer = z.object({
  orgId: zUuid,
  certNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,30}$/, '执法证号为 6–30 位字母、数字或 -'),
  name: z.string().trim().min(2, '请填写姓名').max(50, '最多 50 个字'),
  fields: z.array(z.enum(FIELDS, '不支持的执法领域')).min(1, '请选择至少一个执法领域'),
  category: z.string().trim().min(2, '请填写执法类别').max(50).default('行政执法'),
  issuedOn: zDate,
  expiresOn: zDate,
  status: z.enum(['有效', '暂扣', '注销'], '状态应为 有效、暂扣 或 注销').default('有效'),
  trainingHours: z.number().int('应为整数').min(0, '不能为负').max(1000).default(0),
}).superRefine((v, c) => {
  if (v.expiresOn < v.issuedOn) c.addIssue({ code: 'custom', path: ['expiresOn'], message: '有效期截止日期不能早于发证日期' });
});
export type OfficerInput = z.infer<typeof zOfficer>;

/** XLSX/CSV import columns. */
export const OFFICER_COLUMNS = ['执法证号', '姓名', '所属机关编码', '执法领域', '执法类别', '发证日期', '有效期至', '状态', '年度培训学时'] as const;

async function insertOfficer(trx: Tx, ctx: Ctx, actor: Actor, o: OfficerInput) {
  const row = await trx.insertInto('enforcementOfficers').values({ ...o, regionCode: region(ctx), updatedAt: ctx.clock.now() })
    .onConflict((oc) => oc.columns(['regionCode', 'certNo']).doNothing()).returning('id').executeTakeFirst();
  if (!row) return null;
  await appendAuditInTrx(trx, { id: actor.userId, name: actor.name, ip: actor.ip }, { action: 'enforcement.officer.create',
    targetType: 'enforcement_officer', targetId: row.id,
    detail: { certNo: o.certNo } }, ctx.clock.now(), region(ctx));
  return row.id;
}

async function orgPathOf(ctx: Ctx, orgId: string) {
  const o = await ctx.db.selectFrom('orgs').select('path').where('id', '=', orgId).where('regionCode', '=', region(ctx)).executeTakeFirst();
  if (!o) throw new AppError('validation_failed', '机构不存在', { errors: [{ path: 'body.orgId', message: '机构不存在' }] });
  return o.path;
}

export async function enforcementRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get('/enforcement/officers', {
    schema: { tags: ['行政执法'], summary: '执法人员及执法证件', querystring: z.object({ orgId: zUuid.optional(), q: z.string().trim().max(50).optional() }) },
  }, async (req) => {
    assertCan(req.actor, 'org.view');
    const today = legalDateOf(ctx.clock.now());
    let b = ctx.db.selectFrom('enforcementOfficers as e').innerJoin('orgs as o', 'o.id', 'e.orgId').where('e.regionCode', '=', region(ctx));
    if (req.query.orgId) b = b.where('e.orgId', '=', req.query.orgId);
    if (req.query.q) b = b.where((w) => w.or([w('e.name', 'like', `%${req.query.q}%`), w('e.certNo', 'like', `%${req.query.q}%`)]));
    const rows = await b.select(['e.id', 'e.certNo', 'e.name', 'e.orgId', 'o.name as orgName', 'e.fields', 'e.category', 'e.status', 'e.trainingHours',
      sql<string>`e.issued_on::text`.as('issuedOn'), sql<string>`e.expires_on::text`.as('expiresOn'),
      sql<boolean>`e.status = '有效' and e.issued_on <= ${today}::date and e.expires_on >= ${today}::date`.as('valid')])
      .orderBy('e.certNo').limit(2000).execute();
    return { total: rows.length, items: rows };
  });

  app.post('/enforcement/officers', { schema: { tags: ['行政执法'], summary: '登记执法人员及执法证件（支持 Idempotency-Key）', body: zOfficer } }, async (req, reply) => {
    assertCan(req.actor, 'enforcement.officers.manage', { orgPaths: [await orgPathOf(ctx, req.body.orgId)] }, '只有本机关承办人或管理员可以登记执法人员');
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx) => {
      const id = await insertOfficer(trx, ctx, req.actor, req.body);
      if (!id) throw new AppError('validation_failed', '执法证号已登记', { errors: [{ path: 'body.certNo', message: '执法证号已登记' }] });
      return { status: 201, body: { id } };
    });
    return reply.status(r.status).send(r.body);
  });

  app.post('/enforcement/officers/import', { schema: { tags: ['行政执法'], summary: `导入执法人员（XLSX/CSV，列：${OFFICER_COLUMNS.join(',')}）；逐行报告被拒的行` } }, async (req) => {
    assertCan(req.actor, 'enforcement.officers.manage', {}, '只有管理员可以导入执法人员');
    const file = await req.file();
    if (!file) throw new AppError('validation_failed', '请上传文件', { errors: [{ path: 'body.file', message: '请上传 CSV 或 XLSX 文件' }] });
    const buf = await file.toBuffer();
    let table;
    try { table = await readTable(buf, file.filename); } catch (e) { throw new AppError('unsupported_media_type', (e as Error).message); }
    const missing = OFFICER_COLUMNS.filter((c) => !table.headers.includes(c));
    if (missing.length) throw new AppError('validation_failed', `缺少列：${missing.join('、')}`, { errors: missing.map((m) => ({ path: `body.file.${m}`,
      message: '缺少该列' })) });
    const orgs = new Map((await ctx.db.selectFrom('orgs').select(['id', 'code']).where('regionCode', '=', region(ctx)).execute()).map((o) => [o.code, o.id]));
    const rejected: { row: number; errors: { column: string; message: string }[] }[] = [];
    let imported = 0;
    await ctx.db.transaction().execute(async (trx) => {
      for (const { row, values: v } of table.rows) {
        const orgId = orgs.get(v['所属机关编码']);
        const parsed = zOfficer.safeParse({
          orgId: orgId ?? '', certNo: v['执法证号'], name: v['姓名'], fields: (v['执法领域'] ?? '').split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean),
          category: v['执法类别'] || '行政执法', issuedOn: v['发证日期'], expiresOn: v['有效期至'], status: v['状态'] || '有效',
          trainingHours: v['年度培训学时'] ? Number(v['年度培训学时']) : 0,
        });
        const col: Record<string, string> = { orgId: '所属机关编码', certNo: '执法证号', name: '姓名', fields: '执法领域', category: '执法类别', issuedOn: '发证日期',
          expiresOn: '有效期至', status: '状态', trainingHours: '年度培训学时' };
        if (!orgId) { rejected.push({ row, errors: [{ column: '所属机关编码', message: '机构编码不存在' }] }); continue; }
        if (!parsed.success) {
          rejected.push({ row, errors: zodIssuesToFieldErrors(parsed.error.issues, '').map((e) => ({ column: col[e.path.replace(/^\.?/,
            '').split('.')[0]] ?? e.path, message: e.message })) });
          continue;
        }
        if (!(await insertOfficer(trx, ctx, req.actor, parsed.data))) { rejected.push({ row, errors: [{ column: '执法证号', message: '执法证号已登记' }] }); continue; }
        imported++;
      }
    });
    return { total: table.rows.length, imported, rejected };
  });

  // ─────────── 裁量基准 (per 行政处罚 item, per 情形; dated; published) ───────────
  const zDiscretion = z.object({
    powerId: zUuid, circumstance: z.enum(['轻微', '一般', '较重', '严重'], '应为 轻微、一般、较重 或 严重'),
    description: z.string().trim().min(4, '请描述违法情形').max(1000), minFine: z.number().min(0, '不能为负'), maxFine: z.number().min(0, '不能为负'),
    basis: z.string().trim().min(4, '请写明依据').max(500), version: z.string().trim().min(2, '请填写版本（如 2026版）').max(50), effectiveFrom: zDate,
  }).superRefine((v, c) => { if (v.maxFine < v.minFine) c.addIssue({ code: 'custom', path: ['maxFine'], message: '上限不能低于下限' }); });
  const listDiscretion = async (powerId?: string) => {
    let b = ctx.db.selectFrom('enforcementDiscretion as d').where('d.regionCode', '=', region(ctx));
    if (powerId) b = b.where('d.powerId', '=', powerId);
    const rows = await b.select(['d.id', 'd.powerId', 'd.circumstance', 'd.description', 'd.minFine', 'd.maxFine', 'd.basis', 'd.version',
      sql<string>`d.effective_from::text`.as('effectiveFrom')]).orderBy('d.effectiveFrom').execute();
    const labels = await itemLabels(ctx.db, rows.map((r) => r.powerId));
    return rows.map((r) => ({ ...r, powerCode: labels.get(r.powerId)?.code ?? '', powerName: labels.get(r.powerId)?.name ?? '' }))
      .sort((a, b) => a.powerCode.localeCompare(b.powerCode));
  };
  app.get('/enforcement/discretion', { schema: { tags: ['行政执法'], summary: '裁量基准', querystring: z.object({ powerId: zUuid.optional() }) } }, async (req) => {
    assertCan(req.actor, 'org.view');
    return listDiscretion(req.query.powerId);
  });
  app.post('/enforcement/discretion', { schema: { tags: ['行政执法'], summary: '发布裁量基准（支持 Idempotency-Key）', body: zDiscretion } }, async (req, reply) => {
    const power = await activeItemOn(ctx.db, region(ctx), req.body.powerId, legalDateOf(ctx.clock.now()), ['行政处罚']);
    if (!power) {
      throw new AppError('validation_failed', '裁量基准只能针对权责清单中现行的行政处罚事项', { errors: [{ path: 'body.powerId', message: '不是现行的行政处罚事项' }] });
    }
    assertCan(req.actor, 'enforcement.officers.manage', { orgPaths: [await orgPathOf(ctx, power.orgId)] }, '只有本机关承办人或管理员可以发布裁量基准');
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx) => {
      const row = await trx.insertInto('enforcementDiscretion').values({ ...req.body, regionCode: region(ctx), updatedAt: ctx.clock.now() })
        .onConflict((oc) => oc.constraint('enforcement_discretion_unique').doNothing()).returning('id').executeTakeFirst();
      if (!row) throw new AppError('validation_failed', '该事项该情形在该日期已有基准', { errors: [{ path: 'body.effectiveFrom', message: '该日期已有基准' }] });
      return { status: 201, body: { id: row.id } };
    });
    return reply.status(r.status).send(r.body);
  });

  // ─────────── 培训和考试 (sessions, attendees by 执法证号, exam scores) ───────────
  const zTraining = z.object({
    orgId: zUuid, title: z.string().trim().min(4, '请填写培训或考试名称').max(200, '最多 200 个字'),
    kind: z.enum(['培训', '考试', '培训考试'], '应为 培训、考试 或 培训考试'), heldOn: zDate, hours: z.number().int('应为整数').min(0, '不能为负').max(200).default(0),
    attendees: z.array(z.object({ certNo: z.string().trim().min(2, '请填写执法证号'), score: z.number().min(0, '0–100').max(100, '0–100').optional() }))
      .min(1, '请至少填写一名参加人员').max(2000),
  });
  app.post('/enforcement/trainings', { schema: { tags: ['行政执法'], summary: '登记培训、考试及参加人员（支持 Idempotency-Key）', body: zTraining } },
    async (req, reply) => {
      assertCan(req.actor, 'enforcement.officers.manage', { orgPaths: [await orgPathOf(ctx, req.body.orgId)] }, '只有本机关承办人或管理员可以登记培训考试');
      const nos = req.body.attendees.map((a) => a.certNo);
      const found = new Map((await ctx.db.selectFrom('enforcementOfficers').select(['id', 'certNo']).where('regionCode', '=', region(ctx))
        .where('certNo', 'in', nos).execute()).map((o) => [o.certNo, o.id]));
      const errors = nos.flatMap((no, i) => (found.has(no) ? [] : [{ path: `body.attendees.${i}.certNo`, message: `执法证 ${no} 未登记` }]));
      if (new Set(nos).size !== nos.length) errors.push({ path: 'body.attendees', message: '参加人员不得重复' });
      if (errors.length) throw new AppError('validation_failed', errors.map((e) => e.message).join('；'), { errors });
      const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx) => {
        const now = ctx.clock.now();
        const { attendees, ...t } = req.body;
        const row = await trx.insertInto('enforcementTrainings').values({ ...t, regionCode: region(ctx), updatedAt: now }).returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('enforcementTrainingAttendees').values(attendees.map((a) => ({ trainingId: row.id, officerId: found.get(a.certNo)!,
          score: a.score ?? null }))).execute();
        await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'enforcement.training.create',
          targetType: 'enforcement_training', targetId: row.id, detail: { attendees: attendees.length } }, now, region(ctx));
        return { status: 201, body: { id: row.id } };
      });
      return reply.status(r.status).send(r.body);
    });
  app.get('/enforcement/trainings', { schema: { tags: ['行政执法'], summary: '培训、考试场次及参加人数' } }, async (req) => {
    assertCan(req.actor, 'org.view');
    return ctx.db.selectFrom('enforcementTrainings as t').innerJoin('orgs as o', 'o.id', 't.orgId')
      .select(['t.id', 't.title', 't.kind', 't.hours', 'o.name as orgName', sql<string>`t.held_on::text`.as('heldOn'),
        sql<number>`(select count(*)::int from enforcement_training_attendees a where a.training_id = t.id)`.as('attendees')])
      .where('t.regionCode', '=', region(ctx)).orderBy('t.heldOn', 'desc').limit(500).execute();
  });

  // ─────────── 执法监督: every penalty case of the county, read-only, with its problems ───────────
  app.get('/enforcement/supervision', {
    schema: { tags: ['行政执法'], summary: '行政执法监督：全县行政处罚案件及发现的问题（公示逾期、超过九十日、未经法制审核、证件无效）', querystring: z.object({
      flagged: z.enum(['true', 'false'], '应为 true 或 false').optional(), limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0) }) },
  }, async (req) => {
    assertCan(req.actor, 'enforcement.supervise');
    const q = req.query;
    return supervisionView(ctx.readDb, region(ctx), ctx.clock.now(), { flagged: q.flagged === 'true', limit: q.limit, offset: q.offset });
  });

  // 监督意见 / 整改通知: opened by the 司法局's 监督人员 (who do not register cases in general: not POST /cases)
  app.post('/enforcement/supervision/notices', {
    schema: { tags: ['行政执法'], summary: '发出行政执法监督意见或整改通知（支持 Idempotency-Key）', body: z.object({ input: z.record(z.string(), z.unknown()) }) },
  }, async (req, reply) => {
    assertCan(req.actor, 'enforcement.notice');
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx) => {
      const id = await openCaseInTrx(ctx, trx, 'enforcement_supervision', req.body.input, req.actor, null);
      return { status: 201, body: { id } };
    });
    return reply.status(r.status).send(r.body);
  });

  // ─────────── 法制审核人员 (Art. 58 ¶2: a first-time reviewer holds 法律职业资格) ───────────
  const zReviewer = z.object({
    userId: zUuid, orgId: zUuid,
    legalQualificationNo: z.string().trim().regex(/^[A-Za-z0-9]{6,30}$/, '法律职业资格证书编号为 6–30 位字母或数字').nullable().default(null),
    qualifiedOn: zDate.nullable().default(null),
  }).superRefine((v, c) => {
    if (v.legalQualificationNo && !v.qualifiedOn) c.addIssue({ code: 'custom', path: ['qualifiedOn'], message: '请填写取得法律职业资格的日期' });
  });
  app.get('/enforcement/reviewers', { schema: { tags: ['行政执法'], summary: '法制审核人员及其法律职业资格' } }, async (req) => {
    assertCan(req.actor, 'org.view');
    return ctx.db.selectFrom('enforcementReviewers as r').innerJoin('users as u', 'u.id', 'r.userId').innerJoin('orgs as o', 'o.id', 'r.orgId')
      .select(['r.id', 'r.userId', 'u.displayName as name', 'o.name as orgName', 'r.legalQualificationNo',
        sql<string | null>`r.qualified_on::text`.as('qualifiedOn')])
      .where('r.regionCode', '=', region(ctx)).orderBy('o.name').execute();
  });
  app.post('/enforcement/reviewers', { schema: { tags: ['行政执法'], summary: '登记法制审核人员（同一用户再次登记即更新；支持 Idempotency-Key）', body: zReviewer } },
    async (req, reply) => {
      assertCan(req.actor, 'enforcement.officers.manage', { orgPaths: [await orgPathOf(ctx, req.body.orgId)] }, '只有本机关承办人或管理员可以登记法制审核人员');
      const user = await ctx.db.selectFrom('users').select('id').where('id', '=', req.body.userId).executeTakeFirst();
      if (!user) throw new AppError('validation_failed', '用户不存在', { errors: [{ path: 'body.userId', message: '用户不存在' }] });
      const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx) => {
        const now = ctx.clock.now();
        const row = await trx.insertInto('enforcementReviewers').values({ ...req.body, regionCode: region(ctx), updatedAt: now })
          .onConflict((oc) => oc.columns(['regionCode', 'userId']).doUpdateSet({ orgId: req.body.orgId, legalQualificationNo: req.body.legalQualificationNo,
            qualifiedOn: req.body.qualifiedOn, updatedAt: now })).returning('id').executeTakeFirstOrThrow();
        await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'enforcement.reviewer.register',
          targetType: 'enforcement_reviewer', targetId: row.id, detail: { userId: req.body.userId, qualified: !!req.body.legalQualificationNo } },
        now, region(ctx));
        return { status: 201, body: { id: row.id } };
      });
      return reply.status(r.status).send(r.body);
    });

  // ─────────── 亮证: the public certificate check (name, org, fields, validity; nothing else) ───────────
  const pub = { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } };
  // 执法公示 (事后): the decisions published through the publication service; a withdrawn one (Art. 48 ¶2) is no longer listed
  const decisions = () => publishedBy(ctx.db, region(ctx), 'enforcement').where('i.category', '=', 'art20_6_penalty');
  app.get('/public/enforcement/decisions', {
    config: pub,
    schema: { tags: ['公众'], summary: '行政执法公示：行政处罚决定（中文检索，两字词亦可）', querystring: z.object({
      q: z.string().trim().max(100, '最多 100 个字').optional(), limit: z.coerce.number().int().min(1).max(100).default(20),
      offset: z.coerce.number().int().min(0).max(100_000).default(0) }) },
  }, async (req) => {
    const tokens = req.query.q ? queryTokens(req.query.q) : [];
    const base = decisions().$if(tokens.length > 0, (b) => b.where(sql<boolean>`i.tokens @> ${sql.val(tokens)}::text[]`));
    const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const items = await base.select(['i.id', 'i.title', 'i.summary', 'i.docNo', 'i.publishedOn', 'i.formedOn', 'o.name as orgName'])
      .orderBy('i.publishedOn', 'desc').orderBy('i.indexNo', 'desc').limit(req.query.limit).offset(req.query.offset).execute();
    return { total: total.n, tokens, items: items.map((i) => ({ ...i, url: `/p/enforcement/decisions/${i.id}` })) };
  });
  app.get('/public/enforcement/decisions/:id', {
    config: pub, schema: { tags: ['公众'], summary: '行政执法公示：一项行政处罚决定', params: z.object({ id: zUuid }) },
  }, async (req) => {
    const it = await decisions().select(['i.id', 'i.indexNo', 'i.title', 'i.summary', 'i.body', 'i.docNo', 'i.formedOn', 'i.publishedOn', 'o.name as orgName'])
      .where('i.id', '=', req.params.id).executeTakeFirst();
    if (!it) throw notFound('行政处罚决定公示');
    return it;
  });
  app.get('/public/enforcement/discretion', { config: pub, schema: { tags: ['公众'], summary: '行政处罚裁量基准（公开）' } }, async () => listDiscretion());
  app.get('/public/enforcement/certificates/:certNo', {
    config: pub, schema: { tags: ['公众'], summary: '执法证件核验（亮证）', params: z.object({ certNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,30}$/, '执法证号格式不正确') }) },
  }, async (req) => {
    const today = legalDateOf(ctx.clock.now());
    const r = await ctx.db.selectFrom('enforcementOfficers as e').innerJoin('orgs as o', 'o.id', 'e.orgId')
      .select(['e.certNo', 'e.name', 'o.name as orgName', 'e.fields', 'e.category', 'e.status', sql<string>`e.issued_on::text`.as('issuedOn'),
        sql<string>`e.expires_on::text`.as('expiresOn')])
      .where('e.regionCode', '=', region(ctx)).where('e.certNo', '=', req.params.certNo).executeTakeFirst();
    if (!r) throw notFound('执法证件');
    const valid = r.status === '有效' && r.issuedOn <= today && r.expiresOn >= today;
    return { ...r, valid, checkedOn: today, note: valid ? '该执法证件有效，持证人可在证件载明的执法领域内从事执法活动' : '该执法证件当前无效，持证人不得从事执法活动' };
  });
}
