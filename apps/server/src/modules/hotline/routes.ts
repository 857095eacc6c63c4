/**
 * Hotline API under /api/v1/hotline: 派单目录 (tree, admin upkeep), 知识库 (versioned, searchable),
 * duplicate suggestions while typing (并单), worklists (dispatcher board, supervision, 退单 disputes,
 * callbacks), hotspots and keywords, import of historical tickets and export of any list.
 */
import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { addDays, legalDateOf, previousPeriod } from '@yifa/contracts';
import { pinyin } from 'pinyin-pro';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/problem.ts';
import { assertCan, can, type Actor } from '../../platform/authz.ts';
import { metricScope } from '../../platform/metrics/scope.ts';
import type { MetricGroup } from '../../platform/metrics/registry.ts';
import { zDate, zUuid } from '../../platform/http/validation.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { readTable, sendXlsx } from '../../platform/io/tabular.ts';
import { LIMIT_RULES, TICKET_TYPES, CHANNEL_ZH } from './workflow.ts';
import { centreOrg, TICKET } from './ticket.ts';
import { performInTrx } from '../../platform/cases/engine.ts';
import { keywordsOf } from './text.ts';
import { redactText } from '../../platform/crypto/redact.ts';
import { hotlineSettings } from './settings.ts';
import { importTickets, IMPORT_COLUMNS, parseCsv } from './import.ts';

export const initialsOf = (name: string) => pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase();

const Fact = z.object({
  code: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, '要素代码应为字母开头的字母数字'),
  label: z.string().trim().min(1, '请填写要素名称').max(40),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'], '数据类型无效'),
  required: z.boolean().default(false),
  values: z.array(z.object({ key: z.string().min(1).max(40), name: z.string().min(1).max(60) })).max(50).optional(),
});
const CatalogBody = z.object({
  code: z.string().trim().regex(/^[0-9A-Za-z.-]{1,40}$/, '编码只能含字母、数字、点和横线'),
  name: z.string().trim().min(2, '请填写事项名称').max(60),
  parentCode: z.string().trim().max(40).optional(),
  orgId: zUuid.optional(),
  limitRule: z.enum(LIMIT_RULES, '请选择时限规则').optional(),
  keywords: z.string().trim().max(200).default(''),
  description: z.string().trim().max(500).default(''),
  facts: z.array(Fact).max(20).default([]),
  sortOrder: z.number().int().min(0).max(9999).default(0),
  active: z.boolean().default(true),
});

const ListQuery = z.object({
  view: z.enum(['board', 'to_sign', 'handling', 'overdue', 'yellow', 'red', 'returns', 'callbacks', 'supervised', 'all'], '列表类型无效').default('all'),
  line: z.enum(['hotline', 'mailbox']).optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.enum(['json', 'xlsx']).default('json'),
});

export async function hotlineRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const region = ctx.config.defaultRegion;

  // ---------- 派单目录 ----------
  app.get('/hotline/catalog', {
    config: { public: true },
    schema: { tags: ['12345热线'], summary: '派单目录（树；q 按名称、拼音首字母或关键词检索末级事项）', querystring: z.object({ q: z.string().max(40).optional(), all: z.enum(['true', 'false']).optional() }) },
  }, async (req) => {
    const rows = await ctx.db.selectFrom('hotlineCatalog as c').leftJoin('hotlineCatalog as p', 'p.id', 'c.parentId').leftJoin('orgs as o', 'o.id', 'c.orgId')
      .select(['c.id', 'c.code', 'c.name', 'c.initials', 'c.keywords', 'c.description', 'c.orgId', 'o.name as orgName', 'c.limitRule', 'c.facts', 'c.sortOrder', 'c.active', 'p.code as parentCode', 'p.name as groupName'])
      .where('c.regionCode', '=', region)
      .$if(req.query.all !== 'true', (q) => q.where('c.active', '=', true))
      .orderBy('c.sortOrder').orderBy('c.code').execute();
    const withRule = rows.map((r) => {
      const rule = ctx.registry.rules.find((x) => x.key === r.limitRule);
      return { ...r, leaf: r.orgId !== null, limit: rule ? { key: rule.key, label: rule.label, length: rule.length, unit: rule.unit, sourced: rule.sourced } : null };
    });
    const q = req.query.q?.trim().toLowerCase();
    if (!q) return withRule;
    return withRule.filter((r) => r.leaf && (r.name.includes(q) || r.initials.startsWith(q) || r.initials.includes(q) || r.keywords.toLowerCase().includes(q) || r.code.toLowerCase().startsWith(q)));
  });

  app.post('/hotline/catalog', { schema: { tags: ['12345热线'], summary: '新增或修改派单目录事项（管理员；按编码覆盖）', body: CatalogBody } }, async (req, reply) => {
    assertCan(req.actor, 'hotline.catalog.manage', {}, '只有管理员可以维护派单目录');
    const b = req.body;
    const now = ctx.clock.now();
    const errors: { path: string; message: string }[] = [];
    const parent = b.parentCode ? await ctx.db.selectFrom('hotlineCatalog').select(['id', 'orgId']).where('regionCode', '=', region).where('code', '=', b.parentCode).executeTakeFirst() : null;
    if (b.parentCode && !parent) errors.push({ path: 'body.parentCode', message: '上级事项不存在' });
    if (parent?.orgId) errors.push({ path: 'body.parentCode', message: '上级是末级事项，不能再挂下级' });
    if (b.orgId && !(await ctx.db.selectFrom('orgs').select('id').where('id', '=', b.orgId).where('dissolvedOn', 'is', null).executeTakeFirst())) errors.push({ path: 'body.orgId', message: '机构不存在或已撤销' });
    if (b.orgId && !b.limitRule) errors.push({ path: 'body.limitRule', message: '末级事项须选择办理时限规则' });
    b.facts.forEach((f, i) => { if (f.datatype.endsWith('list') && !f.values?.length) errors.push({ path: `body.facts.${i}.values`, message: '列表类型须给出可选值' }); });
    if (new Set(b.facts.map((f) => f.code)).size !== b.facts.length) errors.push({ path: 'body.facts', message: '要素代码不能重复' });
    if (errors.length) throw new AppError('validation_failed', '派单目录事项有误', { errors });
    const row = {
      regionCode: region, code: b.code, parentId: parent?.id ?? null, name: b.name, initials: initialsOf(b.name), keywords: b.keywords, description: b.description,
      orgId: b.orgId ?? null, limitRule: b.limitRule ?? null, facts: JSON.stringify(b.facts), sortOrder: b.sortOrder, active: b.active, updatedAt: now,
    };
    const saved = await ctx.db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('hotlineCatalog').values(row).onConflict((oc) => oc.columns(['regionCode', 'code']).doUpdateSet(row)).returning(['id', 'code']).executeTakeFirstOrThrow();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, { action: 'hotline.catalog.save', targetType: 'hotline_catalog', targetId: r.id, detail: { code: b.code, name: b.name, orgId: b.orgId ?? null, limitRule: b.limitRule ?? null } }, now, region);
      return r;
    });
    return reply.status(201).send(saved);
  });

  // ---------- 知识库 ----------
  app.get('/hotline/kb', { schema: { tags: ['12345热线'], summary: '检索知识库（当前版本）', querystring: z.object({ q: z.string().max(100).optional(), category: z.string().max(40).optional() }) } }, async (req) => {
    assertCan(req.actor, 'case.view');
    const q = req.query.q?.trim();
    const words = q ? keywordsOf(q).slice(0, 8) : [];
    let query = ctx.db.selectFrom('hotlineKb as k').innerJoin('hotlineKbVersions as v', (j) => j.onRef('v.kbId', '=', 'k.id').onRef('v.version', '=', 'k.currentVersion'))
      .select(['k.id', 'k.categoryCode', 'k.currentVersion as version', 'v.question', 'v.answer', 'v.basis', 'v.keywords', 'v.editedAt'])
      .where('k.regionCode', '=', region).where('k.active', '=', true);
    if (req.query.category) query = query.where('k.categoryCode', '=', req.query.category);
    if (q) {
      const terms = [q, ...words];
      query = query.where((eb) => eb.or(terms.flatMap((t) => [eb('v.question', 'like', `%${t}%`), eb('v.answer', 'like', `%${t}%`), eb('v.keywords', 'like', `%${t}%`)])));
    }
    const rows = await query.limit(200).execute();
    const score = (r: (typeof rows)[number]) => words.filter((w) => r.question.includes(w) || r.keywords.includes(w)).length * 2 + words.filter((w) => r.answer.includes(w)).length + (q && r.question.includes(q) ? 5 : 0);
    return rows.sort((a, b) => score(b) - score(a)).slice(0, 20);
  });

  const KbBody = z.object({
    question: z.string().trim().min(4, '请填写问题（至少 4 个字）').max(300), answer: z.string().trim().min(10, '请填写答复口径（至少 10 个字）').max(5000),
    basis: z.string().trim().max(500).default(''), keywords: z.string().trim().max(200).default(''), categoryCode: z.string().trim().max(40).optional(),
  });
  app.post('/hotline/kb', { schema: { tags: ['12345热线'], summary: '新增知识库条目（管理员）', body: KbBody } }, async (req, reply) => {
    assertCan(req.actor, 'hotline.kb.manage', {}, '只有管理员可以维护知识库');
    const now = ctx.clock.now();
    const r = await ctx.db.transaction().execute(async (trx) => {
      const centre = await centreOrg(ctx, trx, region, legalDateOf(now));
      const k = await trx.insertInto('hotlineKb').values({ regionCode: region, orgId: centre.id, categoryCode: req.body.categoryCode ?? null, currentVersion: 1, updatedAt: now }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('hotlineKbVersions').values({ kbId: k.id, version: 1, question: req.body.question, answer: req.body.answer, basis: req.body.basis, keywords: req.body.keywords, editedBy: req.actor.userId, editedAt: now }).execute();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, { action: 'hotline.kb.create', targetType: 'hotline_kb', targetId: k.id, detail: { question: req.body.question } }, now, region);
      return k;
    });
    return reply.status(201).send({ id: r.id, version: 1 });
  });

  app.put('/hotline/kb/:id', { schema: { tags: ['12345热线'], summary: '修订知识库条目（新版本，旧版本保留）', params: z.object({ id: zUuid }), body: KbBody.extend({ version: z.number().int().positive('请给出所修订的版本号') }) } }, async (req) => {
    assertCan(req.actor, 'hotline.kb.manage', {}, '只有管理员可以维护知识库');
    const now = ctx.clock.now();
    return ctx.db.transaction().execute(async (trx) => {
      const k = await trx.selectFrom('hotlineKb').select(['id', 'currentVersion']).where('id', '=', req.params.id).where('regionCode', '=', region).forUpdate().executeTakeFirst();
      if (!k) throw notFound('知识库条目');
      if (k.currentVersion !== req.body.version) throw new AppError('version_conflict', `您修订的是第 ${req.body.version} 版，当前已是第 ${k.currentVersion} 版`);
      const version = k.currentVersion + 1;
      await trx.insertInto('hotlineKbVersions').values({ kbId: k.id, version, question: req.body.question, answer: req.body.answer, basis: req.body.basis, keywords: req.body.keywords, editedBy: req.actor.userId, editedAt: now }).execute();
      await trx.updateTable('hotlineKb').set({ currentVersion: version, categoryCode: req.body.categoryCode ?? null, updatedAt: now }).where('id', '=', k.id).execute();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, { action: 'hotline.kb.revise', targetType: 'hotline_kb', targetId: k.id, detail: { version } }, now, region);
      return { id: k.id, version };
    });
  });

  app.get('/hotline/kb/:id/versions', { schema: { tags: ['12345热线'], summary: '知识库条目的全部版本', params: z.object({ id: zUuid }) } }, async (req) => {
    assertCan(req.actor, 'case.view');
    const rows = await ctx.db.selectFrom('hotlineKbVersions as v').innerJoin('hotlineKb as k', 'k.id', 'v.kbId').select(['v.version', 'v.question', 'v.answer', 'v.basis', 'v.keywords', 'v.editedAt'])
      .where('v.kbId', '=', req.params.id).where('k.regionCode', '=', region).orderBy('v.version', 'desc').execute();
    if (!rows.length) throw notFound('知识库条目');
    return rows;
  });

  // ---------- 并单: duplicate suggestions while typing ----------
  app.post('/hotline/duplicates', {
    schema: {
      tags: ['12345热线'], summary: '疑似重复工单（同一电话，或同一乡镇近 N 日内相似内容）',
      body: z.object({ phone: z.string().trim().max(20).optional(), description: z.string().trim().max(4000).optional(), townshipId: zUuid.optional(), excludeNumber: z.string().max(40).optional() }),
    },
  }, async (req) => {
    assertCan(req.actor, 'hotline.intake', {}, '只有热线受理（调度）人员可以查询疑似重复工单');
    const { duplicateDays } = await hotlineSettings(ctx.db, region);
    // the look-back in legal dates: accepted on the day `duplicateDays` days ago or later (Beijing dates)
    const since = addDays(legalDateOf(ctx.clock.now()), -duplicateDays);
    const out = new Map<string, { number: string; reason: string; score: number; categoryName: string; state: string; acceptedAt: string; description: string }>();
    const cols = ['t.number', 't.categoryName', 't.state', 't.acceptedAt', 't.description'] as const;
    if (req.body.phone && req.body.phone.length >= 7) {
      const idx = ctx.crypto.blindIndex(req.body.phone);
      const rows = await ctx.db.selectFrom('hotlineTickets as t').select(cols).where('t.regionCode', '=', region).where('t.phoneIndex', '=', idx).where('t.closedAt', 'is', null).where('t.state', '!=', 'merged').orderBy('t.acceptedAt', 'desc').limit(10).execute();
      for (const r of rows) out.set(r.number, { ...r, acceptedAt: r.acceptedAt.toISOString(), description: redactText(r.description.slice(0, 80)), reason: '同一联系电话的未办结工单', score: 1 });
    }
    const desc = req.body.description;
    if (desc && desc.length >= 6) {
      const mine = new Set(keywordsOf(desc));
      const rows = await ctx.db.selectFrom('hotlineTickets as t').select(cols).where('t.regionCode', '=', region).where('t.acceptedOn', '>=', since).where('t.state', '!=', 'merged')
        .$if(!!req.body.townshipId, (q) => q.where('t.townshipId', '=', req.body.townshipId!)).orderBy('t.acceptedAt', 'desc').limit(500).execute();
      for (const r of rows) {
        const theirs = new Set(keywordsOf(r.description));
        const inter = [...mine].filter((w) => theirs.has(w)).length;
        const jaccard = inter / Math.max(1, new Set([...mine, ...theirs]).size);
        if (jaccard >= 0.3 && !out.has(r.number)) out.set(r.number, { ...r, acceptedAt: r.acceptedAt.toISOString(), description: redactText(r.description.slice(0, 80)), reason: `近${duplicateDays}日${req.body.townshipId ? '同一乡镇' : ''}内容相似（${Math.round(jaccard * 100)}%）`, score: jaccard });
      }
    }
    if (req.body.excludeNumber) out.delete(req.body.excludeNumber.toUpperCase());
    return [...out.values()].sort((a, b) => b.score - a.score).slice(0, 10);
  });

  // ---------- worklists and export ----------
  app.get('/hotline/tickets', {
    schema: { tags: ['12345热线'], summary: '工单列表：调度台、本单位待签收和办理中、逾期、黄牌、红牌、退单争议、待回访、督办（可导出 XLSX）', querystring: ListQuery },
  }, async (req, reply) => {
    assertCan(req.actor, 'case.view');
    const paths = req.actor.grants.filter((g) => can(req.actor, 'case.view', { orgPaths: [g.orgPath] })).map((g) => g.orgPath);
    const now = ctx.clock.now();
    let q = ctx.db.selectFrom('hotlineTickets as t').innerJoin('cases as c', 'c.id', 't.caseId').innerJoin('orgs as o', 'o.id', 't.orgId')
      .where('t.regionCode', '=', region)
      .where((eb) => eb.or(paths.flatMap((p) => [eb('o.path', 'like', `${p}%`), eb('t.leadOrgPath', 'like', `${p}%`)])));
    const v = req.query.view;
    if (v === 'board') q = q.where('t.state', 'in', ['registered', 'returned', 'callback_pending', 'called_back']);
    // The unit's own queues: tickets whose lead unit is one of the caller's orgs (or under it, for a grant over the subtree).
    if (v === 'to_sign' || v === 'handling') {
      const grants = req.actor.grants;
      q = q.where((eb) => eb.or(grants.length ? grants.map((g) => (g.subtree ? eb('t.leadOrgPath', 'like', `${g.orgPath}%`) : eb('t.leadOrgId', '=', g.orgId)))
        : [eb.val(false)]))
        .where('t.state', 'in', v === 'to_sign' ? ['dispatched'] : ['handling', 'extension_requested', 'replied']);
    }
    if (v === 'overdue') q = q.where('c.closedAt', 'is', null).where('c.dueAt', '<', now);
    if (v === 'yellow' || v === 'red') q = q.where('c.closedAt', 'is', null).where('c.warningLevel', '=', v);
    if (v === 'returns') q = q.where('t.state', '=', 'returned');
    if (v === 'callbacks') q = q.where('t.state', '=', 'callback_pending');
    if (v === 'supervised') q = q.where('t.supervised', '=', true).where('c.closedAt', 'is', null);
    if (req.query.line) q = q.where('t.line', '=', req.query.line);
    if (req.query.q) q = q.where((eb) => eb.or([eb('t.number', 'like', `%${req.query.q!.toUpperCase()}%`), eb('t.description', 'like', `%${req.query.q}%`), eb('t.categoryName', 'like', `%${req.query.q}%`)]));
    const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const items = (await q.select([
      't.caseId as id', 't.number', 't.line', 't.channel', 't.ticketType', 't.categoryName', 't.state', 'c.title', 'c.dueAt', 'c.warningLevel', 't.acceptedAt',
      't.returnCount', 't.redoCount', 't.satisfaction', 't.supervised', sql<string | null>`(select name from orgs where id = t.lead_org_id)`.as('leadOrg'),
      sql<string | null>`c.data->'lastReturn'->>'reasonCode'`.as('returnReason'), sql<string | null>`c.data->'lastReturn'->>'note'`.as('returnNote'),
    ]).orderBy(sql`c.due_at asc nulls last`).orderBy('t.acceptedAt').limit(req.query.format === 'xlsx' ? 10000 : req.query.limit).offset(req.query.format === 'xlsx' ? 0 : req.query.offset).execute())
      .map((r) => ({
        ...r, title: redactText(r.title), returnNote: r.returnNote ? redactText(r.returnNote) : r.returnNote,
        channelLabel: (CHANNEL_ZH as Record<string, string>)[r.channel] ?? r.channel, dueAt: r.dueAt?.toISOString() ?? null, acceptedAt: r.acceptedAt.toISOString(),
      }));
    if (req.query.format === 'xlsx') {
      return sendXlsx(reply, '12345工单', [
        { key: 'number', label: '工单编号' }, { key: 'channelLabel', label: '渠道' }, { key: 'ticketType', label: '类型' }, { key: 'categoryName', label: '事项' },
        { key: 'title', label: '标题' }, { key: 'leadOrg', label: '主办单位' }, { key: 'acceptedAt', label: '受理时间' }, { key: 'dueAt', label: '期限' },
        { key: 'warningLevel', label: '预警', value: (r) => ({ normal: '正常', yellow: '黄牌', red: '红牌' })[r.warningLevel as string] },
        { key: 'returnCount', label: '退单次数' }, { key: 'satisfaction', label: '满意度' },
      ], items);
    }
    return { items, total: total.n };
  });

  // ---------- hotspots and keywords: registered metrics (metrics-live.ts), in the caller's scope ----------
  const Period = z.object({ from: zDate.optional(), to: zDate.optional(), line: z.enum(['hotline', 'mailbox']).default('hotline') });
  /** The last 30 days by default; the scope rules of the metrics API (the caller's orgs). */
  const scopeOf = (actor: Actor, q: { from?: string; to?: string }) => metricScope(ctx, actor, q, { defaultFrom: (to) => addDays(to, -29) });
  const metric = (key: string) => ctx.registry.metrics.get(key)!;

  app.get('/hotline/hotspots', { schema: { tags: ['12345热线'], summary: '热点：与上一同长期间相比受理量上升的事项和乡镇（指标 <line>.intake_change）', querystring: Period } }, async (req) => {
    assertCan(req.actor, 'metrics.view');
    const s = await scopeOf(req.actor, req.query);
    const prev = previousPeriod(s.from, s.to);
    const m = metric(`${req.query.line}.intake_change`);
    const rank = (groups: MetricGroup[] = []) => groups
      .map((g) => ({ key: g.label, current: g.numerator ?? 0, previous: g.denominator ?? 0, change: g.value ?? 0, growth: g.denominator ? Math.round(((g.value ?? 0) / g.denominator) * 10000) / 100 : null }))
      .filter((r) => r.change > 0).sort((a, b) => b.change - a.change || b.current - a.current).slice(0, 10);
    return {
      from: s.from, to: s.to, prevFrom: prev.from, prevTo: prev.to, metric: m.key,
      categories: rank((await m.compute(ctx.readDb, s, 'category')).groups),
      townships: rank((await m.compute(ctx.readDb, s, 'township')).groups),
    };
  });

  app.get('/hotline/keywords', { schema: { tags: ['12345热线'], summary: '诉求高频词（中文分词；指标 <line>.keywords）', querystring: Period.extend({ top: z.coerce.number().int().min(1).max(100).default(20) }) } }, async (req) => {
    assertCan(req.actor, 'metrics.view');
    const s = await scopeOf(req.actor, req.query);
    const m = metric(`${req.query.line}.keywords`);
    const v = await m.compute(ctx.readDb, s, 'word');
    return { from: s.from, to: s.to, metric: m.key, tickets: v.value ?? 0, keywords: (v.groups ?? []).slice(0, req.query.top).map((g) => ({ word: g.key, tickets: g.value ?? 0 })) };
  });

  // ---------- import ----------
  app.get('/hotline/import/layout', { schema: { tags: ['12345热线'], summary: '历史工单导入的列说明' } }, async () => ({ columns: IMPORT_COLUMNS, ticketTypes: TICKET_TYPES }));

  app.post('/hotline/import', { schema: { tags: ['12345热线'], summary: '导入历史工单（CSV/XLSX，按表头列名；逐行按原日期重放流程）' } }, async (req) => {
    const centre = await centreOrg(ctx, ctx.db, region, legalDateOf(ctx.clock.now()));
    assertCan(req.actor, 'hotline.intake', { orgPaths: [centre.path] }, '只有热线中心的调度人员可以导入历史工单');
    const file = await req.file();
    if (!file) throw new AppError('validation_failed', '请上传文件', { errors: [{ path: 'body.file', message: '请上传 CSV 或 XLSX 文件' }] });
    const buf = await file.toBuffer();
    let table;
    try { table = /\.csv$/i.test(file.filename) ? parseCsv(buf.toString('utf8')) : await readTable(buf, file.filename); } catch (e) {
      throw new AppError('validation_failed', (e as Error).message, { errors: [{ path: 'body.file', message: (e as Error).message }] });
    }
    return importTickets(ctx, req.actor, table.headers, table.rows);
  });

  app.get('/hotline/summary', {
    schema: { tags: ['12345热线'], summary: '调度台计数（指标 hotline.open 与 mailbox.open，限于本人可见的机构）', querystring: z.object({ line: z.enum(['hotline', 'mailbox']).optional() }) },
  }, async (req) => {
    assertCan(req.actor, 'case.view');
    const s = await metricScope(ctx, req.actor, {}, { permission: 'case.view' });
    const lines = req.query.line ? [req.query.line] : (['hotline', 'mailbox'] as const);
    const by: Record<string, Map<string, number>> = {};
    for (const groupBy of ['state', 'warning', 'overdue']) {
      const counts = new Map<string, number>();
      for (const line of lines) {
        for (const g of (await metric(`${line}.open`).compute(ctx.db, s, groupBy)).groups ?? []) counts.set(g.key, (counts.get(g.key) ?? 0) + (g.value ?? 0));
      }
      by[groupBy] = counts;
    }
    const n = (groupBy: string, key: string) => by[groupBy].get(key) ?? 0;
    return {
      toDispatch: n('state', 'registered'), returns: n('state', 'returned'), callbacks: n('state', 'callback_pending'),
      yellow: n('warning', 'yellow'), red: n('warning', 'red'), overdue: n('overdue', 'true'),
    };
  });

  // ---------- portal: townships for the form, and the citizen's own rating ----------
  app.get('/hotline/public/townships', { config: { public: true }, schema: { tags: ['公众'], summary: '乡镇（街道）列表（网上诉求表单）' } }, async () =>
    ctx.db.selectFrom('orgs').select(['id', 'name']).where('regionCode', '=', region).where('kind', '=', 'township').where('dissolvedOn', 'is', null).orderBy('code').execute());

  app.post('/hotline/public/rate', {
    config: { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } },
    schema: {
      tags: ['公众'], summary: '诉求人评价答复（凭工单编号和联系电话；记为回访）',
      body: z.object({
        number: z.string().trim().min(3, '请输入工单编号').max(40),
        phone: z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '请填写提交诉求时留的电话'),
        satisfaction: z.enum(['满意', '基本满意', '不满意'], '请选择满意度'),
        resolved: z.boolean({ error: '请选择诉求是否解决' }),
        note: z.string().trim().max(500).optional(),
      }),
    },
  }, async (req) => {
    const b = req.body;
    return ctx.db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('cases').select(['id', 'state']).where('type', '=', TICKET).where('regionCode', '=', region).where('number', '=', b.number.toUpperCase()).executeTakeFirst();
      const p = c ? await trx.selectFrom('caseParties').select('phoneIndex').where('caseId', '=', c.id).executeTakeFirst() : undefined;
      // The same answer whether the number or the phone is wrong: no probing of who filed what.
      if (!c || !p?.phoneIndex || p.phoneIndex !== ctx.crypto.blindIndex(b.phone)) throw notFound('工单（或联系电话不符）');
      if (c.state !== 'callback_pending') throw new AppError('transition_not_allowed', '该工单当前不在待评价阶段（答复并反馈后才能评价）', { allowedActions: [] });
      // The citizen, verified by number and phone, records the callback: the platform acts on their behalf.
      const actor = { ...ctx.registry.systemActor('hotline', '诉求人网上评价'), ip: req.ip };
      await performInTrx(ctx, trx, { caseId: c.id, action: 'callback', input: { reached: true, satisfaction: b.satisfaction, resolved: b.resolved, note: b.note ? `诉求人网上评价：${b.note}` : '诉求人网上评价' }, actor });
      return { number: b.number.toUpperCase(), recorded: true };
    });
  });
}
