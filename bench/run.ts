/**
 * yifa benchmarks — every figure is reported as a RATIO against a baseline measured in the same
 * run, on the same machine, database and connection settings (absolute numbers are printed too,
 * but they mostly describe the machine).
 *
 *   (a) case creation: POST /api/v1/cases through the full app (bearer token, validation,
 *       permission, numbering, hash-chained event, clocks, audit, case view) vs a bare Fastify
 *       route doing one `INSERT … RETURNING id` of the same JSON into a jsonb column.
 *   (b) perform: POST /api/v1/cases/:id/actions {action:'accept'} as the reviewer, each on a
 *       distinct submitted case, vs the same bare INSERT for the same number of requests.
 *   (c) due dates: dueFrom(cal, d, 20, 'workdays') vs a naive weekday-counting loop.
 *
 * Backends: PGlite in memory always; PostgreSQL when BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) answers — a fresh database `yifa_bench` is created
 * and dropped at the end. BENCH_QUICK=1 shortens every run; BENCH_PG=off skips PostgreSQL.
 *
 *   npm run bench          (results also written to bench/results/latest.json)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createBenchDatabase, pgliteBackend, postgresBackend, type Backend } from './backend.ts';
import { load, type LoadResult } from './load.ts';
import { benchDue } from './due.ts';
import { countStatements } from './sqlcount.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? (QUICK ? 2 : 5));
const WARMUP = 1;
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const MIN_PERFORM = CONNECTIONS * 20;

const log = (msg: string) => process.stderr.write(`${msg}\n`);

interface Comparison { metric: string; yifa: LoadResult; baseline: LoadResult; ratio: number }

function createBody(b: Backend, i: number) {
  return {
    type: 'legality_review',
    input: {
      title: `示范县关于规范行政执法行为的通知（基准测试 ${i}）`,
      draftingOrgId: b.demo.orgs.scjgj,
      docKind: '通知',
      summary: '本文件规定行政执法公示、执法全过程记录和重大执法决定法制审核的具体做法。',
      affectsMarket: false,
    },
  };
}

function check(r: LoadResult): LoadResult {
  if (r.failed) log(`  ! ${r.label}: ${r.failed} failed requests; first: ${r.firstError ?? '(connection error/timeout)'}`);
  if (!r.ok) throw new Error(`${r.label}: no successful request (${r.firstError ?? 'no response'})`);
  return r;
}

const fmt = (r: LoadResult) => `${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms (${r.ok} ok${r.failed ? `, ${r.failed} failed` : ''}, ${r.seconds.toFixed(1)} s)`;

async function benchBackend(b: Backend) {
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });
  const baseline = (label: string, opts: { duration?: number; amount?: number }) =>
    load({ label, url: `${b.baselineUrl}/bench/insert`, connections: CONNECTIONS, body: createBody(b, 0), ...opts }, b.idle);
  const create = (label: string, duration: number) =>
    load({ label, url: `${b.apiUrl}/api/v1/cases`, connections: CONNECTIONS, duration, headers: auth(b.tokens.handler), body: createBody(b, 0) }, b.idle);

  log(`[${b.name}] warm-up`);
  check(await baseline('warm-up baseline', { duration: WARMUP }));
  check(await create('warm-up create', WARMUP));

  // One request of each kind alone: SQL statements issued and unloaded latency (diagnostic).
  const post = async (url: string, headers: Record<string, string>, body: unknown) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const probeBase = await countStatements(() => post(`${b.baselineUrl}/bench/insert`, {}, createBody(b, 0)));
  const probeCreate = await countStatements(() => post(`${b.apiUrl}/api/v1/cases`, auth(b.tokens.handler), createBody(b, 0)));
  const probePerform = await countStatements(() => post(`${b.apiUrl}/api/v1/cases/${probeCreate.value.id}/actions`, auth(b.tokens.reviewer), { action: 'accept' }));
  const single = {
    baseline: { statements: probeBase.statements },
    create: { statements: probeCreate.statements },
    perform: { statements: probePerform.statements },
  };
  log(`  SQL statements per request: baseline ${single.baseline.statements}, create ${single.create.statements}, perform ${single.perform.statements}`);

  log(`[${b.name}] (a) case creation vs bare INSERT, ${CONNECTIONS} connections × ${DURATION} s`);
  const aBase = check(await baseline('bare INSERT', { duration: DURATION }));
  log(`  baseline  ${fmt(aBase)}`);
  const aApi = check(await create('POST /api/v1/cases', DURATION));
  log(`  yifa      ${fmt(aApi)}`);

  // (b) every submitted legality review (the ones just created, plus seed ones) gets one accept.
  let ids = (await b.ctx.db.selectFrom('cases').select('id').where('type', '=', 'legality_review').where('state', '=', 'submitted').orderBy('createdAt').execute()).map((r) => r.id);
  for (let i = ids.length; i < MIN_PERFORM; i++) {
    const res = await fetch(`${b.apiUrl}/api/v1/cases`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(b.tokens.handler) }, body: JSON.stringify(createBody(b, i)) });
    if (res.status !== 201) throw new Error(`top-up create: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  const n = Math.floor(ids.length / CONNECTIONS) * CONNECTIONS;
  ids = ids.slice(0, n);
  let next = 0;
  log(`[${b.name}] (b) perform 'accept' on ${n} distinct cases vs bare INSERT for ${DURATION} s, ${CONNECTIONS} connections`);
  const bApi = check(await load({
    label: 'POST /api/v1/cases/:id/actions accept', url: `${b.apiUrl}/api/v1/cases/x/actions`, connections: CONNECTIONS, amount: n,
    headers: auth(b.tokens.reviewer), body: { action: 'accept' },
    nextPath: () => `/api/v1/cases/${ids[next++] ?? '00000000-0000-0000-0000-000000000000'}/actions`,
  }, b.idle));
  log(`  yifa      ${fmt(bApi)}`);
  // Baseline by time, not by count: a few hundred bare INSERTs finish too fast to time well.
  const bBase = check(await baseline('bare INSERT', { duration: DURATION }));
  log(`  baseline  ${fmt(bBase)}`);
  const accepted = await b.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).where('id', 'in', ids).where('state', '=', 'reviewing').executeTakeFirstOrThrow();

  const version = b.name === 'postgres' ? (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(b.ctx.db)).rows[0].v : 'PGlite (in memory)';
  const comparisons: Comparison[] = [
    { metric: '(a) create case', yifa: aApi, baseline: aBase, ratio: aApi.rps / aBase.rps },
    { metric: '(b) perform accept', yifa: bApi, baseline: bBase, ratio: bApi.rps / bBase.rps },
  ];
  return { backend: b.name, server: version, setup: b.setup, singleRequest: single, performCases: n, acceptedAfterRun: Number(accepted.n), comparisons };
}

type BackendResult = Awaited<ReturnType<typeof benchBackend>>;

function printTable(rows: BackendResult[], due: ReturnType<typeof benchDue>) {
  const head = ['backend', 'measure', 'yifa', 'yifa p99', 'baseline', 'base p99', 'ratio'];
  const lines: string[][] = [];
  for (const r of rows) {
    for (const c of r.comparisons) {
      lines.push([r.backend, c.metric, `${c.yifa.rps.toFixed(0)} req/s`, `${c.yifa.p99} ms`, `${c.baseline.rps.toFixed(0)} req/s`, `${c.baseline.p99} ms`, c.ratio.toFixed(3)]);
    }
  }
  lines.push(['(cpu)', '(c) due date, 20 workdays', `${due.platform.opsPerSec.toFixed(0)} /s`, '', `${due.baseline.opsPerSec.toFixed(0)} /s`, '', due.ratio.toFixed(3)]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log('');
  console.log(row(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(row(l));
  console.log('');
  console.log('ratio = yifa / baseline (throughput); (a)/(b) baseline = bare Fastify + one INSERT … RETURNING id into jsonb, same DB, same connections.');
  for (const r of rows) console.log(`${r.backend}: one request alone issues ${r.singleRequest.create.statements} SQL statements to create, ${r.singleRequest.perform.statements} to perform (baseline ${r.singleRequest.baseline.statements}).`);
  console.log(`(c) baseline = naive Sat/Sun-skipping loop; sample from ${due.sample.from}: dueFrom → ${due.sample.platform}, naive → ${due.sample.naive} (holidays/调休).`);
}

async function main() {
  const started = Date.now();
  const results: BackendResult[] = [];
  const skipped: Record<string, string> = {};

  log(`yifa bench: ${CONNECTIONS} connections, ${DURATION} s runs${QUICK ? ' (quick)' : ''}; node ${process.version}, ${os.cpus().length} CPUs`);
  // CPU-only measure first, before the servers' heaps and JIT state exist.
  log('[cpu] (c) due-date computations');
  const due = benchDue(QUICK ? 0.5 : 1.5);

  const lite = await pgliteBackend();
  try { results.push(await benchBackend(lite)); } finally { await lite.close(); }

  if (process.env.BENCH_PG === 'off') {
    skipped.postgres = 'BENCH_PG=off';
  } else {
    const url = await createBenchDatabase(ADMIN_URL);
    if (!url) {
      skipped.postgres = `no answer from ${ADMIN_URL.replace(/\/\/[^@/]*@/, '//…@')}`;
      log(`[postgres] skipped: ${skipped.postgres}`);
    } else {
      const b = await postgresBackend(ADMIN_URL, url);
      try { results.push(await benchBackend(b)); } finally { await b.close(); }
    }
  }

  printTable(results, due);

  const out = {
    at: new Date().toISOString(),
    quick: QUICK,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    note: 'autocannon runs in the same process as the servers; ratios compare like with like.',
    backends: results,
    skipped,
    dueDates: due,
    wallSeconds: (Date.now() - started) / 1000,
  };
  const dir = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  log(`written bench/results/latest.json (${out.wallSeconds.toFixed(0)} s)`);
}

main().then(() => process.exit(0), (err) => { console.error(err instanceof Error ? err.stack : err); process.exit(1); });
