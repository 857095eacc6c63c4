/**
 * 统一登记号 ("三统一"：统一登记、统一编号): one sequence per county and year, allocated inside the registering transaction
 * from the spine's counter row (case_counters, row-locked upsert). A rollback of the registering transaction rolls the
 * counter back with it, so the committed numbers have no gap; a committed number is never given again (the counter only
 * grows, and a withdrawn or repealed document keeps its number). Pattern: <prefix>—<year>—<n> (惠州 "HFGS—2017—9" style).
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/client.ts';

export const REG_COUNTER = 'NORMATIVE:REG';

export function formatRegNo(prefix: string, year: number, n: number): string {
  return `${prefix}—${year}—${n}`;
}

/** The next 登记号 of a region in a year (call inside the transaction that records the registration). */
export async function allocateRegNoInTrx(trx: Tx, regionCode: string, year: number, prefix: string): Promise<{ regNo: string; seq: number }> {
  const r = await trx.insertInto('caseCounters').values({ prefix: REG_COUNTER, regionCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['prefix', 'regionCode', 'year']).doUpdateSet({ last: sql`case_counters.last + 1` }))
    .returning('last').executeTakeFirstOrThrow();
  return { regNo: formatRegNo(prefix, year, r.last), seq: r.last };
}
