/**
 * Storing attachments, shared by the staff upload, the public submission and Open311 `media`:
 * type sniffing by first bytes, reading a multipart request, checking files against a case
 * type's AttachmentRule, and storing one file in the caller's transaction (SM3 content-addressed
 * blob + files row + audit row).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyMultipartBaseOptions } from '@fastify/multipart';
import type { AttachmentRule, FieldError } from '@yifa/contracts';
import type { Conn, Tx } from '../db/client.ts';
import { appendAuditInTrx, type ActorRef } from '../audit/chain.ts';
import { sm3 } from '../crypto/sm.ts';
import { AppError } from '../http/problem.ts';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const PK = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Allowed types, recognised by their first bytes (the declared type is not trusted). */
const SIGNATURES: { mime: string; label: string; exts: string[]; magic: (b: Buffer) => boolean }[] = [
  { mime: 'application/pdf', label: 'PDF', exts: ['.pdf'], magic: (b) => b.subarray(0, 5).toString() === '%PDF-' },
  { mime: 'image/png', label: 'PNG', exts: ['.png'], magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', label: 'JPG', exts: ['.jpg', '.jpeg'], magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'DOCX', exts: ['.docx'], magic: (b) => b.subarray(0, 4).equals(PK) },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX', exts: ['.xlsx'], magic: (b) => b.subarray(0, 4).equals(PK) },
  { mime: 'application/ofd', label: 'OFD', exts: ['.ofd'], magic: (b) => b.subarray(0, 4).equals(PK) },
  { mime: 'text/plain', label: 'TXT', exts: ['.txt'], magic: (b) => !b.includes(0) },
];

export function sniff(filename: string, buf: Buffer): string | null {
  const name = filename.toLowerCase();
  const s = SIGNATURES.find((x) => x.exts.some((e) => name.endsWith(e)));
  return s && s.magic(buf) ? s.mime : null;
}

export const megabytes = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

/** A rule as clients need it: limits, and the accepted types with labels and extensions. */
export function describeRule(rule: AttachmentRule) {
  const types = SIGNATURES.filter((s) => rule.mimes.includes(s.mime)).map(({ mime, label, exts }) => ({ mime, label, exts }));
  return { maxFiles: rule.maxFiles, maxBytes: rule.maxBytes, basis: rule.basis, types };
}

/** A client's file name without control characters (NUL cannot be stored; the others have no place in a name). */
// eslint-disable-next-line no-control-regex
export const safeFilename = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'file';

/**
 * The one file of a staff upload (multipart, field `file`), read whole and checked: present, not empty, at most
 * MAX_FILE_BYTES, of an allowed type by its first bytes (and, if given, one of `mimes`).
 */
export async function readOneUpload(req: FastifyRequest, mimes?: readonly string[]): Promise<{ filename: string; buf: Buffer; mime: string }> {
  const file = await req.file();
  if (!file) throw new AppError('validation_failed', '请选择文件', { errors: [{ path: 'body.file', message: '请选择文件' }] });
  const tooBig = () => new AppError('payload_too_large', `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const buf = await file.toBuffer().catch(() => { throw tooBig(); });
  if (file.file.truncated) throw tooBig();
  if (buf.length === 0) throw new AppError('validation_failed', '文件为空', { errors: [{ path: 'body.file', message: '文件为空' }] });
  const mime = sniff(file.filename, buf);
  const allowed = SIGNATURES.filter((x) => !mimes || mimes.includes(x.mime)).map((x) => x.label).join('、');
  if (!mime || (mimes && !mimes.includes(mime))) throw new AppError('unsupported_media_type', `只接受 ${allowed} 文件，且内容须与扩展名相符`);
  return { filename: file.filename, buf, mime };
}

export interface Upload { field: string; filename: string; buf: Buffer; truncated: boolean }
export interface CheckedFile { filename: string; buf: Buffer; mime: string; sm3: string }

/**
 * Read a multipart request: its text fields and its files. At most `maxFiles` files are held in
 * memory, each cut at `maxBytes` (marked truncated); further files are read past and counted.
 */
export async function readMultipart(req: FastifyRequest, limits: { maxFiles: number; maxBytes: number }): Promise<{ fields: Map<string, string[]>; files: Upload[]; skipped: number }> {
  const fields = new Map<string, string[]>();
  const files: Upload[] = [];
  let skipped = 0;
  const hardLimit = limits.maxFiles * 4 + 4;
  try {
    // throwFileSizeLimit: false → an oversized file is cut and marked, so that it can be named
    const opts: FastifyMultipartBaseOptions = { limits: { fileSize: limits.maxBytes, files: hardLimit, fields: 50, fieldSize: 1024 * 1024 }, throwFileSizeLimit: false };
    for await (const part of req.parts(opts)) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw new AppError('payload_too_large', `字段 ${part.fieldname} 超过 1 MB`);
        const value = String(part.value);
        // PostgreSQL cannot store U+0000: refused here, raw or JSON-escaped (a field may carry JSON), naming the field.
        if (value.includes('\u0000') || /\\u0000/i.test(value)) {
          const path = `body.${part.fieldname.replaceAll('\u0000', '')}`;
          throw new AppError('validation_failed', `字段 ${path} 含有空字符（U+0000）`, { errors: [{ path, message: '不能包含空字符（U+0000）' }] });
        }
        fields.set(part.fieldname, [...(fields.get(part.fieldname) ?? []), value]);
      } else if (files.length < limits.maxFiles) {
        const buf = await part.toBuffer();
        files.push({ field: part.fieldname, filename: safeFilename(part.filename), buf, truncated: part.file.truncated });
      } else {
        skipped++;
        for await (const _ of part.file) { /* read past: counted, not kept */ }
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError('payload_too_large', `一次最多上传 ${hardLimit} 个文件或 50 个字段`);
    throw e;
  }
  return { fields, files, skipped };
}

/**
 * Check files against a case type's rule (none = no files accepted). Every bad file is named
 * (`${path}.${i}`); too many files are reported on `path`.
 */
export function checkUploads(rule: AttachmentRule | undefined, files: Upload[], path: string, skipped = 0): { errors: FieldError[]; ok: CheckedFile[] } {
  const total = files.length + skipped;
  if (!total) return { errors: [], ok: [] };
  if (!rule) return { errors: [{ path, message: '该事项不接受附件' }], ok: [] };
  const errors: FieldError[] = [];
  const ok: CheckedFile[] = [];
  const labels = describeRule(rule).types.map((t) => t.label).join('、');
  if (total > rule.maxFiles) errors.push({ path, message: `最多上传 ${rule.maxFiles} 个文件，收到 ${total} 个` });
  files.forEach((f, i) => {
    const name = `“${f.filename}”`;
    const mime = sniff(f.filename, f.buf);
    if (f.truncated || f.buf.length > rule.maxBytes) errors.push({ path: `${path}.${i}`, message: `${name}超过 ${megabytes(rule.maxBytes)}` });
    else if (f.buf.length === 0) errors.push({ path: `${path}.${i}`, message: `${name}是空文件` });
    else if (!mime || !rule.mimes.includes(mime)) errors.push({ path: `${path}.${i}`, message: `${name}不是允许的类型：只接受 ${labels}，且内容须与扩展名相符` });
    else ok.push({ filename: f.filename.slice(0, 200), buf: f.buf, mime, sm3: sm3(f.buf) });
  });
  return { errors, ok };
}

/**
 * Store one checked file on a case (or on none: a 办事指南 blank form), in the caller's transaction, with its audit row
 * (unless the caller audits it as part of its own act).
 */
export async function storeFileInTrx(
  trx: Tx, caseId: string | null, f: Omit<CheckedFile, 'sm3'> & { sm3?: string }, actor: ActorRef, at: Date, opts: { audit?: boolean } = {},
) {
  const hash = f.sm3 ?? sm3(f.buf);
  await trx.insertInto('fileBlobs').values({ sm3: hash, content: f.buf }).onConflict((oc) => oc.column('sm3').doNothing()).execute();
  const row = await trx.insertInto('files')
    .values({ sm3: hash, size: f.buf.length, mime: f.mime, filename: safeFilename(f.filename), caseId, uploadedBy: actor.id, createdAt: at })
    .returning(['id', 'filename', 'mime', 'size', 'sm3']).executeTakeFirstOrThrow();
  if (opts.audit !== false) {
    const detail = { fileId: row.id, sm3: hash, size: f.buf.length };
    await appendAuditInTrx(trx, actor, caseId ? { action: 'file.upload', targetType: 'case', targetId: caseId, detail }
      : { action: 'file.upload', targetType: 'file', targetId: row.id, detail }, at);
  }
  return row;
}

/** Send a stored file as a download (its name, type and SM3, so a recipient can check what they got). */
export async function sendStoredFile(conn: Conn, reply: FastifyReply, f: { sm3: string; mime: string; filename: string }) {
  const blob = await conn.selectFrom('fileBlobs').select('content').where('sm3', '=', f.sm3).executeTakeFirstOrThrow();
  return reply.header('content-type', f.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
    .header('x-content-sm3', f.sm3).send(blob.content);
}
