/**
 * Remedies a decision must name (行政复议、行政诉讼): who the 行政复议机关 is, and the paragraph in force on the
 * day of the decision (law as data: each text with its basis and the date it applies from).
 */
import type { Conn } from '../db/client.ts';

/**
 * The 行政复议机关 of an org's acts (《行政复议法》（2023）第二十四条): the county government for its departments and
 * townships; for the county government itself, the government above it.
 */
export async function reviewOrganOf(conn: Conn, orgId: string): Promise<string> {
  const o = await conn.selectFrom('orgs').select(['kind', 'regionCode']).where('id', '=', orgId).executeTakeFirstOrThrow();
  if (o.kind === 'government') return '上一级人民政府';
  const gov = await conn.selectFrom('orgs').select('name').where('regionCode', '=', o.regionCode).where('kind', '=', 'government')
    .where('dissolvedOn', 'is', null).orderBy('path').executeTakeFirst();
  return gov?.name ?? '本级人民政府';
}

export interface RemedyText { key: string; effectiveFrom: string; text: string; basis: string }

/** The paragraph in force on `decidedOn` (the latest whose effectiveFrom is not after it), with the 复议机关 filled in. */
export function remedyInForce(rules: readonly RemedyText[], decidedOn: string, reviewOrgan: string): RemedyText {
  const r = rules.filter((x) => x.effectiveFrom <= decidedOn).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  if (!r) throw new Error(`no remedy text in force on ${decidedOn}`);
  return { ...r, text: r.text.replace('{reviewOrgan}', reviewOrgan) };
}
