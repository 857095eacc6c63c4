/** HTTP API of 政务公开: catalogue, guides, reports (with drill-down and exports), letters, remedies. */
import { z } from 'zod';
import { legalDateOf } from '@yifa/contracts';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/problem.ts';
import { zDate, zLimit, zUuid } from '../../platform/http/validation.ts';
import { assertCan, can, type Actor } from '../../platform/authz.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { orgPathsOfCase } from '../../platform/cases/case-queries.ts';
import { caseClocks } from '../../platform/time/ledger-store.ts';
import { categoryLabel, PUBLICATION_CATEGORIES } from '../../platform/publication/publication.ts';
import { queryTokens } from '../../platform/publication/tokens.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { inputAsBody, openCaseInTrx } from '../../platform/cases/engine.ts';
import { itemActionInTrx, itemInput, ITEM_TYPE, reviseInput, type ItemCommand } from './catalogue.ts';
import { ANSWER_TYPES, APPLICANT_KINDS, CHANNELS, DISCLOSURE_RULES, FEE_BASIS, LEAF_KEYS, LEAVES, WITHHOLD_GROUNDS } from './rules.ts';
import { buildReport, drillCell, T3_ROWS, T4_KINDS, T4_RESULTS, T3_COLUMNS, type ReportScope } from './report.ts';
import { replyLetterDocx, reportDocx, reportXlsx } from './export.ts';
import { REQUEST_TYPE } from './requests.ts';
import { reviewOrganOf } from '../../platform/documents/remedies.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const zDocNo = z.string().trim().regex(/^.+〔\d{4}〕[1-9]\d*号$/, '发文字号格式应如：示府办公开〔2021〕3号');

function sendFile(reply: FastifyReply, buf: Buffer, type: string, name: string) {
  return reply.header('content-type', type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(buf);
}

async function orgOf(conn: Conn, actor: Actor, orgId: string) {
  const org = await conn.selectFrom('orgs').select(['id', 'name', 'path', 'kind', 'regionCode']).where('id', '=', orgId).executeTakeFirst();
  if (!org || !can(actor, 'org.view', { orgPaths: [org.path] })) throw notFound('机构');
  return org;
}
/** The organ's 承办人, 负责人 or the administrator over it (permission disclosure.manage, token scope cases:write). */
function assertManage(actor: Actor, path: string) {
  assertCan(actor, 'case.view', { orgPaths: [path] });
  assertCan(actor, 'disclosure.manage', { orgPaths: [path] }, '只有本机关的承办人、负责人或管理员可以管理政务公开事项');
}

export async function disclosureRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['政务公开'];
  const pub = { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } };

  // ---------- reference data ----------
  app.get('/public/disclosure/rules', { config: pub, schema: { tags, summary: '申请方式、申请人类型、答复类型及与年报表三的对应关系、收费标准、期限规则' } }, async () => {
    const overrides = await ctx.db.selectFrom('disclosureLeafOverrides').selectAll().where('regionCode', '=', ctx.config.defaultRegion).execute();
    return {
      channels: CHANNELS, applicantKinds: APPLICANT_KINDS, leaves: LEAVES, answerTypes: ANSWER_TYPES, withholdGrounds: WITHHOLD_GROUNDS,
      crosswalkOverrides: overrides.map((o) => ({ answerType: o.answerType, leaf: o.leaf, basis: o.basis })),
      categories: PUBLICATION_CATEGORIES, feeBasis: FEE_BASIS, deadlines: DISCLOSURE_RULES,
    };
  });
  app.put('/disclosure/crosswalk/:answerType', {
    schema: { tags, summary: '调整答复类型与年报表三栏目的对应关系（本县设定）', params: z.object({ answerType: z.string().max(60) }), body: z.object({ leaf: z.enum(LEAF_KEYS as [string, ...string[]], '请选择表三栏目'), basis: z.string().trim().min(4, '请说明依据').max(500) }) },
  }, async (req) => {
    assertCan(req.actor, 'rules.manage');
    const [type, ground] = req.params.answerType.split(':');
    if (!ANSWER_TYPES[type] || (type === 'withhold' ? !WITHHOLD_GROUNDS[ground ?? ''] : ground !== undefined)) throw new AppError('validation_failed', '未知的答复类型', { errors: [{ path: 'params.answerType', message: '未知的答复类型（不予公开须写作 withhold:理由）' }] });
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('disclosureLeafOverrides').values({ regionCode: ctx.config.defaultRegion, answerType: req.params.answerType, leaf: req.body.leaf, basis: req.body.basis, updatedAt: now })
        .onConflict((oc) => oc.columns(['regionCode', 'answerType']).doUpdateSet({ leaf: req.body.leaf, basis: req.body.basis, updatedAt: now })).execute();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'disclosure.crosswalk', targetType: 'answer_type', targetId: req.params.answerType, detail: req.body }, now, ctx.config.defaultRegion);
    });
    return { answerType: req.params.answerType, ...req.body };
  });
  app.get('/public/disclosure/orgs', { config: pub, schema: { tags, summary: '可以受理政府信息公开申请的机关' } }, async () => {
    return ctx.db.selectFrom('orgs').select(['id', 'name', 'kind']).where('regionCode', '=', ctx.config.defaultRegion).where('dissolvedOn', 'is', null)
      .where('kind', 'in', ['government', 'department', 'township']).orderBy('kind').orderBy('name').execute();
  });

  // ---------- letters and remedies on a request ----------
  async function requestCase(actor: Actor, id: string) {
    const c = await ctx.db.selectFrom('cases').selectAll().where('id', '=', id).where('type', '=', REQUEST_TYPE).executeTakeFirst();
    if (!c) throw notFound('申请');
    const paths = await orgPathsOfCase(ctx.db, c.id);
    if (!can(actor, 'case.view', { orgPaths: paths })) throw notFound('申请');
    return { c, paths };
  }
  app.get('/disclosure/requests/:id/letter', {
    schema: { tags, summary: '告知书（DOCX，GB/T 9704 公文格式）：答复、补正、延期、延迟答复、缴费', params: z.object({ id: zUuid }), querystring: z.object({ kind: z.enum(['answer', 'correction', 'extension', 'delay', 'fee'], '请选择告知书类型'), docNo: zDocNo.optional() }) },
  }, async (req, reply) => {
    const { c } = await requestCase(req.actor, req.params.id);
    const events = await ctx.db.selectFrom('caseEvents').select(['action', 'occurredAt']).where('caseId', '=', c.id).orderBy('seq').execute();
    const need = { answer: 'answer', correction: 'request_correction', extension: 'extend', delay: 'delay', fee: 'notify_fee' }[req.query.kind];
    // The letter is dated the day of its step (an act recorded later keeps its real date).
    const step = [...events].reverse().find((e) => e.action === need);
    if (!step) throw new AppError('conflict', '该申请尚未进行相应的办理步骤，不能出具此告知书');
    // Once the 答复书 is issued as a 文书 (numbered, stored with its SM3), the letter is that document, not a second draft.
    if (req.query.kind === 'answer' && !req.query.docNo) {
      const issued = await ctx.db.selectFrom('caseDocuments as d').innerJoin('fileBlobs as b', 'b.sm3', 'd.sm3')
        .select(['d.id', 'd.number', 'd.sm3', 'b.content'])
        .where('d.caseId', '=', c.id).where('d.kind', '=', 'disclosure.answer').orderBy('d.issuedAt', 'desc').executeTakeFirst();
      if (issued) {
        await ctx.db.transaction().execute((trx) => appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, {
          action: 'disclosure.letter', targetType: 'case', targetId: c.id, detail: { kind: 'answer', documentId: issued.id, number: issued.number },
        }, ctx.clock.now(), c.regionCode));
        return sendFile(reply.header('x-content-sm3', issued.sm3), issued.content, DOCX, `${c.number}-answer.docx`);
      }
    }
    const party = await ctx.db.selectFrom('caseParties').select(['nameEnc']).where('caseId', '=', c.id).where('role', '=', 'applicant').executeTakeFirst();
    const proj = await ctx.db.selectFrom('disclosureRequests').select(['receivedOn']).where('caseId', '=', c.id).executeTakeFirstOrThrow();
    const clocks = await caseClocks(ctx, ctx.db, c.id, ctx.clock.now());
    const clock = clocks.find((k) => k.key === (req.query.kind === 'correction' ? 'correction' : 'reply')) ?? null;
    const d = c.data as Record<string, unknown>;
    const answered = [...events].reverse().find((e) => e.action === 'answer');
    const buf = await replyLetterDocx({
      decidedOn: answered ? legalDateOf(answered.occurredAt) : undefined, reviewOrgan: await reviewOrganOf(ctx.db, c.orgId),
      kind: req.query.kind, orgName: String(d.orgName ?? ''), applicantName: ctx.crypto.decryptOpt(party?.nameEnc ?? null) ?? '申请人',
      number: c.number, receivedOn: String(proj.receivedOn), description: String(d.description ?? ''), data: d,
      docNo: req.query.docNo ?? (req.query.kind === 'answer' ? String(d.answerDocNo ?? '') || null : null), date: legalDateOf(step.occurredAt), clock,
    });
    const now = ctx.clock.now();
    await ctx.db.transaction().execute((trx) => appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'disclosure.letter', targetType: 'case', targetId: c.id, detail: { kind: req.query.kind } }, now, c.regionCode));
    return sendFile(reply, buf, DOCX, `${c.number}-${req.query.kind}.docx`);
  });

  app.post('/disclosure/requests/:id/remedies', {
    schema: {
      tags, summary: '登记针对答复或逾期未答复（不作为）的行政复议或行政诉讼（年报表四）', params: z.object({ id: zUuid }),
      body: z.object({ kind: z.enum(['review', 'litigation_direct', 'litigation_after_review'], '请选择类型'), filedOn: zDate, caseNo: z.string().trim().max(100).optional(), note: z.string().trim().max(1000).optional() }),
    },
  }, async (req, reply) => {
    const { c, paths } = await requestCase(req.actor, req.params.id);
    assertManage(req.actor, paths[0]);
    const proj = await ctx.db.selectFrom('disclosureRequests').select(['closedOn', 'leaf']).where('caseId', '=', c.id).executeTakeFirstOrThrow();
    const today = legalDateOf(ctx.clock.now());
    const errors: { path: string; message: string }[] = [];
    if (req.body.filedOn > today) errors.push({ path: 'body.filedOn', message: '不能晚于今天' });
    // Against the answer given; or, never answered, against the failure to answer once the period has run out
    // (条例第五十一条；《行政复议法》第十一条 不履行法定职责).
    let ground: 'answer' | 'inaction' = 'answer';
    if (proj.closedOn) {
      if (req.body.filedOn < String(proj.closedOn)) errors.push({ path: 'body.filedOn', message: `复议、诉讼日期不能早于答复日期 ${proj.closedOn}` });
    } else {
      const reply = (await caseClocks(ctx, ctx.db, c.id, ctx.clock.now())).find((k) => k.key === 'reply');
      if (!reply?.dueDate || req.body.filedOn <= reply.dueDate) {
        throw new AppError('conflict', `申请尚在答复期限内（届满日 ${reply?.dueDate ?? '—'}）：答复期限届满未答复的，可以登记针对不作为的复议、诉讼`);
      }
      ground = 'inaction';
    }
    if (errors.length) throw new AppError('validation_failed', errors[0].message, { errors });
    const now = ctx.clock.now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('disclosureRemedies').values({
        caseId: c.id, regionCode: c.regionCode, orgId: c.orgId, kind: req.body.kind, filedOn: req.body.filedOn, caseNo: req.body.caseNo ?? null, note: req.body.note ?? null,
        result: null, concludedOn: null, createdBy: req.actor.userId, createdAt: now, ground,
      }).returning(['id']).executeTakeFirstOrThrow();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'disclosure.remedy', targetType: 'case', targetId: c.id, detail: req.body }, now, c.regionCode);
      return r;
    });
    return reply.status(201).send({ id: row.id, ground });
  });
  app.post('/disclosure/remedies/:id/conclude', {
    schema: { tags, summary: '登记复议、诉讼结果', params: z.object({ id: zUuid }), body: z.object({ result: z.enum(['upheld', 'corrected', 'other'], '请选择结果（维持、纠正、其他）'), concludedOn: zDate }) },
  }, async (req) => {
    const m = await ctx.db.selectFrom('disclosureRemedies').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!m) throw notFound('复议诉讼记录');
    const { paths } = await requestCase(req.actor, m.caseId);
    assertManage(req.actor, paths[0]);
    if (m.result) throw new AppError('conflict', '该复议、诉讼已登记结果');
    if (req.body.concludedOn < String(m.filedOn)) throw new AppError('validation_failed', '审结日期不能早于立案日期', { errors: [{ path: 'body.concludedOn', message: `不能早于 ${m.filedOn}` }] });
    if (req.body.concludedOn > legalDateOf(ctx.clock.now())) throw new AppError('validation_failed', '审结日期不能晚于今天', { errors: [{ path: 'body.concludedOn', message: '不能晚于今天' }] });
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('disclosureRemedies').set({ result: req.body.result, concludedOn: req.body.concludedOn }).where('id', '=', m.id).execute();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'disclosure.remedy.conclude', targetType: 'case', targetId: m.caseId, detail: req.body }, now, m.regionCode);
    });
    return { id: m.id, ...req.body };
  });

  // ---------- annual report ----------
  const ReportQuery = z.object({ orgId: zUuid, year: z.coerce.number().int('应为整数').min(2008, '2008年起').max(2100), scope: z.enum(['org', 'government']).default('org') });
  async function reportFor(conn: Conn, actor: Actor, q: z.infer<typeof ReportQuery>) {
    const org = await orgOf(conn, actor, q.orgId);
    if (!can(actor, 'case.view', { orgPaths: [org.path] }) && !can(actor, 'metrics.view', { orgPaths: [org.path] })) throw notFound('机构');
    if (q.scope === 'government' && org.kind !== 'government') throw new AppError('validation_failed', '政府整体年报须选择人民政府', { errors: [{ path: 'query.orgId', message: '请选择人民政府' }] });
    const s: ReportScope = { regionCode: org.regionCode, orgPath: q.scope === 'government' ? null : org.path, year: q.year, now: ctx.clock.now() };
    const saved = await conn.selectFrom('disclosureReports').selectAll().where('regionCode', '=', org.regionCode).where('orgId', '=', org.id).where('scope', '=', q.scope).where('year', '=', q.year).executeTakeFirst();
    const report = await buildReport(conn, s, { scope: q.scope, orgId: org.id, orgName: org.name, docNo: saved?.docNo ?? null, status: saved?.status ?? 'draft', sections: (saved?.sections as Record<string, string>) ?? {}, publishedOn: saved?.publishedOn ? String(saved.publishedOn) : null });
    return { org, s, saved, report };
  }
  app.get('/disclosure/reports', { schema: { tags, summary: '年度报告（表二、三、四由记录实时计算；勾稽关系校验结果）', querystring: ReportQuery } }, async (req) => (await reportFor(ctx.db, req.actor, req.query)).report);
  app.put('/disclosure/reports', {
    schema: { tags, summary: '保存年度报告正文（一、五、六部分，可用 {{数字名}} 插入实时数字）', querystring: ReportQuery, body: z.object({ docNo: zDocNo.nullable().optional(), sections: z.object({ 一: z.string().max(20000).optional(), 五: z.string().max(20000).optional(), 六: z.string().max(20000).optional() }).default({}) }) },
  }, async (req) => {
    const { org, saved } = await reportFor(ctx.db, req.actor, req.query);
    assertManage(req.actor, org.path);
    if (saved?.status === 'published') throw new AppError('conflict', '年度报告已发布，不能修改');
    const now = ctx.clock.now();
    const sections = { ...(saved?.sections as Record<string, string> | undefined), ...Object.fromEntries(Object.entries(req.body.sections).filter(([, v]) => v !== undefined)) } as Record<string, string>;
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('disclosureReports').values({ regionCode: org.regionCode, orgId: org.id, scope: req.query.scope, year: req.query.year, docNo: req.body.docNo ?? saved?.docNo ?? null, sections: JSON.stringify(sections), status: 'draft', updatedAt: now })
        .onConflict((oc) => oc.columns(['regionCode', 'orgId', 'scope', 'year']).doUpdateSet({ docNo: req.body.docNo ?? saved?.docNo ?? null, sections: JSON.stringify(sections), updatedAt: now })).execute();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'disclosure.report.save', targetType: 'org', targetId: org.id, detail: { year: req.query.year, scope: req.query.scope } }, now, org.regionCode);
    });
    return (await reportFor(ctx.db, req.actor, req.query)).report;
  });
  app.post('/disclosure/reports/publish', { schema: { tags, summary: '发布年度报告（勾稽关系不成立的不能发布）', querystring: ReportQuery } }, async (req) => {
    return ctx.db.transaction().execute(async (trx) => {
      const { org, saved, report } = await reportFor(trx, req.actor, req.query);
      assertManage(req.actor, org.path);
      if (saved?.status === 'published') throw new AppError('conflict', '年度报告已发布');
      if (report.problems.length) {
        throw new AppError('validation_failed', `表三勾稽关系不成立，不能发布：${report.problems.map((p) => p.message).join('；')}`, { errors: report.problems.flatMap((p) => p.cells.map((c) => ({ path: `table3.${c}`, message: p.message }))) });
      }
      if (!report.docNo) throw new AppError('validation_failed', '请先填写发文字号', { errors: [{ path: 'body.docNo', message: '发布前须填写发文字号' }] });
      const now = ctx.clock.now();
      const on = legalDateOf(now);
      const snapshot = { ...report, status: 'published', publishedOn: on };
      await trx.updateTable('disclosureReports').set({ status: 'published', publishedOn: on, snapshot: JSON.stringify(snapshot), updatedAt: now }).where('id', '=', saved!.id).execute();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'disclosure.report.publish', targetType: 'org', targetId: org.id, detail: { year: req.query.year, scope: req.query.scope, late: on > report.dueOn } }, now, org.regionCode);
      return { ...snapshot, late: on > report.dueOn };
    });
  });
  app.get('/disclosure/reports/cell', {
    schema: { tags, summary: '年报数字背后的记录（钻取：该单元格所属指标的钻取）', querystring: ReportQuery.extend({ table: z.enum(['2', '3', '4']), row: z.string().max(40), col: z.string().max(40), limit: zLimit, offset: z.coerce.number().int().min(0).default(0) }) },
  }, async (req) => {
    const q = req.query;
    const { s } = await reportFor(ctx.db, req.actor, q);
    if (q.table === '3') {
      if (!T3_ROWS.some((r) => r.key === q.row) || !(T3_COLUMNS as readonly string[]).includes(q.col)) throw new AppError('validation_failed', '未知的单元格', { errors: [{ path: 'query.row', message: '未知的行或列' }] });
      return drillCell(ctx.db, s, '3', q.row, q.col, q.limit, q.offset);
    }
    if (q.table === '2') {
      if (!['art20_1_rule', 'art20_1_normative', 'art20_5_license', 'art20_6_penalty', 'art20_6_coercion', 'art20_8_fee'].includes(q.row) || !['issued', 'abolished', 'valid', 'decisions', 'amountWan'].includes(q.col)) throw new AppError('validation_failed', '未知的单元格', { errors: [{ path: 'query.row', message: '未知的行或列' }] });
      return drillCell(ctx.db, s, '2', q.row, q.col, q.limit, q.offset);
    }
    if (!T4_KINDS.some((k) => k.key === q.row) || !T4_RESULTS.some((r) => r.key === q.col)) throw new AppError('validation_failed', '未知的单元格', { errors: [{ path: 'query.row', message: '未知的行或列' }] });
    return drillCell(ctx.db, s, '4', q.row, q.col, q.limit, q.offset);
  });
  app.get('/disclosure/reports/export', { schema: { tags, summary: '导出年度报告：DOCX（公文格式）或 XLSX（表格）', querystring: ReportQuery.extend({ format: z.enum(['docx', 'xlsx']) }) } }, async (req, reply) => {
    const { report } = await reportFor(ctx.db, req.actor, req.query);
    const name = `${report.orgName}${report.year}年政府信息公开工作年度报告`;
    return req.query.format === 'docx' ? sendFile(reply, await reportDocx(report), DOCX, `${name}.docx`) : sendFile(reply, await reportXlsx(report), XLSX, `${name}.xlsx`);
  });
  app.get('/disclosure/reports/reminders', { schema: { tags, summary: '年报法定期限提醒（部门1月31日前，政府3月31日前；第四十九条）', querystring: z.object({ year: z.coerce.number().int().min(2008).max(2100) }) } }, async (req) => {
    assertCan(req.actor, 'case.view');
    const orgs = await ctx.db.selectFrom('orgs').select(['id', 'name', 'kind', 'path']).where('regionCode', '=', ctx.config.defaultRegion).where('dissolvedOn', 'is', null).where('kind', 'in', ['government', 'department', 'township']).execute();
    const reports = await ctx.db.selectFrom('disclosureReports').select(['orgId', 'scope', 'status', 'publishedOn']).where('regionCode', '=', ctx.config.defaultRegion).where('year', '=', req.query.year).execute();
    const today = legalDateOf(ctx.clock.now());
    return orgs.filter((o) => can(req.actor, 'case.view', { orgPaths: [o.path] })).map((o) => {
      const scope = o.kind === 'government' ? 'government' : 'org';
      const dueOn = `${req.query.year + 1}-${scope === 'government' ? '03-31' : '01-31'}`;
      const r = reports.find((x) => x.orgId === o.id && x.scope === scope);
      const publishedOn = r?.publishedOn ? String(r.publishedOn) : null;
      return { orgId: o.id, orgName: o.name, scope, dueOn, status: r?.status ?? 'missing', publishedOn, overdue: publishedOn ? publishedOn > dueOn : today > dueOn, basis: '《政府信息公开条例》第四十九条' };
    });
  });
  app.get('/public/disclosure/reports', { config: pub, schema: { tags, summary: '已发布的年度报告', querystring: z.object({ orgId: zUuid.optional(), year: z.coerce.number().int().optional() }) } }, async (req) => {
    return ctx.db.selectFrom('disclosureReports as r').innerJoin('orgs as o', 'o.id', 'r.orgId').select(['r.id', 'r.orgId', 'o.name as orgName', 'r.scope', 'r.year', 'r.docNo', 'r.publishedOn'])
      .where('r.regionCode', '=', ctx.config.defaultRegion).where('r.status', '=', 'published')
      .$if(!!req.query.orgId, (q) => q.where('r.orgId', '=', req.query.orgId!)).$if(!!req.query.year, (q) => q.where('r.year', '=', req.query.year!))
      .orderBy('r.year', 'desc').orderBy('o.name').execute();
  });
  app.get('/public/disclosure/reports/:id', { config: pub, schema: { tags, summary: '已发布年度报告全文（发布时的快照）', params: z.object({ id: zUuid }) } }, async (req) => {
    const r = await ctx.db.selectFrom('disclosureReports').select(['snapshot']).where('id', '=', req.params.id).where('status', '=', 'published').executeTakeFirst();
    if (!r) throw notFound('年度报告');
    return r.snapshot;
  });

  // ---------- catalogue (主动公开): thin wrappers around the disclosure_item workflow (catalogue.ts) ----------
  async function itemFor(conn: Conn, actor: Actor, id: string) {
    const it = await conn.selectFrom('disclosureItems as i').innerJoin('orgs as o', 'o.id', 'i.orgId').leftJoin('cases as c', 'c.id', 'i.caseId')
      .selectAll('i').select(['o.path', 'o.name as orgName', 'c.number as caseNumber']).where('i.id', '=', id).executeTakeFirst();
    if (!it || !can(actor, 'case.view', { orgPaths: [it.path] })) throw notFound('公开信息');
    return it;
  }
  const key = (req: FastifyRequest) => (req.headers['idempotency-key'] as string | undefined) ?? null;
  app.post('/disclosure/items', { schema: { tags, summary: '新建主动公开信息（草稿；支持 Idempotency-Key）', body: itemInput } }, async (req, reply) => {
    await orgOf(ctx.db, req.actor, req.body.orgId);
    const r = await runCommand(ctx, req.actor, key(req), req.body, async (trx) => {
      const caseId = await inputAsBody(() => openCaseInTrx(ctx, trx, ITEM_TYPE, req.body, req.actor, key(req)));
      const it = await trx.selectFrom('disclosureItems').select('id').where('caseId', '=', caseId).executeTakeFirstOrThrow();
      return { status: 201, body: await itemFor(trx, req.actor, it.id) };
    });
    return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
  });
  /** A console action on an item (one transaction: the engine's lock, 409 naming the allowed actions, event, audit, replay). */
  async function itemCommand(req: FastifyRequest, reply: FastifyReply, id: string, cmd: ItemCommand) {
    await itemFor(ctx.db, req.actor, id);
    const r = await runCommand(ctx, req.actor, key(req), { id, ...cmd }, async (trx) => {
      await inputAsBody(() => itemActionInTrx(ctx, trx, id, cmd, req.actor, key(req)));
      return { status: 200, body: await itemFor(trx, req.actor, id) };
    });
    return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
  }
  const Id = z.object({ id: zUuid });
  app.post('/disclosure/items/:id/submit', { schema: { tags, summary: '提交保密审查', params: Id } }, (req, reply) => itemCommand(req, reply, req.params.id, { action: 'submit' }));
  app.post('/disclosure/items/:id/review', {
    schema: { tags, summary: '保密审查与审核：通过即公开，不通过退回草稿（审查人不能是起草人）', params: Id, body: z.object({ approve: z.boolean('请选择审查结论'), opinion: z.string().trim().min(2, '请填写审查意见').max(2000) }) },
  }, (req, reply) => itemCommand(req, reply, req.params.id, { action: req.body.approve ? 'publish' : 'reject', input: { opinion: req.body.opinion } }));
  app.post('/disclosure/items/:id/revise', { schema: { tags, summary: '变更已公开信息（变更之日起20个工作日内公开；记录历史）', params: Id, body: reviseInput } },
    (req, reply) => itemCommand(req, reply, req.params.id, { action: 'revise', input: req.body }));
  app.post('/disclosure/items/:id/withdraw', { schema: { tags, summary: '撤回已公开信息', params: Id, body: z.object({ reason: z.string().trim().min(2, '请说明撤回原因').max(1000) }) } },
    (req, reply) => itemCommand(req, reply, req.params.id, { action: 'withdraw', input: { reason: req.body.reason } }));
  app.get('/disclosure/items/:id', { schema: { tags, summary: '公开信息详情与历史', params: z.object({ id: zUuid }) } }, async (req) => {
    const it = await itemFor(ctx.db, req.actor, req.params.id);
    const history = await ctx.db.selectFrom('disclosureItemEvents').select(['action', 'actorName', 'detail', 'at']).where('itemId', '=', it.id).orderBy('id').execute();
    return { ...it, categoryLabel: categoryLabel(it.category), history };
  });
  app.get('/disclosure/items', {
    schema: { tags, summary: '公开目录管理（含草稿、待审查；逾期公开标记）', querystring: z.object({ orgId: zUuid.optional(), status: z.enum(['draft', 'review', 'published', 'withdrawn']).optional(), late: z.enum(['true', 'false']).optional(), limit: zLimit, offset: z.coerce.number().int().min(0).default(0) }) },
  }, async (req) => {
    assertCan(req.actor, 'case.view');
    const q = req.query;
    const rows = await ctx.db.selectFrom('disclosureItems as i').innerJoin('orgs as o', 'o.id', 'i.orgId')
      .select(['i.id', 'i.indexNo', 'i.title', 'i.category', 'i.status', 'i.formedOn', 'i.publishDue', 'i.publishedOn', 'i.late', 'o.name as orgName', 'o.path'])
      .where('i.regionCode', '=', ctx.config.defaultRegion)
      .$if(!!q.orgId, (x) => x.where('i.orgId', '=', q.orgId!)).$if(!!q.status, (x) => x.where('i.status', '=', q.status!)).$if(q.late !== undefined, (x) => x.where('i.late', '=', q.late === 'true'))
      .orderBy('i.updatedAt', 'desc').limit(2000).execute();
    const visible = rows.filter((r) => can(req.actor, 'case.view', { orgPaths: [r.path] }));
    const today = legalDateOf(ctx.clock.now());
    // overdue = not yet published and past the 20-WD publication date (第二十六条).
    return { total: visible.length, items: visible.slice(q.offset, q.offset + q.limit).map(({ path: _p, ...r }) => ({ ...r, categoryLabel: categoryLabel(r.category), overdue: (r.status === 'draft' || r.status === 'review') && !!r.publishDue && String(r.publishDue) < today })) };
  });

  // ---------- portal ----------
  app.get('/public/disclosure/items', {
    config: pub,
    schema: { tags, summary: '政府信息公开目录：按机关、类别浏览，中文检索（两字词亦可）', querystring: z.object({ orgId: zUuid.optional(), category: z.string().max(60).optional(), q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).default(0) }) },
  }, async (req) => {
    const q = req.query;
    const tokens = q.q ? queryTokens(q.q) : [];
    let base = ctx.db.selectFrom('disclosureItems as i').innerJoin('orgs as o', 'o.id', 'i.orgId')
      .where('i.regionCode', '=', ctx.config.defaultRegion).where('i.status', '=', 'published')
      .$if(!!q.orgId, (x) => x.where('i.orgId', '=', q.orgId!)).$if(!!q.category, (x) => x.where('i.category', '=', q.category!));
    if (tokens.length) base = base.where(sql<boolean>`i.tokens @> ${sql.val(tokens)}::text[]`);
    const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const items = await base.select(['i.id', 'i.indexNo', 'i.title', 'i.summary', 'i.category', 'i.docNo', 'i.formedOn', 'i.publishedOn', 'o.name as orgName'])
      .orderBy('i.publishedOn', 'desc').orderBy('i.indexNo', 'desc').limit(q.limit).offset(q.offset).execute();
    return { total: total.n, tokens, items: items.map((i) => ({ ...i, categoryLabel: categoryLabel(i.category), url: `/p/disclosure/items/${i.id}` })) };
  });
  app.get('/public/disclosure/items/:id', { config: pub, schema: { tags, summary: '公开信息（稳定地址）', params: z.object({ id: zUuid }) } }, async (req) => {
    const it = await ctx.db.selectFrom('disclosureItems as i').innerJoin('orgs as o', 'o.id', 'i.orgId')
      .select(['i.id', 'i.indexNo', 'i.title', 'i.summary', 'i.body', 'i.category', 'i.docNo', 'i.formedOn', 'i.publishedOn', 'i.validUntil', 'i.abolishedOn', 'i.attachments', 'i.version', 'o.name as orgName', 'o.id as orgId'])
      .where('i.id', '=', req.params.id).where('i.status', '=', 'published').executeTakeFirst();
    if (!it) throw notFound('公开信息');
    return { ...it, categoryLabel: categoryLabel(it.category) };
  });
  const GuideBody = z.object({
    classification: z.string().trim().min(2, '请填写分类和编排体系').max(5000), access: z.string().trim().min(2, '请填写获取方式').max(5000),
    office: z.string().trim().min(2, '请填写政府信息公开工作机构名称').max(200), address: z.string().trim().min(2, '请填写办公地址').max(200),
    hours: z.string().trim().min(2, '请填写办公时间').max(200), phone: z.string().trim().min(5, '请填写联系电话').max(50),
    fax: z.string().trim().max(50).optional(), web: z.string().trim().max(200).optional(),
  });
  app.put('/disclosure/guides/:orgId', { schema: { tags, summary: '编辑政府信息公开指南（第十二条）', params: z.object({ orgId: zUuid }), body: GuideBody } }, async (req) => {
    const org = await orgOf(ctx.db, req.actor, req.params.orgId);
    assertManage(req.actor, org.path);
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('disclosureGuides').values({ orgId: org.id, regionCode: org.regionCode, content: JSON.stringify(req.body), updatedAt: now })
        .onConflict((oc) => oc.column('orgId').doUpdateSet({ content: JSON.stringify(req.body), updatedAt: now })).execute();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'disclosure.guide', targetType: 'org', targetId: org.id, detail: {} }, now, org.regionCode);
    });
    return { orgId: org.id, ...req.body, updatedAt: now.toISOString() };
  });
  app.get('/public/disclosure/guides/:orgId', { config: pub, schema: { tags, summary: '政府信息公开指南', params: z.object({ orgId: zUuid }) } }, async (req) => {
    const g = await ctx.db.selectFrom('disclosureGuides as g').innerJoin('orgs as o', 'o.id', 'g.orgId').select(['g.content', 'g.updatedAt', 'o.name']).where('g.orgId', '=', req.params.orgId).executeTakeFirst();
    if (!g) throw notFound('公开指南');
    return { orgName: g.name, ...(g.content as Record<string, unknown>), updatedAt: g.updatedAt };
  });
}
