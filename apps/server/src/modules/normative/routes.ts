/**
 * 规范性文件 routes. Portal (public, rate-limited): the 规范性文件库 (two-character search over jieba tokens like the
 * disclosure catalogue; org, status, year; a stable address per document and per version) and 征求意见 (read a draft,
 * comment with optional name and phone — encrypted, masked — and read the answer to each comment after close; the shared
 * 公开征求意见 capability, platform/consultations, whose staff routes answer and moderate). Console: the 登记簿 with filters and
 * XLSX export, its XLSX import, and the county lists.
 */
import { z } from 'zod';
import { sql } from 'kysely';
import { legalDateOf } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/problem.ts';
import { zUuid } from '../../platform/http/validation.ts';
import { readTable, sendXlsx } from '../../platform/io/tabular.ts';
import { openFlagReasons } from '../laws/store.ts';
import { queryTokens } from '../../platform/publication/tokens.ts';
import { consultationView, publicWriteConfig, shownCommentCount, submitPublicComment, zPublicComment } from '../../platform/consultations/comments.ts';
import { LIBRARY_LABEL, LIBRARY_STATES, STATE_LABEL } from './projection.ts';
import { normativeSettings } from './settings.ts';
import { importRegistry, IMPORT_COLUMNS } from './import.ts';
import { NORMATIVE_TYPE } from './workflow.ts';
import { assertCan } from '../../platform/authz.ts';
import { campaignView, CLEANUP_DECISIONS, decideInCampaign, startCampaign } from './cleanup.ts';

const zYear = z.coerce.number().int('年份应为整数').min(1949, '年份有误').max(2100, '年份有误');
const zQ = z.string().trim().max(100, '检索词最多 100 个字');

type Doc = Record<string, unknown>;

async function caseOf(conn: Conn, id: string) {
  return conn.selectFrom('cases').select(['id', 'state', 'title', 'data', 'regionCode', 'orgId']).where('id', '=', id).where('type', '=', NORMATIVE_TYPE).executeTakeFirst();
}

/** A version as the portal shows it: 正文, 起草说明, 解读, 征求意见稿 and its 采纳情况, dates and numbers. */
function publicVersion(row: { caseId: string; rootId: string; versionNo: number; title: string; state: string; regNo: string | null; docNo: string | null;
  orgName: string; docKind: string; category: string; publishedOn: unknown; effectiveOn: unknown; validUntil: unknown; endedOn: unknown }, d: Doc) {
  const comment = (d.comment ?? null) as Doc | null;
  return {
    id: row.caseId, rootId: row.rootId, versionNo: row.versionNo, title: row.title, status: row.state, statusLabel: LIBRARY_LABEL[row.state] ?? STATE_LABEL[row.state],
    regNo: row.regNo, docNo: row.docNo, orgName: row.orgName, docKind: row.docKind, category: row.category, publishedOn: row.publishedOn,
    effectiveOn: row.effectiveOn, validUntil: row.validUntil, endedOn: row.endedOn, trial: d.trial ?? null,
    text: d.text ?? '', explanation: d.explanation ?? '', interpretation: d.interpretation ?? null,
    bases: d.bases ?? [], commentDraft: comment?.draft ?? null, adoption: comment?.adoption ?? null,
    url: `/p/normative/${row.rootId}/v/${row.versionNo}`,
  };
}

export async function normativeRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['规范性文件'];
  const region = ctx.config.defaultRegion;
  const pub = { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } };
  // comments are writes by the public: a tenth of the public read limit per IP
  const pubWrite = publicWriteConfig(ctx);

  const library = (q: { q?: string; orgId?: string; status?: string; year?: number }) => {
    const tokens = q.q ? queryTokens(q.q) : [];
    let base = ctx.db.selectFrom('normativeDocs as n').innerJoin('orgs as o', 'o.id', 'n.orgId')
      .where('n.regionCode', '=', region).where('n.state', 'in', [...LIBRARY_STATES]).where('n.publishedOn', 'is not', null)
      .$if(!!q.orgId, (x) => x.where('n.orgId', '=', q.orgId!)).$if(!!q.status, (x) => x.where('n.state', '=', q.status!))
      .$if(!!q.year, (x) => x.where('n.regYear', '=', q.year!));
    if (tokens.length) base = base.where(sql<boolean>`n.tokens @> ${sql.val(tokens)}::text[]`);
    return { base, tokens };
  };

  // ---------- portal: 规范性文件库 ----------
  app.get('/public/normative/docs', {
    config: pub,
    schema: {
      tags, summary: '规范性文件库：检索（两字词亦可）、按制定机关、状态（现行有效 / 已修改 / 已废止 / 已失效）、年度筛选',
      querystring: z.object({
        q: zQ.optional(), orgId: zUuid.optional(), status: z.enum(LIBRARY_STATES, '状态应为 现行有效、已修改、已废止、已失效 之一').optional(), year: zYear.optional(),
        limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).max(100000).default(0),
      }),
    },
  }, async (req) => {
    const { base, tokens } = library(req.query);
    const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const items = await base.select(['n.caseId', 'n.rootId', 'n.versionNo', 'n.title', 'n.state', 'n.regNo', 'n.docNo', 'n.publishedOn', 'n.effectiveOn', 'n.endedOn', 'o.name as orgName'])
      .orderBy('n.publishedOn', 'desc').orderBy('n.regNo', 'desc').limit(req.query.limit).offset(req.query.offset).execute();
    return {
      total: total.n, tokens,
      items: items.map((i) => ({ ...i, id: i.caseId, statusLabel: LIBRARY_LABEL[i.state], url: `/p/normative/${i.rootId}/v/${i.versionNo}` })),
      statuses: LIBRARY_STATES.map((s) => ({ value: s, label: LIBRARY_LABEL[s] })),
    };
  });
  app.get('/public/normative/orgs', { config: pub, schema: { tags, summary: '规范性文件制定主体清单（本县公布）' } }, async () => {
    const s = await normativeSettings(ctx.db, region);
    if (!s.issuers.length) return [];
    return ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', s.issuers).orderBy('name').execute();
  });

  const versionRows = (rootId: string) => ctx.db.selectFrom('normativeDocs as n').innerJoin('orgs as o', 'o.id', 'n.orgId')
    .select(['n.caseId', 'n.rootId', 'n.versionNo', 'n.title', 'n.state', 'n.regNo', 'n.docNo', 'n.docKind', 'n.category', 'n.publishedOn', 'n.effectiveOn', 'n.validUntil',
      'n.endedOn', 'o.name as orgName'])
    .where('n.rootId', '=', rootId).where('n.regionCode', '=', region).where('n.publishedOn', 'is not', null).orderBy('n.versionNo').execute();
  const showVersion = async (rootId: string, versionNo?: number) => {
    const rows = await versionRows(rootId);
    const row = versionNo === undefined ? rows.at(-1) : rows.find((r) => r.versionNo === versionNo);
    if (!row) throw notFound('规范性文件');
    const c = await caseOf(ctx.db, row.caseId);
    return {
      ...publicVersion(row, (c?.data ?? {}) as Doc),
      versions: rows.map((r) => ({ versionNo: r.versionNo, title: r.title, regNo: r.regNo, docNo: r.docNo, publishedOn: r.publishedOn, statusLabel: LIBRARY_LABEL[r.state],
        url: `/p/normative/${r.rootId}/v/${r.versionNo}` })),
    };
  };
  app.get('/public/normative/docs/:rootId', { config: pub, schema: { tags, summary: '规范性文件（稳定地址：最新公布的版本及版本历史）', params: z.object({ rootId: zUuid }) } },
    async (req) => showVersion(req.params.rootId));
  app.get('/public/normative/docs/:rootId/versions/:versionNo', {
    config: pub, schema: { tags, summary: '规范性文件的某一版本（稳定地址）', params: z.object({ rootId: zUuid, versionNo: z.coerce.number().int().min(1).max(1000) }) },
  }, async (req) => showVersion(req.params.rootId, req.params.versionNo));

  // ---------- portal: 征求意见 ----------
  app.get('/public/normative/consultations', { config: pub, schema: { tags, summary: '征求意见：正在征求意见的草案和已结束的（含采纳情况）' } }, async () => {
    const today = legalDateOf(ctx.clock.now());
    const rows = await ctx.db.selectFrom('normativeDocs as n').innerJoin('orgs as o', 'o.id', 'n.orgId').innerJoin('cases as c', 'c.id', 'n.caseId')
      .select(['n.caseId', 'n.title', 'n.state', 'n.commentStart', 'n.commentEnd', 'o.name as orgName',
        shownCommentCount('n.caseId').as('comments')])
      .where('n.regionCode', '=', region).where('n.commentStart', 'is not', null).where('n.commentStart', '<=', today as never)
      .orderBy('n.commentStart', 'desc').limit(100).execute();
    return rows.map((r) => ({
      ...r, id: r.caseId, open: r.state === 'commenting' && String(r.commentEnd) >= today, url: `/p/normative/consultations/${r.caseId}`,
    }));
  });
  app.get('/public/normative/consultations/:id', { config: pub, schema: { tags, summary: '征求意见稿、期限、公众意见（已脱敏）及逐条采纳情况', params: z.object({ id: zUuid }) } },
    async (req) => consultationView(ctx, NORMATIVE_TYPE, req.params.id, (d) => ({ draft: d.text, explanation: d.explanation })));
  app.post('/public/normative/consultations/:id/comments', {
    config: pubWrite,
    schema: { tags, summary: '提交意见（姓名、电话可不填；加密保存，公开时脱敏）', params: z.object({ id: zUuid }), body: zPublicComment },
  }, async (req, reply) => reply.status(201).send(await submitPublicComment(ctx, {
    type: NORMATIVE_TYPE, caseId: req.params.id, comment: req.body, ip: req.actor.ip, auditAction: 'normative.comment' })));

  // ---------- console ----------
  app.get('/normative/options', { schema: { tags, summary: '本县制定主体清单、公文种类、管理事项类别' } }, async () => {
    const s = await normativeSettings(ctx.db, region);
    const issuers = s.issuers.length ? await ctx.db.selectFrom('orgs').select(['id', 'name', 'kind']).where('id', 'in', s.issuers).orderBy('name').execute() : [];
    return { issuers, docKinds: s.docKinds, categories: s.categories, validityYears: s.validityYears, trialValidityYears: s.trialValidityYears };
  });

  const RegistryQuery = z.object({
    q: zQ.optional(), orgId: zUuid.optional(), state: z.enum(Object.keys(STATE_LABEL) as [string, ...string[]], '状态有误').optional(), year: zYear.optional(),
    format: z.enum(['json', 'xlsx']).default('json'), limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0),
  });
  app.get('/normative/registry', { schema: { tags, summary: '登记簿：已统一登记的规范性文件（筛选、导出 XLSX）', querystring: RegistryQuery } }, async (req, reply) => {
    const q = req.query;
    const tokens = q.q ? queryTokens(q.q) : [];
    let base = ctx.db.selectFrom('normativeDocs as n').innerJoin('orgs as o', 'o.id', 'n.orgId').where('n.regionCode', '=', region).where('n.regNo', 'is not', null)
      .$if(!!q.orgId, (x) => x.where('n.orgId', '=', q.orgId!)).$if(!!q.state, (x) => x.where('n.state', '=', q.state!)).$if(!!q.year, (x) => x.where('n.regYear', '=', q.year!));
    if (tokens.length) base = base.where(sql<boolean>`n.tokens @> ${sql.val(tokens)}::text[]`);
    const sel = base.select(['n.caseId', 'n.rootId', 'n.versionNo', 'n.regNo', 'n.regYear', 'n.docNo', 'n.title', 'n.state', 'n.docKind', 'n.category', 'n.registeredOn',
      'n.publishedOn', 'n.effectiveOn', 'n.validUntil', 'n.endedOn', 'n.updatedAt', 'o.name as orgName',
      sql<string | null>`(select c.data->'filing'->>'status' from cases c where c.id = n.case_id)`.as('filingStatus'),
      // a cited law amended or repealed after the document took effect, not yet dealt with: due for 清理 (laws module)
      openFlagReasons(sql.ref('n.case_id')).as('basisChanged')])
      .orderBy('n.regYear', 'desc').orderBy(sql`(substring(n.reg_no from '(\\d+)$'))::int`, 'desc');
    const rows = (q.format === 'xlsx' ? await sel.limit(10000).execute() : await sel.limit(q.limit).offset(q.offset).execute())
      .map((r) => ({ ...r, id: r.caseId, stateLabel: STATE_LABEL[r.state] }));
    if (q.format === 'xlsx') {
      return sendXlsx(reply, '规范性文件登记簿', [
        { key: 'regNo', label: '统一登记号' }, { key: 'docNo', label: '发文字号' }, { key: 'title', label: '文件名称' }, { key: 'orgName', label: '制定机关' },
        { key: 'docKind', label: '公文种类' }, { key: 'category', label: '管理事项类别' }, { key: 'versionNo', label: '版本' }, { key: 'stateLabel', label: '状态' },
        { key: 'registeredOn', label: '登记日期' }, { key: 'publishedOn', label: '公布日期' }, { key: 'effectiveOn', label: '施行日期' }, { key: 'validUntil', label: '有效期至' },
        { key: 'endedOn', label: '失效/废止日期' }, { key: 'filingStatus', label: '备案情况' }, { key: 'basisChanged', label: '依据变化待清理' },
        { key: 'updatedAt', label: '最后更新（北京时间）' },
      ], rows);
    }
    const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return { total: total.n, items: rows, states: Object.entries(STATE_LABEL).map(([value, label]) => ({ value, label })) };
  });

  app.post('/normative/registry/import', { schema: { tags, summary: `导入既有规范性文件登记簿（XLSX/CSV，列：${IMPORT_COLUMNS.map((c) => c.name).join('、')}）；逐行逐字段报告不予导入的原因` } },
    async (req) => {
      const file = await req.file();
      if (!file) throw new AppError('validation_failed', '请上传文件', { errors: [{ path: 'body.file', message: '请上传 CSV 或 XLSX 文件' }] });
      const buf = await file.toBuffer();
      let table;
      try { table = await readTable(buf, file.filename); } catch (e) { throw new AppError('unsupported_media_type', (e as Error).message); }
      return importRegistry(ctx, req.actor, table.headers, table.rows);
    });

  // ---------- 清理 ----------
  app.get('/normative/campaigns', { schema: { tags, summary: '清理：历次清理及其进度' } }, async () => {
    return ctx.db.selectFrom('normativeCampaigns as k').select(['k.id', 'k.title', 'k.kind', 'k.basis', 'k.startedOn', 'k.closedOn',
      sql<number>`(select count(*)::int from normative_campaign_items i where i.campaign_id = k.id)`.as('documents'),
      sql<number>`(select count(*)::int from normative_campaign_items i where i.campaign_id = k.id and i.decision is not null)`.as('decided')])
      .where('k.regionCode', '=', region).orderBy('k.startedOn', 'desc').execute();
  });
  app.post('/normative/campaigns', {
    schema: {
      tags, summary: '开展清理（列出现行有效的规范性文件）',
      body: z.object({
        title: z.string().trim().min(4, '请填写清理名称（至少 4 个字）').max(200),
        kind: z.enum(['annual', 'adhoc'], '请选择年度清理或专项清理'),
        basis: z.string().trim().min(4, '请填写清理依据（至少 4 个字）').max(500),
      }),
    },
  }, async (req, reply) => {
    assertCan(req.actor, 'normative.manage', {}, '只有司法局审核人员或管理员可以开展清理');
    return reply.status(201).send(await startCampaign(ctx, req.actor, req.body));
  });
  app.get('/normative/campaigns/:id', { schema: { tags, summary: '清理：文件清单和清理决定', params: z.object({ id: zUuid }) } }, async (req) => campaignView(ctx, req.params.id));
  app.post('/normative/campaigns/:id/decisions', {
    schema: {
      tags, summary: '作出清理决定（废止、宣布失效即对文件生效）', params: z.object({ id: zUuid }),
      body: z.object({ caseId: zUuid, decision: z.enum(CLEANUP_DECISIONS, '请选择清理决定'), reason: z.string().trim().min(4, '请说明理由（至少 4 个字）').max(1000) }),
    },
  }, async (req) => {
    assertCan(req.actor, 'normative.manage', {}, '只有司法局审核人员或管理员可以作出清理决定');
    return decideInCampaign(ctx, req.actor, req.params.id, req.body);
  });
}
