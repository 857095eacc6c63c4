/**
 * Attachments: stored content-addressed by SM3 in the database (file_blobs, see store.ts), with
 * size and type limits, and served only through a permission check on the case they belong to.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { AppError, notFound } from '../http/problem.ts';
import { assertCan, can } from '../authz.ts';
import { zUuid } from '../http/validation.ts';
import { orgPathsOfCase } from '../cases/case-queries.ts';
import { MAX_FILE_BYTES, sniff, storeFileInTrx } from './store.ts';

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
    const file = await req.file();
    if (!file) throw new AppError('validation_failed', '请选择文件', { errors: [{ path: 'body.file', message: '请选择文件' }] });
    const buf = await file.toBuffer().catch(() => { throw new AppError('payload_too_large', `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`); });
    if (file.file.truncated) throw new AppError('payload_too_large', `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    if (buf.length === 0) throw new AppError('validation_failed', '文件为空', { errors: [{ path: 'body.file', message: '文件为空' }] });
    const mime = sniff(file.filename, buf);
    if (!mime) throw new AppError('unsupported_media_type', '只接受 PDF、PNG、JPG、DOCX、XLSX、OFD、TXT 文件，且内容须与扩展名相符');
    const row = await ctx.db.transaction().execute((trx) =>
      storeFileInTrx(trx, req.params.id, { filename: file.filename, buf, mime }, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, ctx.clock.now()));
    return reply.status(201).send(row);
  });

  app.get('/files/:id', { schema: { tags: ['附件'], summary: '下载附件', params: z.object({ id: zUuid }) } }, async (req, reply) => {
    const f = await ctx.db.selectFrom('files').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!f || !f.caseId) throw notFound('附件');
    await caseVisible(f.caseId, req.actor);
    const blob = await ctx.db.selectFrom('fileBlobs').select('content').where('sm3', '=', f.sm3).executeTakeFirstOrThrow();
    return reply.header('content-type', f.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`).header('x-content-sm3', f.sm3).send(blob.content);
  });
}
