/**
 * 归档 (《重大行政决策程序暂行条例》第三十三条: 决策过程记录和材料归档): a ZIP of every record of the decision — the draft
 * and 说明, the consultation with each comment (text as published) and its answer, hearings, expert opinions, risk report,
 * the legality review(s), the meeting, the 党委 report, publication, execution, 后评估 and 调整 — the case's event chain,
 * a DOCX 决策过程记录 in 公文 layout, and manifest.json listing each file's SM3 and the event chain's head.
 * verifyArchive checks a ZIP offline against its manifest: every file present with its SM3, nothing added, the events
 * linked one to the next (seq and prevHash) up to the head the manifest names. (The links are keyed hashes: recomputing
 * them needs the platform's key — `yifa audit verify` does that on the server.)
 */
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { legalDateOf } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import { sm3 } from '../../platform/crypto/sm.ts';
import { gongwenDocx, type Block } from '../../platform/documents/gongwen.ts';
import { notFound } from '../../platform/http/problem.ts';
import { decisionWorkflow, DECISION_TYPE } from './workflow.ts';

type Doc = Record<string, unknown>;
export const MANIFEST = 'manifest.json';
const GENESIS_NOTE = '事件链自第 1 条起逐条链接（prevHash），末条哈希即 chainHead';

export interface Manifest {
  caseId: string; number: string; title: string; createdAt: string; chainHead: string; events: number; note: string;
  files: { name: string; sm3: string; bytes: number }[];
}

const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`, 'utf8');
const text = (v: unknown) => Buffer.from(String(v ?? ''), 'utf8');

export async function buildArchive(ctx: Ctx, caseId: string): Promise<{ zip: Buffer; manifest: Manifest; fileName: string }> {
  const c = await ctx.db.selectFrom('cases').select(['id', 'number', 'title', 'state', 'data', 'headHash', 'orgId']).where('id', '=', caseId)
    .where('type', '=', DECISION_TYPE).executeTakeFirst();
  if (!c) throw notFound('重大行政决策');
  const d = c.data as Doc;
  const events = await ctx.db.selectFrom('caseEvents').select(['seq', 'action', 'fromState', 'toState', 'actorName', 'input', 'occurredAt', 'recordedAt', 'prevHash', 'hash'])
    .where('caseId', '=', c.id).orderBy('seq').execute();
  const reviewIds = [...new Set(events.filter((e) => ['submit_review', 'resubmit_review'].includes(e.action))
    .map((e) => String((e.input as Doc).reviewCaseId ?? '')).filter(Boolean))];
  const reviews = reviewIds.length ? await ctx.db.selectFrom('cases').select(['id', 'number', 'state', 'data']).where('id', 'in', reviewIds).execute() : [];
  const comments = await ctx.db.selectFrom('consultationComments')
    .select(['id', 'nameMasked', 'bodyPublic', 'status', 'hiddenReason', 'answer', 'answerReason', 'createdAt'])
    .where('caseId', '=', c.id).orderBy('createdAt').execute();
  const org = await ctx.db.selectFrom('orgs').select('name').where('id', '=', c.orgId).executeTakeFirstOrThrow();
  const files: [string, Buffer][] = [
    ['01-决策草案.txt', text(d.draft)],
    ['02-起草说明.txt', text(d.explanation)],
    ['03-决策启动.json', json({ catalogItem: d.catalogItem, urgencyReason: d.urgencyReason ?? null, scope: d.scope, needsExpert: d.needsExpert, needsRisk: d.needsRisk,
      nonPublicReason: d.nonPublicReason ?? null, bases: d.bases ?? [] })],
    ['04-公众参与.json', json({ comment: d.comment ?? null, participation: d.participation ?? [], hearing: d.hearing ?? null,
      comments: comments.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) })],
    ['05-专家论证.json', json(d.experts ?? [])],
    ['06-风险评估.json', json(d.risk ?? null)],
    ['07-合法性审查.json', json(reviews.map((r) => ({ number: r.number, state: r.state, ...(r.data as Doc) })))],
    ['08-集体讨论决定.json', json(d.meeting ?? null)],
    ['09-党委请示报告.json', json(d.party ?? null)],
    ['10-公布.json', json({ docNo: d.docNo ?? null, publishedOn: d.publishedOn ?? null, adoptionExplanation: d.adoptionExplanation ?? null })],
    ['11-执行与后评估.json', json({ executionReports: d.executionReports ?? [], postEvaluations: d.postEvaluations ?? [], adjustments: d.adjustments ?? [] })],
    ['events.json', json(events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString(), recordedAt: e.recordedAt?.toISOString() ?? null })))],
    ['决策过程记录.docx', await recordDocx(c.title, c.number, org.name, d, events.map((e) => ({ seq: e.seq, action: e.action, at: e.occurredAt, by: e.actorName })),
      legalDateOf(ctx.clock.now()))],
  ];
  const manifest: Manifest = {
    caseId: c.id, number: c.number, title: c.title, createdAt: ctx.clock.now().toISOString(), chainHead: c.headHash, events: events.length, note: GENESIS_NOTE,
    files: files.map(([name, buf]) => ({ name, sm3: sm3(buf), bytes: buf.length })),
  };
  const entries: Record<string, Uint8Array> = Object.fromEntries(files.map(([n, b]) => [n, new Uint8Array(b)]));
  entries[MANIFEST] = new Uint8Array(json(manifest));
  return { zip: Buffer.from(zipSync(entries, { level: 6 })), manifest, fileName: `${c.number}-归档.zip` };
}

const ACTION_LABEL: Record<string, string> = Object.fromEntries([
  ['open', decisionWorkflow.create.label],
  ...Object.values(decisionWorkflow.transitions).flatMap((t) => Object.entries(t ?? {}).map(([k, a]) => [k, (a as { label: string }).label])),
]);

async function recordDocx(title: string, number: string, orgName: string, d: Doc, events: { seq: number; action: string; at: Date; by: string }[], on: string) {
  const m = (d.meeting ?? null) as Doc | null;
  const cm = (d.comment ?? null) as Doc | null;
  const blocks: Block[] = [
    { kind: 'p', text: `决策事项：${title}（编号 ${number}）。承办单位：${orgName}。${d.catalogItem ? `列入${String(d.catalogItem)}。` : `未列入目录，紧急理由：${String(d.urgencyReason ?? '')}。`}` },
    { kind: 'h2', text: '一、公众参与' },
    { kind: 'p', text: d.nonPublicReason ? `依法不予公开：${String(d.nonPublicReason)}` : cm
      ? `${String(cm.startOn)}至${String(cm.endOn)}向社会公开征求意见，收到意见${String(cm.received ?? 0)}条，`
        + `采纳（含部分采纳）${String(cm.adopted ?? 0)}条。${String(cm.adoption ?? '')}`
      : '尚未公开征求意见。' },
    { kind: 'h2', text: '二、专家论证和风险评估' },
    { kind: 'p', text: `专家论证意见${String(((d.experts as unknown[] | undefined) ?? []).length)}份。${d.risk ? `风险评估结论：${String((d.risk as Doc).result)}。` : '未开展风险评估。'}` },
    { kind: 'h2', text: '三、合法性审查和集体讨论决定' },
    { kind: 'p', text: `合法性审查结论：${String(d.reviewConclusion ?? '尚无')}。${m ? `${String(m.meetingOn)}${String(m.meeting)}（${String(m.session)}）集体讨论，`
      + `${String(m.head)}最后发表意见，决定：${String(m.headDecision)}。` : ''}` },
    ...(m ? [{ kind: 'table' as const, header: [[{ text: '发言人' }, { text: '意见' }, { text: '发言要点' }]],
      rows: (m.views as Doc[]).map((v) => [{ text: String(v.name) }, { text: String(v.view) }, { text: String(v.remarks ?? ''), align: 'left' as const }]),
      widths: [2, 1, 5] }] : []),
    { kind: 'h2', text: '四、过程记录' },
    { kind: 'table', header: [[{ text: '序号' }, { text: '时间' }, { text: '环节' }, { text: '经办' }]], widths: [1, 3, 4, 3], fontSize: 18,
      rows: events.map((e) => [{ text: String(e.seq) }, { text: e.at.toISOString().slice(0, 16).replace('T', ' ') }, { text: ACTION_LABEL[e.action] ?? e.action },
        { text: e.by }]) },
  ];
  return gongwenDocx({ title: '重大行政决策过程记录', masthead: null, docNo: null, blocks, signer: orgName, date: on });
}

/** Check a ZIP offline against its manifest. Returns each problem found (empty: intact). */
export function verifyArchive(zip: Buffer): { manifest: Manifest | null; problems: string[] } {
  let entries: Record<string, Uint8Array>;
  try { entries = unzipSync(new Uint8Array(zip)); } catch (e) { return { manifest: null, problems: [`不是有效的 ZIP 文件：${(e as Error).message}`] }; }
  if (!entries[MANIFEST]) return { manifest: null, problems: ['缺少 manifest.json'] };
  let manifest: Manifest;
  try { manifest = JSON.parse(strFromU8(entries[MANIFEST])) as Manifest; } catch { return { manifest: null, problems: ['manifest.json 不是有效的 JSON'] }; }
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const f of manifest.files) {
    const buf = entries[f.name];
    if (!buf) { problems.push(`缺少文件：${f.name}`); continue; }
    const h = sm3(Buffer.from(buf));
    if (h !== f.sm3) problems.push(`文件 ${f.name} 的 SM3 与清单不符（清单 ${f.sm3}，实际 ${h}）：文件被修改`);
  }
  for (const name of Object.keys(entries)) if (name !== MANIFEST && !listed.has(name)) problems.push(`清单外的文件：${name}`);
  if (entries['events.json'] && listed.has('events.json')) {
    const events = JSON.parse(strFromU8(entries['events.json'])) as { seq: number; prevHash: string; hash: string }[];
    events.forEach((e, i) => {
      if (e.seq !== i + 1) problems.push(`事件链缺少第 ${i + 1} 条事件`);
      if (i > 0 && e.prevHash !== events[i - 1].hash) problems.push(`第 ${e.seq} 条事件与前一条的链接断开`);
    });
    if (events.length !== manifest.events) problems.push(`事件条数与清单不符（清单 ${manifest.events}，实际 ${events.length}）`);
    if (events.at(-1)?.hash !== manifest.chainHead) problems.push('事件链末条哈希与清单中的 chainHead 不符');
  }
  return { manifest, problems };
}
