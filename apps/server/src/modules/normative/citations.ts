/**
 * A 规范性文件's 依据 from the 法律法规目录 (issue 13): the entries that name a catalogue law (`lawId`) are the document's
 * citations in the laws module (law_citations). Recorded when the draft is made (not yet in force: never flagged) and again at
 * 印发 with its 施行日期 — from then on, a 修改 or 废止 of a cited law flags the document for 清理 (laws/store.ts), on the
 * 依据变化待清理 list, the 登记簿 and the drafting org's notices.
 */
import type { Tx } from '../../platform/db/client.ts';
import { recordCitationsInTrx } from '../laws/store.ts';

export async function recordLawBasesInTrx(trx: Tx, caseId: string, now: Date): Promise<void> {
  const c = await trx.selectFrom('cases').select('data').where('id', '=', caseId).executeTakeFirstOrThrow();
  const d = c.data as { bases?: { lawId?: string; article?: string }[]; effectiveOn?: string };
  const bases = (d.bases ?? []).filter((b) => b.lawId).map((b) => ({ lawId: b.lawId!, ...(b.article ? { article: b.article } : {}) }));
  await recordCitationsInTrx(trx, caseId, bases, d.effectiveOn ?? null, now);
}
