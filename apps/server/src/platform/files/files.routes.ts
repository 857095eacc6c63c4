/**
 * Attachments: stored content-addressed by SM3 in the database (file_blobs, see store.ts), with
 * size and type limits, and served only through a permission check on the case they belong to.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { notFound } from '../http/problem.ts';
import { assertCan, can } from '../authz.ts';
import { zUuid } from '../http/validation.ts';
import { orgPathsOfCase } from '../cases/case-queries.ts';
import { readOneUpload, sendStoredFile, storeFileInTrx } from './store.ts';

export async function fileRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();

  async function caseVisible(caseId: string, actor: import('../authz.ts').Actor) {
    const paths = await orgPathsOfCase(ctx.db, caseId);
    if (!paths.length || !can(actor, 'case.view', { orgPaths: paths })) throw notFound('案件');
    return paths;
  }

  app.get('/cases/:id/files', { schema: { tags: ['附件'], summary: '案件附件', params: z.object({ id: zUuid }) } }, async (req) => {
    await caseVisible(req.params.id, req.actor);
    // Issued 文书 are stored as files too; they are listed with their 文号 by GET /cases/:id/documents, not as attachments.
    const rows = await ctx.db.selectFrom('files').select(['id', 'filename', 'mime', 'size', 'sm3', 'createdAt', 'uploadedBy'])
      .where('caseId', '=', req.params.id)
      .where((eb) => eb('id', 'not in', eb.selectFrom('caseDocuments').select('fileId').where('caseId', '=', req.params.id))).orderBy('createdAt').execute();
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  });

  app.post('/cases/:id/files', { schema: { tags: ['附件'], summary: '上传附件（PDF/图片/DOCX/XLSX/OFD/TXT，20 MB 以内）', params: z.object({ id: zUuid }) } }, async (req, reply) => {
    const paths = await caseVisible(req.params.id, req.actor);
    assertCan(req.actor, 'case.upload', { orgPaths: paths }, '您不能为该案件上传附件');
    const file = await readOneUpload(req);
    const row = await ctx.db.transaction().execute((trx) =>
      storeFileInTrx(trx, req.params.id, file, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, ctx.clock.now()));
    return reply.status(201).send(row);
  });

  app.get('/files/:id', { schema: { tags: ['附件'], summary: '下载附件', params: z.object({ id: zUuid }) } }, async (req, reply) => {
    const f = await ctx.db.selectFrom('files').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!f || !f.caseId) throw notFound('附件');
    await caseVisible(f.caseId, req.actor);
    return sendStoredFile(ctx.db, reply, f);
  });
}
