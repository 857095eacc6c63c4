/**
 * 全过程记录 (issue 15; 《行政处罚法》第四十七条, 国办发〔2018〕118号): the acts of a penalty case that need an 音像记录 are a county
 * setting (`recordingActs`). When such an act is done, the guard marks its event `recordingRequired` (the setting in force that day);
 * the case then carries a gap until the officer attaches the audio or video of that act (stored content-addressed by SM3 with the
 * case's files, and recorded as the case act `attach_recording`, performed
 * for the uploader by the system). The case's facts, the supervision view and the metric
 * 全过程记录缺失 read the gaps.
 */
import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { assertCan, can } from '../../platform/authz.ts';
import { AppError, invalid, notFound } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { MAX_FILE_BYTES, readMultipart, storeFileInTrx } from '../../platform/files/store.ts';
import { sm3 } from '../../platform/crypto/sm.ts';
import { orgPathsOfCase } from '../../platform/cases/case-queries.ts';
import { performInTrx } from '../../platform/cases/engine.ts';
import type { MetricScope } from '../../platform/metrics/registry.ts';
import { caseOrgScope, period } from '../../platform/metrics/kit.ts';

/** The acts of the penalty workflow that a county may require an 音像记录 of (action key → label). */
export const RECORDABLE_ACTS = {
  investigate: '调查取证（现场检查）', preserve: '先行登记保存', preservation_decide: '先行登记保存处理决定（含查封扣押）', schedule_hearing: '发出听证通知',
  hearing_held: '听证', deliver: '送达', execute: '执行',
} as const;
export type RecordableAct = keyof typeof RECORDABLE_ACTS;
const ACT_KEYS = Object.keys(RECORDABLE_ACTS) as [RecordableAct, ...RecordableAct[]];
export const zRecordingActs = z.array(z.enum(ACT_KEYS, '不是可要求音像记录的执法环节').meta({ 'x-enumLabels': RECORDABLE_ACTS }))
  .max(ACT_KEYS.length).meta({ title: '须全程音像记录的执法环节' });
/** 当场处罚 (简易程序) closes the case at once, so it cannot wait for an attachment: not offered (its 执法记录仪 footage stays with the footage system). */
export const DEFAULT_RECORDING_ACTS: RecordableAct[] = ['investigate', 'preserve', 'hearing_held', 'deliver'];
export const RECORDING_ACTS_SOURCE = '《行政处罚法》第四十七条（行政处罚的启动、调查取证、审核、决定、送达、执行等全过程记录）；须音像记录的环节依国办发〔2018〕118号'
  + '“对查封扣押财产、强制拆除等直接涉及人身自由、生命健康、重大财产权益的现场执法活动和执法办案场所，要推行全程音像记录”——118号原文未核实（unsourced），'
  + '具体环节由本县设定';

/** Audio and video, recognised by their first bytes (the platform's attachment types are documents and images). */
const AV: { mime: string; kind: '录像' | '录音'; exts: string[]; magic: (b: Buffer) => boolean }[] = [
  { mime: 'video/mp4', kind: '录像', exts: ['.mp4', '.mov', '.m4v'], magic: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
  { mime: 'video/webm', kind: '录像', exts: ['.webm', '.mkv'], magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])) },
  { mime: 'video/x-msvideo', kind: '录像', exts: ['.avi'],
    magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 11).toString('latin1') === 'AVI' },
  { mime: 'audio/mp4', kind: '录音', exts: ['.m4a'], magic: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
  { mime: 'audio/mpeg', kind: '录音', exts: ['.mp3'], magic: (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0) },
  { mime: 'audio/wav', kind: '录音', exts: ['.wav'],
    magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE' },
  { mime: 'audio/amr', kind: '录音', exts: ['.amr'], magic: (b) => b.subarray(0, 5).toString('latin1') === '#!AMR' },
];
export function sniffAv(filename: string, buf: Buffer) {
  const name = filename.toLowerCase();
  return AV.find((x) => x.exts.some((e) => name.endsWith(e)) && x.magic(buf)) ?? null;
}

/** One act that needs an 音像记录, on the case (data.recordingActs), with the recording once attached. */
export interface RecordedAct { seq: number; act: string; label: string; on: string; fileId?: string; filename?: string; sm3?: string; kind?: string }
export const gapLabels = (acts: RecordedAct[]) => acts.filter((a) => !a.fileId).map((a) => `${a.label}（${a.on}，第 ${a.seq} 步）缺音像记录`);

/** The facts the guard adds to an act the setting lists: it needs a recording, and its place in the case's history. */
export async function recordingFacts(trx: Tx, caseId: string, action: string, required: readonly string[], on: string) {
  if (!required.includes(action)) return {};
  const last = await trx.selectFrom('caseEvents').select(sql<number>`coalesce(max(seq), 0)::int`.as('seq')).where('caseId', '=', caseId)
    .executeTakeFirstOrThrow();
  return { recordingRequired: true, recordingSeq: last.seq + 1, recordingOn: on };
}

/** The file given for `attach_recording` must be an audio/video file of this case, with that SM3, for an act still missing one. */
export async function checkRecording(trx: Tx, caseId: string, acts: RecordedAct[], input: Record<string, unknown>) {
  const errors: { path: string; message: string }[] = [];
  const act = acts.find((a) => a.seq === Number(input.seq));
  if (!act) errors.push({ path: 'body.input.seq', message: `第 ${String(input.seq)} 步不是须音像记录的执法环节` });
  else if (act.fileId) errors.push({ path: 'body.input.seq', message: `${act.label}（第 ${act.seq} 步）已有音像记录` });
  const f = await trx.selectFrom('files').select(['sm3', 'mime']).where('id', '=', String(input.fileId)).where('caseId', '=', caseId).executeTakeFirst();
  if (!f || f.sm3 !== input.sm3 || !AV.some((x) => x.mime === f.mime)) errors.push({ path: 'body.input.fileId', message: '不是本案已上传的音像文件（或 SM3 不符）' });
  if (errors.length) throw invalid(errors, errors.map((e) => e.message).join('；'));
}

/** Metric source: acts in the period that needed an 音像记录 and still have none (as of the report). */
export const missingRecordings = (s: MetricScope) => {
  const p = period(s);
  return sql`from cases c join case_events ev on ev.case_id = c.id and ev.input->>'recordingRequired' = 'true'
    and ev.occurred_at >= ${p.from} and ev.occurred_at <= ${p.to}
    where c.type = 'penalty_case' and c.region_code = ${s.region} and not exists (select 1 from case_events a where a.case_id = c.id
      and a.action = 'attach_recording' and (a.input->>'seq')::int = ev.seq and a.occurred_at <= ${s.now}) ${caseOrgScope(s, 'c.id')}`;
};
export const ACT_LABEL_SQL = `case ev.action ${Object.entries(RECORDABLE_ACTS).map(([k, v]) => `when '${k}' then '${v}'`).join(' ')} else ev.action end`;

export async function recordingRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const region = ctx.config.defaultRegion;
  async function visibleCase(where: { id?: string; number?: string }, actor: Parameters<typeof can>[0]) {
    let q = ctx.db.selectFrom('cases').select(['id', 'number', 'title', 'state', 'data']).where('type', '=', 'penalty_case').where('regionCode', '=', region);
    q = where.id ? q.where('id', '=', where.id) : q.where('number', '=', where.number ?? '');
    const c = await q.executeTakeFirst();
    if (!c || !can(actor, 'case.view', { orgPaths: await orgPathsOfCase(ctx.db, c.id) })) throw notFound('行政处罚案件');
    return c;
  }
  const view = (c: { id: string; number: string; title: string; state: string; data: unknown }) => {
    const acts = ((c.data as Record<string, unknown>).recordingActs ?? []) as RecordedAct[];
    return { id: c.id, number: c.number, title: c.title, state: c.state, acts, gaps: gapLabels(acts) };
  };

  app.get('/enforcement/recordings', {
    schema: { tags: ['行政执法'], summary: '全过程记录：案件中须音像记录的执法环节及其音像文件（SM3），缺失的列为缺口', querystring: z.object({
      id: z.uuid('案件 ID 格式不正确').optional(), number: z.string().trim().min(2, '请输入案号').max(40).optional() })
      .refine((q) => q.id || q.number, { path: ['number'], message: '请输入案号' }) },
  }, async (req) => view(await visibleCase(req.query, req.actor)));

  app.post('/enforcement/cases/:id/recordings', {
    schema: { tags: ['行政执法'], summary: '上传某一执法环节的音像记录（multipart：file 为录像或录音，seq 为环节序号，也可放在查询参数中；支持 Idempotency-Key）',
      params: z.object({ id: z.uuid('案件 ID 格式不正确') }) },
  }, async (req, reply) => {
    await visibleCase({ id: req.params.id }, req.actor);
    assertCan(req.actor, 'case.upload', { orgPaths: await orgPathsOfCase(ctx.db, req.params.id) }, '您不能为该案件上传音像记录');
    const { fields, files } = await readMultipart(req, { maxFiles: 1, maxBytes: MAX_FILE_BYTES });
    const f = files[0];
    const errors: { path: string; message: string }[] = [];
    // the act: field `seq`, or `?seq=` (the console's upload sends the file alone)
    const seq = Number(fields.get('seq')?.[0] ?? (req.query as { seq?: string }).seq);
    if (!Number.isInteger(seq) || seq < 1) errors.push({ path: 'body.seq', message: '请选择执法环节' });
    const av = f && !f.truncated && f.buf.length > 0 ? sniffAv(f.filename, f.buf) : null;
    if (!f) errors.push({ path: 'body.file', message: '请选择录像或录音文件' });
    else if (f.truncated) throw new AppError('payload_too_large', `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    else if (!av) errors.push({ path: 'body.file', message: `“${f.filename}”不是录像或录音文件（MP4、WEBM、AVI、M4A、MP3、WAV、AMR），或内容与扩展名不符` });
    if (errors.length) throw invalid(errors, errors.map((e) => e.message).join('；'));
    const hash = sm3(f!.buf);
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, { caseId: req.params.id, seq, sm3: hash },
      async (trx) => {
        const now = ctx.clock.now();
        const file = await storeFileInTrx(trx, req.params.id, { filename: f!.filename, buf: f!.buf, mime: av!.mime, sm3: hash },
          { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, now, { audit: false });
        await performInTrx(ctx, trx, { caseId: req.params.id, action: 'attach_recording', actor: ctx.registry.systemActor('enforcement', '全过程记录'),
          input: { uploadedBy: req.actor.name, seq, kind: av!.kind, fileId: file.id, sm3: hash, filename: file.filename } });
        return { status: 201, body: { fileId: file.id, sm3: hash, kind: av!.kind, seq } };
      });
    return reply.status(r.status).send(r.body);
  });
}
