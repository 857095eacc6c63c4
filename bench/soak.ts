/**
 * Soak (issue 12): case creation through the full app at a fixed offered rate for a long time, on PostgreSQL, then the
 * books are checked — p99 latency, and every 2xx is exactly one case: none lost (answered but not stored), none
 * duplicated, numbers gap-free. Not in CI (it runs for minutes); 127.0.0.1 only.
 *
 *   SOAK_SECONDS=600 SOAK_RATE=100 npx tsx bench/soak.ts
 *
 * SOAK_CONNECTIONS (default 10); BENCH_DATABASE_URL as bench/run.ts (a fresh database, dropped at the end).
 */
import { sql } from 'kysely';
import { localPostgresBackend } from './backend.ts';
import { load } from './load.ts';
import { auth, createBodies } from './measures.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 100);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 10);
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (m: string) => process.stdout.write(`${m}\n`);

async function main() {
  const b = await localPostgresBackend(ADMIN_URL);
  try {
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from cases where type = 'legality_review'`.execute(b.ctx.db)).rows[0].n);
    const before = await count();
    log(`soak: POST /api/v1/cases (合法性审查) at ${RATE} req/s offered, ${CONNECTIONS} connections, ${SECONDS} s`);
    const r = await load({ label: 'soak', url: `${b.apiUrl}/api/v1/cases`, connections: CONNECTIONS, duration: SECONDS, rate: RATE, idempotency: true,
      headers: auth(b.tokens.handler), bodies: createBodies(b) }, b.idle);
    const stored = (await count()) - before;
    const nums = (await sql<{ n: number }>`select split_part(number, '-', 3)::int as n from cases where type = 'legality_review'
      and number like ${`HF-${new Date().getUTCFullYear()}-%`} order by 1`.execute(b.ctx.db)).rows.map((x) => x.n);
    const gaps = nums.filter((n, i) => i > 0 && n !== nums[i - 1] + 1).length;
    const dup = nums.length - new Set(nums).size;
    // a 2xx not stored is lost; a case stored whose answer the generator did not wait for (cut off at the end: at most one
    // request per connection) is not
    const lost = Math.max(0, r.ok - stored);
    const cutOff = stored - r.ok;
    const bad = lost > 0 || cutOff > CONNECTIONS || dup > 0 || gaps > 0;
    log(`answered 2xx ${r.ok}, failed ${r.failed}${r.firstError ? ` (first: ${r.firstError})` : ''}; stored ${stored} (${Math.max(0, cutOff)} cut off at the end); `
      + `${(r.ok / r.seconds).toFixed(1)} req/s`);
    log(`latency p50 ${r.p50} ms, p99 ${r.p99} ms (target < 100 ms): ${r.p99 < 100 ? 'met' : 'NOT met'}`);
    log(`lost ${lost}, duplicated numbers ${dup}, gaps in the numbering ${gaps}: ${bad ? 'FAILED' : 'ok'}`);
    if (bad) process.exitCode = 1;
  } finally {
    await b.close();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), (err) => { console.error(err instanceof Error ? err.stack : err); process.exit(1); });
