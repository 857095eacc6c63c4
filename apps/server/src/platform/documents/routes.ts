/**
 * HTTP API of 文书: what a case may have issued and what was issued (GET /cases/:id/documents), issuing
 * (POST, Idempotency-Key), the stored original as DOCX or PDF, 补打 (a marked, counted, audited reprint), and the
 * county's templates (list, history, save with checks, a sample preview as DOCX/PDF).
 */
import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fillTemplate, legalDateOf, renderDocNo, sampleValues } from '@yifa/contracts';
import type { Ctx } from '../context.ts';
import { AppError, notFound } from '../http/problem.ts';
import { runCommand } from '../http/idempotency.ts';
import { zUuid } from '../http/validation.ts';
import { assertCan, can, type Actor } from '../authz.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { dateZh, gongwenDocx, templateBlocks } from './gongwen.ts';
import { docxToPdf, pdfStatus } from './pdf.ts';
import { reprintHeadline, stampReprint } from './stamp.ts';
import { placeholdersOfKind } from './types.ts';
import {
  blockedBy, DOCX_MIME, eventsOf, issuedOf, issueInTrx, issuerRoles, kindOf, mayIssue, readTemplate, stepLabels, templateSaveProblems, visibleCase,
  type CountyTemplate,
} from './store.ts';

/**
 * Who may call each 文书 route, as the manifests' `routeAccess` tables declare it where the app checks route access
 * (the spine's table takes `...DOCUMENT_ROUTE_ACCESS`); the handlers check the case and the kind themselves.
 */
export const DOCUMENT_ROUTE_ACCESS: Record<string, string | readonly string[]> = {
  'GET /cases/:id/documents': 'case.view',
  'POST /cases/:id/documents': 'documents.issue',
  'GET /documents/:id/file': 'case.view',
  'POST /documents/:id/reprints': 'documents.issue',
  'GET /documents/templates': 'documents.manage',
  'GET /documents/templates/:kind': 'documents.manage',
  'PUT /documents/templates/:kind': 'documents.manage',
  'POST /documents/templates/:kind/preview': 'documents.manage',
  'GET /documents/pdf': ['case.view', 'documents.manage'],
};

const zFormat = z.enum(['docx', 'pdf'], '格式应为 docx 或 pdf').default('docx');
const zKind = z.string().trim().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*$/, '文书种类应如 approvals.acceptance');
const zTemplate = z.object({
  title: z.string().max(60, '标题最多 60 个字').meta({ title: '标题' }),
  docNo: z.string().max(60, '文号规则最多 60 个字').meta({ title: '文号规则' }),
  docNoByOrg: z.record(z.string(), z.string().max(60, '文号规则最多 60 个字')).default({}).meta({ title: '各机关的文号规则' }),
  body: z.string().max(20000, '正文最多 20000 个字').meta({ title: '正文' }),
});

function sendFile(reply: FastifyReply, buf: Buffer, format: 'docx' | 'pdf', name: string, headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  const type = format === 'pdf' ? 'application/pdf' : DOCX_MIME;
  const file = name.replace(/\.docx$/, `.${format}`);
  // A PDF opens in the browser (to print it); a DOCX is saved.
  const disposition = format === 'pdf' ? 'inline' : 'attachment';
  return reply.header('content-type', type).header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file)}`).send(buf);
}

export async function documentRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['文书'];
  const region = ctx.config.defaultRegion;
  const ref = (a: Actor) => ({ id: a.userId, name: a.name, ip: a.ip });

  const documentView = (d: Awaited<ReturnType<typeof issuedOf>>[number]) => ({
    id: d.id, kind: d.kind, label: ctx.registry.documents.get(d.kind)?.label ?? d.kind, title: d.title, number: d.number, eventSeq: d.eventSeq,
    issuedAt: d.issuedAt.toISOString(), issuedByName: d.issuedByName, sm3: d.sm3, size: d.size, filename: d.filename, fileId: d.fileId,
    templateVersion: d.templateVersion, prints: Number(d.prints ?? 0),
  });

  app.get('/cases/:id/documents', {
    schema: { tags, summary: '案件的文书：可出具的种类（及不能出具的原因）、已出具的文书（文号、SM3、补打次数）、能否生成 PDF', params: z.object({ id: zUuid }) },
  }, async (req) => {
    const { c, orgPaths } = await visibleCase(ctx.db, req.actor, req.params.id);
    const issued = await issuedOf(ctx.db, c.id);
    const evs = await eventsOf(ctx.db, c.id);
    const kinds = [...ctx.registry.documents.values()].filter((d) => d.caseType === c.type).map((d) => {
      const b = blockedBy(ctx, d, evs, issued);
      return {
        kind: d.kind, label: d.label, basis: d.basis, after: stepLabels(ctx, d), issuable: !b.code, reason: b.reason,
        canIssue: mayIssue(ctx, req.actor, d, orgPaths),
      };
    });
    return { pdf: pdfStatus(), kinds, issued: issued.map(documentView) };
  });

  app.post('/cases/:id/documents', {
    schema: {
      tags, summary: '出具文书（按本县模板和文号规则；同一步骤一份；支持 Idempotency-Key）。409：步骤未到或已出具；404：该类案件没有此文书',
      params: z.object({ id: zUuid }), body: z.object({ kind: zKind.meta({ title: '文书种类' }) }),
    },
  }, async (req, reply) => {
    const key = req.headers['idempotency-key'] as string | undefined;
    const r = await runCommand(ctx, req.actor, key, { caseId: req.params.id, ...req.body }, async (trx) => {
      const id = await issueInTrx(ctx, trx, req.params.id, req.body.kind, req.actor);
      const doc = (await issuedOf(trx, req.params.id)).find((d) => d.id === id)!;
      return { status: 201, body: documentView(doc) };
    });
    return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
  });

  async function documentOf(actor: Actor, id: string) {
    const d = await ctx.db.selectFrom('caseDocuments as d').innerJoin('files as f', 'f.id', 'd.fileId').innerJoin('fileBlobs as b', 'b.sm3', 'd.sm3')
      .select(['d.id', 'd.caseId', 'd.kind', 'd.number', 'd.sm3', 'd.issuedAt', 'd.regionCode', 'f.filename', 'b.content'])
      .where('d.id', '=', id).executeTakeFirst();
    if (!d) throw notFound('文书');
    const { orgPaths } = await visibleCase(ctx.db, actor, d.caseId).catch(() => { throw notFound('文书'); });
    return { d, orgPaths };
  }

  app.get('/documents/:id/file', {
    schema: {
      tags, summary: '下载已出具文书的原件：DOCX 为所存文件本身（x-content-sm3 即其 SM3），PDF 由其转换（未安装 LibreOffice 时 503）',
      params: z.object({ id: zUuid }), querystring: z.object({ format: zFormat }),
    },
  }, async (req, reply) => {
    const { d } = await documentOf(req.actor, req.params.id);
    const buf = req.query.format === 'pdf' ? await docxToPdf(d.content) : d.content;
    // The original holds the addressee's name: every download is recorded.
    await ctx.db.transaction().execute((trx) => appendAuditInTrx(trx, ref(req.actor), {
      action: 'document.download', targetType: 'case', targetId: d.caseId, detail: { documentId: d.id, number: d.number, format: req.query.format },
    }, ctx.clock.now(), d.regionCode));
    return sendFile(reply, buf, req.query.format, d.filename, { 'x-content-sm3': d.sm3 });
  });

  app.post('/documents/:id/reprints', {
    schema: {
      tags, summary: '补打：所存原件加注"补打件（第 N 次补打）"、补打时间和人员、原件文号和 SM3 后下载（计数、留痕；支持 Idempotency-Key）',
      params: z.object({ id: zUuid }), body: z.object({ format: zFormat, reason: z.string().trim().max(200, '最多 200 个字').optional().meta({ title: '补打原因' }) }),
    },
  }, async (req, reply) => {
    const { d, orgPaths } = await documentOf(req.actor, req.params.id);
    assertCan(req.actor, 'documents.issue', { orgPaths });
    // PDF needs LibreOffice: say so before a reprint is counted.
    if (req.body.format === 'pdf' && !pdfStatus().available) throw new AppError('not_ready', pdfStatus().message ?? undefined);
    const now = ctx.clock.now();
    const key = req.headers['idempotency-key'] as string | undefined;
    const r = await runCommand(ctx, req.actor, key, { documentId: d.id, ...req.body }, async (trx) => {
      const prev = await trx.selectFrom('caseDocumentPrints').select((eb) => eb.fn.max('n').as('n')).where('documentId', '=', d.id).executeTakeFirst();
      const n = Number(prev?.n ?? 0) + 1;
      await trx.insertInto('caseDocumentPrints').values({
        documentId: d.id, n, format: req.body.format, printedAt: now, printedBy: req.actor.userId, printedByName: req.actor.name,
        reason: req.body.reason ?? null,
      }).execute();
      await appendAuditInTrx(trx, ref(req.actor), {
        action: 'document.reprint', targetType: 'case', targetId: d.caseId,
        detail: { documentId: d.id, number: d.number, n, format: req.body.format, reason: req.body.reason ?? null },
      }, now, d.regionCode);
      return { status: 200, body: { n, printedOn: legalDateOf(now), printedBy: req.actor.name } };
    });
    const m = r.body;
    const stamped = stampReprint(d.content, {
      n: m.n, number: d.number, sm3: d.sm3, issuedOn: dateZh(legalDateOf(d.issuedAt)), printedOn: dateZh(m.printedOn), printedBy: m.printedBy,
    });
    const buf = req.body.format === 'pdf' ? await docxToPdf(stamped) : stamped;
    return sendFile(reply, buf, req.body.format, d.filename.replace(/\.docx$/, `（补打${m.n}）.docx`), {
      'x-reprint': String(m.n), 'x-source-sm3': d.sm3, 'x-reprint-mark': encodeURIComponent(reprintHeadline(m)), 'idempotent-replayed': String(r.replayed),
    });
  });

  // ---------- templates (系统管理 → 文书模板) ----------
  const templateView = async (kind: string) => {
    const d = kindOf(ctx, kind);
    const cur = await readTemplate(ctx.db, region, d);
    return {
      kind: d.kind, label: d.label, module: d.module, moduleLabel: d.moduleLabel,
      caseType: d.caseType, caseTypeLabel: ctx.registry.workflow(d.caseType)?.label ?? d.caseType,
      after: stepLabels(ctx, d), issuers: issuerRoles(ctx, d), basis: d.basis, placeholders: placeholdersOfKind(d),
      template: cur.template, defaults: d.template, version: cur.version, source: cur.source, setAt: cur.setAt?.toISOString() ?? null, setByName: cur.setByName,
    };
  };

  app.get('/documents/templates', { schema: { tags, summary: '各类文书的模板（现行：本县版本或模块默认）、占位符、出具步骤' } }, async (req) => {
    assertCan(req.actor, 'documents.manage');
    return Promise.all([...ctx.registry.documents.keys()].map(templateView));
  });

  app.get('/documents/templates/:kind', { schema: { tags, summary: '一类文书的模板及历次修改（修改人、时间、理由）', params: z.object({ kind: zKind }) } }, async (req) => {
    assertCan(req.actor, 'documents.manage');
    const v = await templateView(req.params.kind);
    const history = await ctx.db.selectFrom('documentTemplates').select(['version', 'title', 'docNo', 'docNoByOrg', 'body', 'setAt', 'setByName', 'reason'])
      .where('regionCode', '=', region).where('kind', '=', req.params.kind).orderBy('version', 'desc').execute();
    return { ...v, history: history.map((h) => ({ ...h, setAt: h.setAt.toISOString() })) };
  });

  app.put('/documents/templates/:kind', {
    schema: {
      tags, summary: '修改一类文书的模板和文号规则（占位符、文号格式在保存时检查；version 为所修改的版本，过期则 409；留痕）',
      params: z.object({ kind: zKind }),
      body: zTemplate.extend({
        version: z.number().int().min(0).optional().meta({ title: '所修改的版本（0 = 尚未修改）' }),
        reason: z.string().trim().max(500, '最多 500 个字').optional().meta({ title: '修改理由' }),
      }),
    },
  }, async (req) => {
    assertCan(req.actor, 'documents.manage');
    const d = kindOf(ctx, req.params.kind);
    const t: CountyTemplate = {
      title: req.body.title.trim(), docNo: req.body.docNo.trim(), body: req.body.body.replace(/\r\n/g, '\n'), docNoByOrg: req.body.docNoByOrg,
    };
    const errors = await templateSaveProblems(ctx, ctx.db, region, d, t);
    if (errors.length) throw new AppError('validation_failed', '文书模板有误，请检查标出的字段', { errors });
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      const before = await readTemplate(trx, region, d);
      if (req.body.version !== undefined && req.body.version !== before.version) throw new AppError('conflict', `模板已被他人修改（当前版本 ${before.version}），请刷新后再改`);
      const ins = await trx.insertInto('documentTemplates').values({
        regionCode: region, kind: d.kind, version: before.version + 1, title: t.title, docNo: t.docNo, docNoByOrg: JSON.stringify(t.docNoByOrg), body: t.body,
        setBy: req.actor.userId, setByName: req.actor.name, setAt: now, reason: req.body.reason ?? null,
      }).onConflict((oc) => oc.doNothing()).returning('version').executeTakeFirst();
      if (!ins) throw new AppError('conflict', '模板已被他人同时修改，请刷新后再改');
      await appendAuditInTrx(trx, ref(req.actor), {
        action: 'documents.template.save', targetType: 'document_template', targetId: d.kind,
        detail: { version: before.version + 1, before: before.template, after: t },
      }, now, region);
    });
    return templateView(d.kind);
  });

  app.post('/documents/templates/:kind/preview', {
    schema: {
      tags, summary: '样稿：用示例取值填充（尚未保存的）模板，生成 DOCX 或 PDF',
      params: z.object({ kind: zKind }), querystring: z.object({ format: zFormat }), body: zTemplate,
    },
  }, async (req, reply) => {
    assertCan(req.actor, 'documents.manage');
    const d = kindOf(ctx, req.params.kind);
    const t: CountyTemplate = { ...req.body, docNoByOrg: req.body.docNoByOrg };
    const errors = await templateSaveProblems(ctx, ctx.db, region, d, t);
    if (errors.length) throw new AppError('validation_failed', '文书模板有误，请检查标出的字段', { errors });
    const samples = sampleValues(placeholdersOfKind(d));
    const today = legalDateOf(ctx.clock.now());
    const number = renderDocNo(t.docNo, Number(today.slice(0, 4)), 1);
    const filled = fillTemplate(t, { ...samples, 文号: number });
    const org = String(samples.机关);
    const blocks = templateBlocks(filled.blocks);
    const buf = await gongwenDocx({ masthead: org, docNo: number, title: `${filled.title}（样稿）`, blocks, signer: org, date: today });
    return sendFile(reply, req.query.format === 'pdf' ? await docxToPdf(buf) : buf, req.query.format, `${d.label}（样稿）.docx`);
  });

  // A case page asks once whether PDF is possible; the admin page too.
  app.get('/documents/pdf', { schema: { tags, summary: '本服务器能否生成 PDF（是否安装了 LibreOffice）' } }, async (req) => {
    if (!can(req.actor, 'case.view') && !can(req.actor, 'documents.manage')) throw new AppError('forbidden');
    return pdfStatus();
  });
}
