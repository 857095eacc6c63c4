/**
 * The 办事指南's downloads (issue 11): per material on a service's checklist, the blank form (空白表格) and a filled-in
 * sample (示例样表). Staff upload a file (POST /powers/service-files), then name it on the material when they save the
 * service (materials[].blankFormFileId / sampleFileId, checked here); the portal serves a file only while a service in
 * force lists it, and the guide shows each with its name and size.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/problem.ts';
import { zUuid } from '../../platform/http/validation.ts';
import { readOneUpload, sendStoredFile, storeFileInTrx } from '../../platform/files/store.ts';

/** What a blank form or a sample may be: what applicants can open and print. */
export const SERVICE_FILE_MIMES = [
  'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/ofd', 'image/png', 'image/jpeg',
] as const;

export const MATERIAL_FILE_FIELDS = ['blankFormFileId', 'sampleFileId'] as const;
export interface StoredMaterial { name: string; required: boolean; blankFormFileId?: string; sampleFileId?: string }
export interface FileRef { id: string; filename: string; size: number; mime: string }

/** Every file a material names must be a service file of this county: errors by field (body.materials.<i>.<field>). */
export async function checkMaterialFiles(conn: Conn, region: string, materials: StoredMaterial[]): Promise<{ path: string; message: string }[]> {
  const ids = [...new Set(materials.flatMap((m) => MATERIAL_FILE_FIELDS.map((f) => m[f]).filter((x): x is string => !!x)))];
  if (!ids.length) return [];
  const known = new Set((await conn.selectFrom('powersServiceFiles').select('fileId').where('fileId', 'in', ids).where('regionCode', '=', region).execute())
    .map((r) => r.fileId));
  return materials.flatMap((m, i) => MATERIAL_FILE_FIELDS.filter((f) => m[f] && !known.has(m[f]!))
    .map((f) => ({ path: `body.materials.${i}.${f}`, message: '文件不存在，请重新上传' })));
}

/** The materials as the guide shows them: each named file with its name, size and type. */
export async function withMaterialFiles<T extends { materials: unknown }>(conn: Conn, services: T[]) {
  const all = services.flatMap((s) => s.materials as StoredMaterial[]);
  const ids = [...new Set(all.flatMap((m) => MATERIAL_FILE_FIELDS.map((f) => m[f]).filter((x): x is string => !!x)))];
  const files = new Map<string, FileRef>(ids.length
    ? (await conn.selectFrom('files').select(['id', 'filename', 'size', 'mime']).where('id', 'in', ids).execute()).map((f) => [f.id, f])
    : []);
  return services.map((s) => ({
    ...s,
    materials: (s.materials as StoredMaterial[]).map((m) => ({
      ...m,
      blankForm: (m.blankFormFileId && files.get(m.blankFormFileId)) || null,
      sample: (m.sampleFileId && files.get(m.sampleFileId)) || null,
    })),
  }));
}

export async function serviceFileRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const region = ctx.config.defaultRegion;

  app.post('/powers/service-files', {
    schema: { tags: ['政务服务事项'], summary: '上传办事指南的空白表格或示例样表（PDF/DOCX/XLSX/OFD/图片，20 MB 以内；保存事项时在材料上引用）' },
  }, async (req, reply) => {
    const file = await readOneUpload(req, SERVICE_FILE_MIMES);
    const now = ctx.clock.now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const stored = await storeFileInTrx(trx, null, file, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, now);
      await trx.insertInto('powersServiceFiles').values({ fileId: stored.id, regionCode: region, uploadedAt: now }).execute();
      return stored;
    });
    return reply.status(201).send(row);
  });

  const pub = { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } };
  app.get('/public/services/:id/files/:fileId', {
    config: pub, schema: { tags: ['公众'], summary: '下载办事指南的空白表格或示例样表', params: z.object({ id: zUuid, fileId: zUuid }) },
  }, async (req, reply) => {
    const s = await ctx.db.selectFrom('powersServices as s').innerJoin('powersItems as p', 'p.id', 's.powerId').select('s.materials')
      .where('s.id', '=', req.params.id).where('s.regionCode', '=', region).where('s.status', '=', 'active').where('p.status', '=', 'active')
      .executeTakeFirst();
    if (!s) throw notFound('事项');
    const listed = (s.materials as StoredMaterial[]).some((m) => MATERIAL_FILE_FIELDS.some((f) => m[f] === req.params.fileId));
    if (!listed) throw notFound('文件');
    const f = await ctx.db.selectFrom('files').select(['sm3', 'mime', 'filename']).where('id', '=', req.params.fileId).executeTakeFirst();
    if (!f) throw notFound('文件');
    return sendStoredFile(ctx.db, reply, f);
  });
}
