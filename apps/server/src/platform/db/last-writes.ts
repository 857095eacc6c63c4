/**
 * Several writes in one statement (issue 12: a statement is a round trip, and the counter's and chain heads' row locks are
 * held from the statement that takes them to COMMIT). The writes run as data-modifying CTEs of one `select` — each
 * executed once, to completion — on one snapshot: none may read what another writes or touch a row another touches.
 */
import { sql, type OperationNodeSource } from 'kysely';
import type { Tx } from './client.ts';

/** Run `writes` as one statement; returns how many rows `counted` (a write with RETURNING, e.g. an ON CONFLICT DO NOTHING) returned. */
export async function writeTogether(trx: Tx, writes: readonly OperationNodeSource[], counted?: OperationNodeSource): Promise<number> {
  if (!writes.length && !counted) return 0;
  return (await together(trx, writes, counted)).n;
}

/**
 * Run `writes` as one statement that also reads `read` (a query of one row, e.g. a case's view for the response: one round
 * trip less) on the statement's snapshot — what the transaction wrote before, not these writes. The row comes as JSON
 * (`to_json`: snake_case keys, timestamps as text).
 */
export async function writeTogetherReading(trx: Tx, writes: readonly OperationNodeSource[], read: OperationNodeSource): Promise<Record<string, unknown>> {
  return (await together(trx, writes, undefined, read)).read!;
}

/** `read` (a query of one row) as a JSON column of another statement, on its snapshot (null when there is none). */
export const readAsJson = (read?: OperationNodeSource) => (read ? sql`(select to_json(v) from (${read}) v)` : sql`null::json`);

async function together(trx: Tx, writes: readonly OperationNodeSource[], counted?: OperationNodeSource, read?: OperationNodeSource) {
  const ctes = writes.map((w, i) => sql`${sql.id(`w${i}`)} as (${w})`);
  if (counted) ctes.push(sql`counted as (${counted})`);
  const r = await sql<{ n: number; read: Record<string, unknown> | null }>`${ctes.length ? sql`with ${sql.join(ctes)} ` : sql``}select
    ${counted ? sql`(select count(*) from counted)::int` : sql`0`} as n,
    ${readAsJson(read)} as read`.execute(trx);
  return r.rows[0];
}

/**
 * `q` (a query builder's `with` chain) with `writes` added as more data-modifying CTEs (`also0`, `also1`, …; nulls
 * skipped): sent in its statement, under the same rule as writeTogether.
 */
export function withWrites<Q>(q: Q, writes: readonly (OperationNodeSource | null)[]): Q {
  type With = { with(name: string, f: () => OperationNodeSource): With };
  // a query builder's CTE is compiled in parentheses, raw SQL as it is
  const cte = (w: OperationNodeSource) => (w.toOperationNode().kind === 'RawNode' ? sql`(${w})` : w);
  return writes.reduce<Q>((acc, w, i) => (w ? (acc as unknown as With).with(`also${i}`, () => cte(w)) as unknown as Q : acc), q);
}

/**
 * The writes a transaction makes last — the new case's audit record and seal — held until the caller sends them with its
 * own last write: runCommand with its Idempotency-Key record, in one statement just before COMMIT.
 */
export class LastWrites {
  private writes: OperationNodeSource[] = [];
  add(...w: OperationNodeSource[]): void {
    this.writes.push(...w);
  }
  /** Send what was added (and `counted`, see writeTogether) in one statement; returns writeTogether's count. */
  async flush(trx: Tx, counted?: OperationNodeSource): Promise<number> {
    const w = this.writes;
    this.writes = [];
    return writeTogether(trx, w, counted);
  }
}
