/**
 * 重大行政决策 routes. Portal (public, rate-limited): the published 决策事项目录; the list of open and closed
 * consultations and hearings; a consultation page (draft, 说明, period and days left, comments masked, each answered in
 * the 采纳情况 after close); a comment (name and phone optional — encrypted, masked) — all through the shared 公开征求意见
 * capability (platform/consultations), whose staff routes answer and moderate the comments. Console: the published
 * catalogues for the 决策启动 form and the 归档 (ZIP with manifest, archive.ts).
 */
import { z } from 'zod';
import { sql } from 'kysely';
import { legalDateOf } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import { assertCan, can, type Actor } from '../../platform/authz.ts';
import { notFound } from '../../platform/http/problem.ts';
import { zUuid } from '../../platform/http/validation.ts';
import {
  consultationView, roundOpen, type Round, publicWriteConfig, shownCommentCount, submitPublicComment, zPublicComment,
} from '../../platform/consultations/comments.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { orgPathsOfCase } from '../../platform/cases/case-queries.ts';
import { CATALOG_TYPE, DECISION_TYPE } from './workflow.ts';
import { buildArchive } from './archive.ts';

type Doc = Record<string, unknown>;
const staff = (a: Actor) => ({ id: a.userId, name: a.name, ip: a.ip });

export async function decisionRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['重大行政决策'];
  const region = ctx.config.defaultRegion;
  const pub = { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } };
  const pubWrite = publicWriteConfig(ctx);

  const catalogs = async () => {
    const rows = await ctx.db.selectFrom('cases as c')
      .select(['c.id', 'c.title', 'c.data', sql<string>`(select o.name from orgs o where o.id = (c.data->>'ownerOrgId')::uuid)`.as('ownerName')]).where('c.type', '=', CATALOG_TYPE).where('c.state', '=', 'published')
      .where('c.regionCode', '=', region).orderBy(sql`c.data->>'year'`, 'desc').execute();
    const orgIds = [...new Set(rows.flatMap((r) => ((r.data as Doc).items as Doc[]).map((i) => String(i.leadOrgId))))];
    const names = new Map((orgIds.length ? await ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', orgIds).execute() : []).map((o) => [o.id, o.name]));
    return rows.map((r) => {
      const d = r.data as Doc;
      return { id: r.id, title: r.title, year: d.year, ownerName: r.ownerName, publishedOn: d.publishedOn, consent: d.consent,
        items: (d.items as Doc[]).map((i) => ({ no: i.no, title: i.title, scope: i.scope, standard: i.standard, leadOrgName: names.get(String(i.leadOrgId)) ?? '',
          addedOn: i.addedOn ?? null })) };
    });
  };
  app.get('/public/decisions/catalogs', { config: pub, schema: { tags, summary: '重大行政决策事项目录（经同级党委同意后公布，含年度中增补的事项）' } }, catalogs);
  app.get('/decisions/catalogs', { schema: { tags, summary: '已公布的决策事项目录（决策启动时选择事项）' } }, catalogs);

  app.get('/public/decisions/consultations', { config: pub, schema: { tags, summary: '决策草案征求意见和听证会：正在进行的和已结束的' } }, async () => {
    const today = legalDateOf(ctx.clock.now());
    const rows = await ctx.db.selectFrom('cases as c').innerJoin('orgs as o', 'o.id', 'c.orgId')
      .select(['c.id', 'c.title', 'c.data', 'o.name as orgName',
        shownCommentCount('c.id').as('comments')])
      .where('c.type', '=', DECISION_TYPE).where('c.regionCode', '=', region)
      .where((eb) => eb.or([eb(sql`c.data->'comment'->>'startOn'`, '<=', today), eb(sql`c.data->'hearing'->>'listPublishedOn'`, '<=', today)]))
      .orderBy('c.createdAt', 'desc').limit(200).execute();
    return rows.flatMap((r) => {
      const d = r.data as Doc;
      const cm = d.comment as Doc | null;
      const h = d.hearing as Doc | null;
      return [
        ...(cm && String(cm.startOn) <= today ? [{ kind: '公开征求意见', id: r.id, title: r.title, orgName: r.orgName, startOn: cm.startOn, endOn: cm.endOn,
          open: roundOpen(cm as unknown as Round, today), comments: r.comments, url: `/p/decisions/consultations/${r.id}` }] : []),
        ...(h && String(h.listPublishedOn) <= today ? [{ kind: '听证会', id: r.id, title: r.title, orgName: r.orgName, startOn: h.hearingOn, endOn: h.hearingOn,
          open: !h.minutes, comments: 0, url: `/p/decisions/consultations/${r.id}` }] : []),
      ];
    });
  });

  app.get('/public/decisions/consultations/:id', { config: pub, schema: { tags, summary: '决策草案、说明、期限、公众意见（已脱敏）及逐条采纳情况', params: z.object({ id: zUuid }) } },
    async (req) => {
      const v = await consultationView(ctx, DECISION_TYPE, req.params.id, (d) => ({ draft: d.draft, explanation: d.explanation }));
      const c = await ctx.db.selectFrom('cases').select('data').where('id', '=', v.id).executeTakeFirstOrThrow();
      const h = (c.data as Doc).hearing as Doc | null | undefined;
      return { ...v, hearing: h ? { hearingOn: h.hearingOn, participants: h.participants, held: !!h.minutes } : null };
    });
  app.post('/public/decisions/consultations/:id/comments', {
    config: pubWrite,
    schema: { tags, summary: '对决策草案提出意见（姓名、电话可不填；加密保存，公开时脱敏）', params: z.object({ id: zUuid }), body: zPublicComment },
  }, async (req, reply) => reply.status(201).send(await submitPublicComment(ctx, {
    type: DECISION_TYPE, caseId: req.params.id, comment: req.body, ip: req.actor.ip, auditAction: 'decisions.comment' })));

  // ---------- console (the comments' answers and moderation are the shared /consultations routes) ----------
  app.post('/decisions/cases/:id/archive', {
    schema: { tags, summary: '归档：决策全过程材料、事件链和决策过程记录（DOCX）打包为 ZIP，清单列明每个文件的 SM3（第三十三条）', params: z.object({ id: zUuid }) },
  }, async (req, reply) => {
    assertCan(req.actor, 'decisions.act', {}, '只有承办单位工作人员可以归档');
    await assertHolder(ctx, req.actor, req.params.id);
    const a = await buildArchive(ctx, req.params.id);
    const c = await ctx.db.selectFrom('cases').select('regionCode').where('id', '=', req.params.id).executeTakeFirstOrThrow();
    await ctx.db.transaction().execute((trx) => appendAuditInTrx(trx, staff(req.actor),
      { action: 'decisions.archive', targetType: 'case', targetId: req.params.id, detail: { chainHead: a.manifest.chainHead, files: a.manifest.files.length } },
      ctx.clock.now(), c.regionCode));
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`).send(a.zip);
  });
}


async function assertHolder(ctx: Ctx, actor: Actor, id: string) {
  const c = await ctx.db.selectFrom('cases').select('id').where('id', '=', id).where('type', '=', DECISION_TYPE).executeTakeFirst();
  if (!c) throw notFound('重大行政决策');
  if (!can(actor, 'case.view', { orgPaths: await orgPathsOfCase(ctx.db, c.id) })) throw notFound('重大行政决策');
}
