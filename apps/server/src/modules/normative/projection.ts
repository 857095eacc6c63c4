/**
 * The registry row of a 规范性文件 version (normative_docs), rewritten from its case after every event of the case, in the
 * event's transaction (manifest onCaseEvent): the 登记簿, the portal's 规范性文件库 and the metrics read it.
 */
import { legalDateOf } from '@yifa/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { CaseEventNotice } from '../../platform/registry.ts';
import { notifyInTrx } from '../../platform/notifications/outbox.ts';
import { indexTokens } from '../../platform/publication/tokens.ts';
import { normativeWorkflow } from './workflow.ts';

export const STATE_LABEL: Record<string, string> = Object.fromEntries(Object.entries(normativeWorkflow.states).map(([k, s]) => [k, s.label]));

/** The states shown in the public library, and their portal label (a document 公布 but not yet 施行 is shown as such). */
export const LIBRARY_STATES = ['published', 'in_force', 'amended', 'repealed', 'expired'] as const;
export const LIBRARY_LABEL: Record<string, string> = {
  published: '已公布尚未施行', in_force: '现行有效', amended: '已修改', repealed: '已废止', expired: '已失效',
};

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

export async function projectInTrx(trx: Tx, caseId: string, at: Date): Promise<void> {
  const c = await trx.selectFrom('cases').select(['id', 'regionCode', 'orgId', 'state', 'title', 'data']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const d = c.data as Record<string, unknown>;
  const comment = (d.comment ?? {}) as Record<string, unknown>;
  const text = str(d.text) ?? str(d.draft) ?? '';
  const row = {
    regionCode: c.regionCode, orgId: str(d.issuerOrgId) ?? c.orgId, rootId: str(d.rootId) ?? c.id, versionNo: Number(d.versionNo ?? 1),
    title: c.title, docKind: String(d.docKind ?? ''), category: String(d.category ?? ''), state: c.state,
    regNo: str(d.regNo), regYear: d.regYear ? Number(d.regYear) : null, docNo: str(d.docNo), registeredOn: str(d.registeredOn),
    publishedOn: str(d.publishedOn), effectiveOn: str(d.effectiveOn), validUntil: str(d.validUntil), endedOn: str(d.endedOn),
    commentStart: str(comment.startOn), commentEnd: str(comment.endOn),
    tokens: indexTokens(c.title, str(d.docNo), str(d.regNo), text), updatedAt: at,
  };
  await trx.insertInto('normativeDocs').values({ caseId: c.id, ...row })
    .onConflict((oc) => oc.column('caseId').doUpdateSet(row)).execute();
}

export const todayOf = (at: Date) => legalDateOf(at);

/** The drafting org of a 规范性文件 is told in-app when its 合法性审核 concludes or is returned (next: 集体审议 or 重新送审). */
export async function reviewDoneInTrx(trx: Tx, e: CaseEventNotice): Promise<void> {
  const r = await trx.selectFrom('cases').select(['data']).where('id', '=', e.caseId).executeTakeFirstOrThrow();
  const source = (r.data as Record<string, unknown>).sourceCaseId;
  if (typeof source !== 'string') return;
  const doc = await trx.selectFrom('cases').select(['id', 'orgId', 'title', 'number']).where('id', '=', source).executeTakeFirst();
  if (!doc) return;
  const what = e.action === 'conclude' ? `出具审核意见（${String(e.input.conclusion ?? '')}）` : '退回';
  await notifyInTrx(trx, {
    orgId: doc.orgId, caseId: doc.id, title: `规范性文件合法性审核已${e.action === 'conclude' ? '出具意见' : '退回'}`, at: e.at,
    body: `《${doc.title}》（${doc.number}）的合法性审核（${e.number}）已${what}。${e.action === 'conclude' ? '可按程序提交集体审议。' : '请修改后重新送审。'}`,
    dedupeKey: `normative.review:${e.caseId}:${e.action}`,
  });
}
