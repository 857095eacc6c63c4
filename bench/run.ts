/**
 * yifa benchmarks — every figure is reported as a RATIO against baselines measured in the same run, on the same
 * machine, database and connection settings (absolute numbers are printed too, but they mostly describe the machine).
 *
 * Measures (each request with a unique Idempotency-Key where the API takes one, as a client that retries safely sends):
 *   create   POST /api/v1/cases, a legality review (bearer token, validation, permission, numbering, hash-chained event,
 *            clocks, audit, idempotency record, sealed row, case view);
 *   perform  POST /api/v1/cases/:id/actions {action:'accept'} as the reviewer, each on a distinct submitted case;
 *   intake   POST /api/v1/cases, a 12345 ticket (parties encrypted, the hotline's own ticket row);
 *   open311  POST /open311/v2/requests.json (form, API key).
 * Baselines, on a bare Fastify logging like `serve`:
 *   same writes  the headline: a hand-written route making the same durable writes as a yifa create (same-writes.ts),
 *                in one transaction with the fewest round trips; create/perform against the legality review's, intake
 *                and Open311 against the 12345 ticket's;
 *   all rows     the same, with the rows modules and notices write for the case too (the 12345 ticket's projection row,
 *                rollup mark and Open311 update, the notice of receipt): every row a yifa create writes;
 *   floor        one `INSERT … RETURNING id` of the JSON body into a jsonb column.
 *   (c) due dates: dueFrom(cal, d, 20, 'workdays') vs a naive weekday-counting loop (CPU only).
 *
 * Method: a real warm-up (BENCH_WARMUP s of each route), then BENCH_RUNS rounds of every measure and both baselines,
 * interleaved, BENCH_DURATION s each; the load generator runs in its own process (load.ts); ratios are per round and
 * reported as median [min–max]. Data shaped like a county (county.ts). Statements per request are counted on one request
 * alone (sqlcount.ts; BEGIN/COMMIT included).
 *
 * Backends: PGlite in memory always; PostgreSQL when BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * answers — a fresh database with a name of its own is created and dropped at the end. BENCH_QUICK=1 is a short mode
 * (2 rounds of 2 s, a small county); BENCH_PG=off skips PostgreSQL, BENCH_LITE=off PGlite.
 *
 * Then the figures' benches (see figures()): the disclosure annual report and the hotline metrics over 1M and 10M tickets.
 *
 *   npm run bench          (results also written to bench/results/latest.json; BENCH_SUITE=writes: the writes only)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createBenchDatabase, pgliteBackend, postgresBackend, type Backend } from './backend.ts';
import type { LoadResult } from './load.ts';
import { benchDue } from './due.ts';
import { countStatements } from './sqlcount.ts';
import * as m from './measures.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? (QUICK ? 2 : 4));
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 2 : 3));
const WARMUP = Number(process.env.BENCH_WARMUP ?? (QUICK ? 2 : 3));
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const fmt = (r: LoadResult) => `${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms (${r.ok} ok${r.failed ? `, ${r.failed} failed` : ''}, ${r.seconds.toFixed(1)} s)`;

const MEASURES = ['create', 'perform', 'intake', 'open311'] as const;
type Measure = (typeof MEASURES)[number];
const BASE_OF: Record<Measure, 'create' | 'intake'> = { create: 'create', perform: 'create', intake: 'intake', open311: 'intake' };

async function benchBackend(b: Backend) {
  const r: m.Runner = { b, connections: CONNECTIONS, log };
  const post = async (url: string, headers: Record<string, string>, body: unknown, form = false) => {
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
      body: form ? String(body) : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const key = () => ({ 'idempotency-key': `probe-${Math.random().toString(36).slice(2)}` });

  // One request of each kind alone: SQL statements issued (diagnostic), and the templates of the same-writes baseline.
  const probeCreate = await countStatements(() => post(`${b.apiUrl}/api/v1/cases`, { ...m.auth(b.tokens.handler), ...key() }, m.createBodies(b)[1]));
  const probeIntake = await countStatements(() => post(`${b.apiUrl}/api/v1/cases`, { ...m.auth(b.tokens.dispatcher), ...key() }, m.intakeBodies(b)[1]));
  await b.sameWrites.capture('create', probeCreate.value.id);
  await b.sameWrites.capture('intake', probeIntake.value.id);
  const statements = {
    floor: (await countStatements(() => post(`${b.baselineUrl}/bench/insert`, {}, m.createBodies(b)[0]))).statements,
    sameWritesCreate: (await countStatements(() => post(`${b.baselineUrl}/bench/same-writes/create`, key(), m.createBodies(b)[0]))).statements,
    sameWritesIntake: (await countStatements(() => post(`${b.baselineUrl}/bench/same-writes/intake`, key(), m.intakeBodies(b)[0]))).statements,
    allRowsIntake: (await countStatements(() => post(`${b.baselineUrl}/bench/same-writes/intake/all`, key(), m.intakeBodies(b)[0]))).statements,
    create: (await countStatements(() => post(`${b.apiUrl}/api/v1/cases`, { ...m.auth(b.tokens.handler), ...key() }, m.createBodies(b)[2]))).statements,
    perform: (await countStatements(() => post(`${b.apiUrl}/api/v1/cases/${probeCreate.value.id}/actions`, m.auth(b.tokens.reviewer), { action: 'accept' })))
      .statements,
    intake: (await countStatements(() => post(`${b.apiUrl}/api/v1/cases`, { ...m.auth(b.tokens.dispatcher), ...key() }, m.intakeBodies(b)[2]))).statements,
    open311: (await countStatements(() => post(`${b.apiUrl}/open311/v2/requests.json`, {}, m.open311Forms()[0], true))).statements,
  };
  log(`  SQL statements per request: ${Object.entries(statements).map(([k, v]) => `${k} ${v}`).join(', ')}`);

  log(`[${b.name}] warm-up, ${WARMUP} s of each route`);
  await m.floor(r, WARMUP);
  await m.sameWrites(r, 'create', WARMUP);
  await m.sameWrites(r, 'intake', WARMUP, true);
  await m.create(r, WARMUP);
  await m.intake(r, WARMUP);
  await m.open311(r, WARMUP);

  const used = new Set<string>();
  const runs: { floor: LoadResult; sameWrites: Record<'create' | 'intake', LoadResult>; allRows: Record<'create' | 'intake', LoadResult>;
    yifa: Record<Measure, LoadResult> }[] = [];
  for (let round = 1; round <= RUNS; round++) {
    log(`[${b.name}] round ${round}/${RUNS}: ${CONNECTIONS} connections × ${DURATION} s`);
    const floor = await m.floor(r, DURATION);
    log(`  floor            ${fmt(floor)}`);
    const swCreate = await m.sameWrites(r, 'create', DURATION);
    log(`  same writes      ${fmt(swCreate)}`);
    const allCreate = await m.sameWrites(r, 'create', DURATION, true);
    log(`  same writes, all ${fmt(allCreate)}`);
    const create = await m.create(r, DURATION);
    log(`  create           ${fmt(create)}`);
    // Every submitted legality review not yet accepted (those just created) gets one accept, at most what `create` made in its run.
    const ids = (await b.ctx.db.selectFrom('cases').select('id').where('type', '=', 'legality_review').where('state', '=', 'submitted')
      .where('number', 'not like', 'BG-%').orderBy('createdAt').execute()).map((x) => x.id).filter((id) => !used.has(id));
    const n = Math.floor(Math.min(ids.length, create.ok) / CONNECTIONS) * CONNECTIONS;
    const pick = ids.slice(0, n);
    for (const id of pick) used.add(id);
    const perform = await m.perform(r, pick);
    log(`  perform          ${fmt(perform)} (${n} cases)`);
    const swIntake = await m.sameWrites(r, 'intake', DURATION);
    log(`  same writes 12345 ${fmt(swIntake)}`);
    const allIntake = await m.sameWrites(r, 'intake', DURATION, true);
    log(`  same writes 12345, all ${fmt(allIntake)}`);
    const intake = await m.intake(r, DURATION);
    log(`  intake           ${fmt(intake)}`);
    const open311 = await m.open311(r, DURATION);
    log(`  open311          ${fmt(open311)}`);
    runs.push({
      floor, sameWrites: { create: swCreate, intake: swIntake }, allRows: { create: allCreate, intake: allIntake }, yifa: { create, perform, intake, open311 },
    });
  }

  const version = b.name === 'postgres' ? (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(b.ctx.db)).rows[0].v : 'PGlite (in memory)';
  const comparisons = MEASURES.map((k) => ({
    measure: k,
    yifaRps: m.spread(runs.map((x) => x.yifa[k].rps)),
    yifaP99: m.spread(runs.map((x) => x.yifa[k].p99)),
    sameWritesRps: m.spread(runs.map((x) => x.sameWrites[BASE_OF[k]].rps)),
    floorRps: m.spread(runs.map((x) => x.floor.rps)),
    vsSameWrites: m.spread(runs.map((x) => x.yifa[k].rps / x.sameWrites[BASE_OF[k]].rps)),
    allRowsRps: m.spread(runs.map((x) => x.allRows[BASE_OF[k]].rps)),
    vsAllRows: m.spread(runs.map((x) => x.yifa[k].rps / x.allRows[BASE_OF[k]].rps)),
    vsFloor: m.spread(runs.map((x) => x.yifa[k].rps / x.floor.rps)),
    statements: statements[k],
    sameWritesStatements: BASE_OF[k] === 'create' ? statements.sameWritesCreate : statements.sameWritesIntake,
    failed: runs.reduce((s, x) => s + x.yifa[k].failed, 0),
  }));
  return { backend: b.name, server: version, setup: b.setup, county: { orgs: b.county.orgs.length, cases: b.county.cases }, statements, comparisons, runs };
}

type BackendResult = Awaited<ReturnType<typeof benchBackend>>;

function printTable(rows: BackendResult[], due: ReturnType<typeof benchDue>) {
  const head = ['backend', 'measure', 'yifa req/s', 'p99 ms', 'same-writes req/s', 'yifa / same-writes', 'yifa / all rows', 'yifa / floor', 'SQL yifa',
    'SQL same-w.'];
  const lines: string[][] = [];
  for (const r of rows) {
    for (const c of r.comparisons) {
      lines.push([r.backend, c.measure, m.fmtSpread(c.yifaRps, 0), c.yifaP99.median.toFixed(0), m.fmtSpread(c.sameWritesRps, 0), m.fmtSpread(c.vsSameWrites),
        m.fmtSpread(c.vsAllRows), m.fmtSpread(c.vsFloor), String(c.statements), String(c.sameWritesStatements)]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log('');
  console.log(row(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(row(l));
  console.log('');
  console.log(`median [min–max] of ${RUNS} rounds × ${DURATION} s, ${CONNECTIONS} connections. ratio = yifa / baseline (throughput).`);
  console.log('same-writes = the same durable writes by hand (bench/same-writes.ts): create/perform vs the legality review\'s,'
    + ' intake/open311 vs the ticket\'s; all rows = the same, with the rows modules and notices write for the case (the 12345 ticket row,'
    + ' its rollup mark and Open311 update, the notice of receipt).');
  console.log('floor = bare Fastify + one INSERT … RETURNING id into jsonb. SQL = statements for one request alone (BEGIN/COMMIT included).');
  for (const r of rows) console.log(`${r.backend}: floor ${r.statements.floor} statements; ${r.county.orgs} orgs, ${r.county.cases} background cases.`);
  console.log(`(c) due date, 20 workdays: dueFrom ${due.platform.opsPerSec.toFixed(0)}/s vs naive loop ${due.baseline.opsPerSec.toFixed(0)}/s, `
    + `ratio ${due.ratio.toFixed(3)}; `
    + `sample from ${due.sample.from}: dueFrom → ${due.sample.platform}, naive → ${due.sample.naive} (holidays/调休).`);
}

async function main() {
  const started = Date.now();
  const results: BackendResult[] = [];
  const skipped: Record<string, string> = {};

  log(`yifa bench: ${CONNECTIONS} connections, ${RUNS} rounds × ${DURATION} s${QUICK ? ' (quick)' : ''}; node ${process.version}, ${os.cpus().length} CPUs`);
  // CPU-only measure first, before the servers' heaps and JIT state exist.
  log('[cpu] (c) due-date computations');
  const due = benchDue(QUICK ? 0.5 : 1.5);

  if (process.env.BENCH_LITE === 'off') {
    skipped.pglite = 'BENCH_LITE=off';
  } else {
    const lite = await pgliteBackend();
    try { results.push(await benchBackend(lite)); } finally { await lite.close(); }
  }

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
    rounds: RUNS,
    note: 'the load generator runs in its own process; ratios are per round (median [min–max]).',
    backends: results,
    skipped,
    dueDates: due,
    wallSeconds: (Date.now() - started) / 1000,
  };
  const dir = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, process.env.BENCH_OUT ?? 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  log(`written bench/results/${process.env.BENCH_OUT ?? 'latest.json'} (${out.wallSeconds.toFixed(0)} s)`);
  if (process.env.BENCH_SUITE !== 'writes') figures();
}

/**
 * The figures' benches, each in its own process, after the writes: the 政府信息公开 annual report (both backends) and the
 * 11 hotline metrics over 1M and 10M tickets, live and from the rollups (PostgreSQL; BENCH_QUICK: 100,000 tickets, one run).
 * The 10M size alone takes about an hour on 2 cores (generation, build, refreshes): BENCH_SIZES=1000000 measures 1M only.
 * BENCH_SUITE=writes skips them.
 */
function figures() {
  const runs: [string, string, Record<string, string>][] = [
    ['政府信息公开工作年度报告', 'disclosure-report.ts', {}],
    ['12345 指标（hotline metrics）', 'hotline-rollups.ts', QUICK ? { BENCH_SIZES: '100000', BENCH_RUNS: '1' } : {}],
  ];
  if (!QUICK && !process.env.BENCH_SIZES) log('figures: the hotline metrics at 10M tickets take about an hour on 2 cores (BENCH_SIZES=1000000: 1M only)');
  for (const [title, file, env] of runs) {
    console.log(`\n== ${title}: bench/${file} ==`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, file)], { stdio: 'inherit', env: { ...process.env, ...env } });
    if (r.status !== 0) throw new Error(`bench/${file} exited with ${r.status ?? r.signal}`);
  }
}

main().then(() => process.exit(0), (err) => { console.error(err instanceof Error ? err.stack : err); process.exit(1); });
