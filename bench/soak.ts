/**
 * Soak (issue 12): case creation through the full app at a fixed offered rate for a long time, on PostgreSQL, with the
 * periodic jobs running as under `serve`, then the books are checked — latency percentiles, and every 2xx is exactly one
 * case: none lost (answered but not stored), none duplicated, numbers gap-free. Not in CI (it runs for minutes);
 * 127.0.0.1 only. The requests are evenly spaced (open loop, paced.ts), each latency counted from when the request was
 * due; a warm-up at the same rate comes first (its latencies are printed apart, its cases are in the books).
 *
 *   SOAK_SECONDS=600 SOAK_RATE=100 npx tsx bench/soak.ts
 *
 * SOAK_MEASURE=intake for 12345 tickets (same-writes: the baseline), SOAK_CONNECTIONS (default 10), SOAK_WARMUP seconds
 * (default 10), SOAK_JOBS=0 to leave the jobs out; BENCH_DATABASE_URL as bench/run.ts (a fresh database, dropped at the end).
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { startJobs } from '../apps/server/src/platform/jobs/runner.ts';
import { localPostgresBackend } from './backend.ts';
import { load, type LoadResult } from './load.ts';
import { auth, captureSameWritesCreate, createBodies, intakeBodies } from './measures.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 100);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 10);
const WARMUP = Number(process.env.SOAK_WARMUP ?? 10);
const JOBS = process.env.SOAK_JOBS !== '0';
/**
 * What is created: 合法性审查 cases by a handler, 12345 tickets taken by a dispatcher (SOAK_MEASURE=intake), or — the
 * yardstick — the same durable writes as a create by the hand-written route of same-writes.ts (SOAK_MEASURE=same-writes:
 * the same rows, indexes, counter row and COMMIT, so its tail is the machine's and the database's, not the platform's).
 */
const MEASURES = {
  create: { label: 'POST /api/v1/cases (合法性审查)', type: 'legality_review', prefix: 'HF', token: 'handler', bodies: createBodies, baseline: false },
  intake: { label: 'POST /api/v1/cases (12345 工单)', type: 'hotline_ticket', prefix: 'RX', token: 'dispatcher', bodies: intakeBodies, baseline: false },
  'same-writes': { label: 'the same-writes baseline of a create', type: 'legality_review', prefix: 'SWHF', token: 'handler', bodies: createBodies,
    baseline: true },
} as const;
const MEASURE = MEASURES[(process.env.SOAK_MEASURE ?? 'create') as keyof typeof MEASURES];
if (!MEASURE) throw new Error(`SOAK_MEASURE: one of ${Object.keys(MEASURES).join(', ')}`);
const GC_KINDS = '1 minor, 2 major, 4 incremental, 8 weak callbacks';
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (m: string) => process.stdout.write(`${m}\n`);

/** Sample the wait events of the database's active sessions every 50 ms, counted per second (epoch s). */
async function waitSampler(url: string): Promise<{ stop(): Promise<Map<number, Map<string, number>>> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const bySecond = new Map<number, Map<string, number>>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const r = await client.query<{ w: string }>(`select coalesce(wait_event_type || ' ' || wait_event, 'CPU') as w from pg_stat_activity
        where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`);
      const second = Math.floor(Date.now() / 1000);
      const m = bySecond.get(second) ?? bySecond.set(second, new Map()).get(second)!;
      for (const { w } of r.rows) m.set(w, (m.get(w) ?? 0) + 1);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  })();
  return { async stop() { running = false; await loop; await client.end(); return bySecond; } };
}

/** The app's event loop held for over 50 ms (a probe every 10 ms came late), and its garbage collections over 20 ms (epoch ms). */
function watchApp(): { stop(): { stalls: { at: number; ms: number }[]; gcs: { at: number; ms: number; kind: number }[] } } {
  const stalls: { at: number; ms: number }[] = [];
  let last = performance.now();
  const probe = setInterval(() => {
    const t = performance.now();
    if (t - last > 60) stalls.push({ at: Date.now(), ms: Math.round(t - last - 10) });
    last = t;
  }, 10);
  const gcs: { at: number; ms: number; kind: number }[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind: number } })[]) {
      if (e.duration > 20) gcs.push({ at: performance.timeOrigin + e.startTime, ms: Math.round(e.duration), kind: e.detail?.kind ?? 0 });
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  return { stop() { clearInterval(probe); gc.disconnect(); return { stalls, gcs }; } };
}

async function main() {
  const b = await localPostgresBackend(ADMIN_URL);
  try {
    if (MEASURE.baseline) await captureSameWritesCreate(b);
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from cases where type = ${MEASURE.type}
      and number like ${`${MEASURE.prefix}-%`}`.execute(b.ctx.db)).rows[0].n);
    const before = await count();
    const runs: { name: string; at: number; ms: number; failed?: string }[] = [];
    const app = watchApp();
    // what the database's busy sessions wait on, sampled every 50 ms (by second): in the slow seconds, a lock (the counter
    // row), the WAL's fsync (IO WALSync) or CPU (no wait event)
    const waits = await waitSampler(b.ctx.config.databaseUrl!);
    const stopJobs = JOBS ? startJobs(b.ctx, (m, e) => runs.push({ name: m, at: Date.now(), ms: 0, failed: e instanceof Error ? e.message : String(e) }),
      (job, at, ms) => runs.push({ name: job.name, at, ms })) : () => undefined;
    const bodies = MEASURE.bodies(b);
    const url = MEASURE.baseline ? `${b.baselineUrl}/bench/same-writes/create` : `${b.apiUrl}/api/v1/cases`;
    const run = (label: string, duration: number) => load({ label, url, connections: CONNECTIONS, duration, rate: RATE,
      idempotency: true, headers: auth(b.tokens[MEASURE.token]), bodies }, b.idle);
    const latency = (r: LoadResult) => `p50 ${r.p50} ms, p99 ${r.p99} ms, p99.9 ${r.p999} ms, max ${r.max} ms`;
    log(`soak: ${MEASURE.label} at ${RATE} req/s offered, evenly spaced, ${CONNECTIONS} connections, ${SECONDS} s`
      + ` after ${WARMUP} s of warm-up; jobs ${JOBS ? 'running' : 'off'}`);
    const warm = WARMUP > 0 ? await run('warm-up', WARMUP) : undefined;
    if (warm) log(`warm-up: answered 2xx ${warm.ok}, failed ${warm.failed}; latency ${latency(warm)}`);
    const soak = await run('soak', SECONDS);
    stopJobs();
    const { stalls, gcs } = app.stop();
    const waited = await waits.stop();
    const r = { ...soak, ok: soak.ok + (warm?.ok ?? 0), failed: soak.failed + (warm?.failed ?? 0) };
    const stored = (await count()) - before;
    const nums = (await sql<{ n: number }>`select split_part(number, '-', 3)::int as n from cases where type = ${MEASURE.type}
      and number like ${`${MEASURE.prefix}-${new Date().getUTCFullYear()}-%`} order by 1`.execute(b.ctx.db)).rows.map((x) => x.n);
    const gaps = nums.filter((n, i) => i > 0 && n !== nums[i - 1] + 1).length;
    const dup = nums.length - new Set(nums).size;
    // every request is waited for: a 2xx not stored is lost; a case stored without a 2xx can only be a failed answer
    // (a timeout after the commit), never more of them than failures
    const lost = Math.max(0, r.ok - stored);
    const unanswered = Math.max(0, stored - r.ok);
    const bad = lost > 0 || unanswered > r.failed || dup > 0 || gaps > 0;
    log(`answered 2xx ${r.ok}, failed ${r.failed}${r.firstError ?? warm?.firstError ? ` (first: ${r.firstError ?? warm?.firstError})` : ''}; `
      + `stored ${stored} (${unanswered} without a 2xx); soak ${(soak.ok / soak.seconds).toFixed(1)} req/s`);
    log(`soak latency ${latency(soak)} (target p99 < 100 ms): ${soak.p99 < 100 ? 'met' : 'NOT met'}`);
    // where the tail is, beside what the jobs were doing (seconds from the soak's start)
    const since = (t: number) => Math.round((t - soak.startedAt!) / 100) / 10;
    log(`seconds with requests over 100 ms (s: count, slowest ms): ${(soak.slowSeconds ?? []).map((x) => `${x.at}: ${x.n}, ${x.max}`).join('; ') || 'none'}`);
    log(`job runs (s: name ms) over 50 ms or failed: ${runs.filter((x) => x.ms > 50 || x.failed)
      .map((x) => `${since(x.at)}: ${x.name} ${x.failed ?? `${x.ms}`}`).join('; ') || 'none'}`);
    const worst = [...(soak.slowSeconds ?? [])].sort((x, y) => y.n - x.n).slice(0, 8).sort((x, y) => x.at - y.at);
    const inSecond = (at: number) => waited.get(Math.floor((soak.startedAt! + at * 1000) / 1000)) ?? new Map<string, number>();
    const top = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, n]) => `${k} ${n}`).join(', ');
    const all = new Map<string, number>();
    for (const m of waited.values()) for (const [k, n] of m) all.set(k, (all.get(k) ?? 0) + n);
    log(`database sessions' waits (samples of busy sessions, every 50 ms): whole soak ${top(all)}`);
    for (const x of worst) log(`  slow second ${x.at} (${x.n} over 100 ms): ${top(inSecond(x.at)) || 'none busy'}`);
    log(`app event loop held over 50 ms (s: ms): ${stalls.filter((x) => x.at >= soak.startedAt!).map((x) => `${since(x.at)}: ${x.ms}`).join('; ') || 'none'}`);
    log(`garbage collections over 20 ms (s: ms, kind ${GC_KINDS}): ${gcs.filter((x) => x.at >= soak.startedAt!).map((x) => `${since(x.at)}: ${x.ms} ${x.kind}`)
      .join('; ') || 'none'}`);
    log(`lost ${lost}, duplicated numbers ${dup}, gaps in the numbering ${gaps}: ${bad ? 'FAILED' : 'ok'}`);
    if (bad) process.exitCode = 1;
  } finally {
    await b.close();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), (err) => { console.error(err instanceof Error ? err.stack : err); process.exit(1); });
