/**
 * Where a write's time goes: runs one measure (BENCH_MEASURE: create | intake | open311 | sameWrites) for BENCH_DURATION s
 * under the in-process CPU profiler, and prints the app process's CPU share, PostgreSQL's (its backends' CPU from /proc)
 * and the functions with the most self time, grouped by package. BENCH_BACKEND=pglite profiles the embedded database
 * instead: the engine then runs in the app process, and its WebAssembly shows up as the package `wasm (engine)`.
 *
 *   npx tsx bench/profile.ts                          (PostgreSQL on 127.0.0.1)
 *   BENCH_BACKEND=pglite npx tsx bench/profile.ts
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';
import { execSync } from 'node:child_process';
import { localPostgresBackend, pgliteBackend } from './backend.ts';
import * as m from './measures.ts';
import { countStatements } from './sqlcount.ts';

const MEASURE = process.env.BENCH_MEASURE ?? 'create';
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const LITE = process.env.BENCH_BACKEND === 'pglite';
const log = (s: string) => process.stderr.write(`${s}\n`);

/** CPU ticks (user + system) of every postgres process (none for PGlite: its engine's CPU is the app process's). */
function pgTicks(): number {
  let total = 0;
  if (LITE) return total;
  for (const pid of execSync('pgrep -x postgres || true').toString().split('\n').filter(Boolean)) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      total += Number(f[11]) + Number(f[12]);
    } catch { /* gone */ }
  }
  return total;
}

async function main() {
  const b = LITE ? await pgliteBackend() : await localPostgresBackend(ADMIN_URL);
  try {
    const r: m.Runner = { b, connections: Number(process.env.BENCH_CONNECTIONS ?? 10), log };
    const run = (d: number) => MEASURE === 'sameWrites' ? m.sameWrites(r, 'create', d)
      : MEASURE === 'intake' ? m.intake(r, d) : MEASURE === 'open311' ? m.open311(r, d) : m.create(r, d);
    if (MEASURE === 'sameWrites') await m.captureSameWritesCreate(b);
    // one request alone (after one more, untimed): the statements it issues
    const post = async (url: string, headers: Record<string, string>, body: string, type = 'application/json') => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': type, 'idempotency-key': `one-${Date.now()}`, ...headers }, body });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    };
    const single = () => (MEASURE === 'sameWrites' ? post(`${b.baselineUrl}/bench/same-writes/create`, {}, JSON.stringify(m.createBodies(b)[1]))
      : MEASURE === 'intake' ? post(`${b.apiUrl}/api/v1/cases`, m.auth(b.tokens.dispatcher), JSON.stringify(m.intakeBodies(b)[1]))
        : MEASURE === 'open311' ? post(`${b.apiUrl}/open311/v2/requests.json`, {}, m.open311Forms()[1], 'application/x-www-form-urlencoded')
          : post(`${b.apiUrl}/api/v1/cases`, m.auth(b.tokens.handler), JSON.stringify(m.createBodies(b)[1])));
    await single(); // the token's first use reads it (cached after)
    const one = await countStatements(single);
    log(`${MEASURE} on ${b.name}: ${one.statements} statements for one request alone (BEGIN/COMMIT included), ${one.ms.toFixed(1)} ms`);
    await run(3);
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    const cpu0 = process.cpuUsage(); const pg0 = pgTicks(); const t0 = performance.now();
    await session.post('Profiler.start');
    const res = await run(DURATION);
    const { profile } = await session.post('Profiler.stop');
    const wall = (performance.now() - t0) / 1000; const cpu = process.cpuUsage(cpu0); const pg = (pgTicks() - pg0) / 100;
    log(`${MEASURE}: ${res.rps.toFixed(0)} req/s, p50 ${res.p50} ms, p99 ${res.p99} ms`);
    log(`app process CPU ${(((cpu.user + cpu.system) / 1e6) / wall * 100).toFixed(0)}% of one core; PostgreSQL ${(pg / wall * 100).toFixed(0)}%`);
    log(`per request: app ${((cpu.user + cpu.system) / 1e3 / res.ok).toFixed(2)} ms CPU, PostgreSQL ${(pg * 1000 / res.ok).toFixed(2)} ms CPU; `
      + `per statement (${one.statements} a request): app ${((cpu.user + cpu.system) / 1e3 / res.ok / one.statements).toFixed(3)} ms CPU`);
    fs.writeFileSync(process.env.BENCH_PROFILE_OUT ?? '/tmp/yifa.cpuprofile', JSON.stringify(profile));
    // self time per function and per package
    const dt = new Map<number, number>();
    for (let i = 0; i < profile.samples!.length; i++) dt.set(profile.samples![i], (dt.get(profile.samples![i]) ?? 0) + (profile.timeDeltas![i] ?? 0));
    const byFn = new Map<string, number>(); const byPkg = new Map<string, number>(); let all = 0;
    for (const n of profile.nodes) {
      const t = dt.get(n.id) ?? 0; all += t;
      const u = n.callFrame.url;
      const pkg = u.startsWith('wasm://') ? 'wasm (engine)' : /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1]
        ?? (u.includes('/apps/server/') ? 'yifa' : u.includes('/bench/') ? 'bench' : u.startsWith('node:') ? 'node' : (u || n.callFrame.functionName));
      const fn = `${n.callFrame.functionName || '(anon)'} ${u.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + t); byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
    }
    const top = (mp: Map<string, number>, n: number) => [...mp].sort((a, b2) => b2[1] - a[1]).slice(0, n)
      .map(([k, v]) => `${(v / all * 100).toFixed(1).padStart(5)}%  ${k}`).join('\n');
    log(`\nself time by package:\n${top(byPkg, 18)}\n\nself time by function:\n${top(byFn, 40)}`);
    const cpuMs = (cpu.user + cpu.system) / 1e3 / res.ok;
    const layers = byLayer(profile);
    const busy = all - (layers.get('(idle)') ?? 0);
    const line = ([k, v]: [string, number]) => `${(v / busy * cpuMs).toFixed(2).padStart(6)} ms ${(v / busy * 100).toFixed(1).padStart(5)}%  ${k}`;
    log(`\nCPU per request by layer (share of the busy samples × ${cpuMs.toFixed(2)} ms):\n${[...layers].filter(([k]) => k !== '(idle)')
      .sort((a, b2) => b2[1] - a[1]).map(line).join('\n')}`);
  } finally {
    await b.close();
  }
}

type Profile = Profiler.Profile;

/**
 * Each sample's layer, from its whole stack: the database engine's WebAssembly (PGlite), the JavaScript the engine calls
 * (its file system, its output), PGlite's JavaScript around a call, the wire codec and results of node-postgres, the
 * prepared statements' naming (db/client.ts), Kysely, yifa's code, the baseline route, and the rest (HTTP, logging, Node).
 */
function byLayer(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const layers = new Map<string, number>();
  for (let i = 0; i < (profile.samples ?? []).length; i++) {
    const stack: Profile['nodes'] = [];
    for (let id: number | undefined = profile.samples![i]; id !== undefined; id = parent.get(id)) stack.push(byId.get(id)!);
    const leaf = stack[0].callFrame;
    const has = (re: RegExp) => stack.some((n) => re.test(n.callFrame.url));
    const layer = leaf.functionName === '(idle)' || leaf.functionName === '(garbage collector)' ? leaf.functionName
      : leaf.url.startsWith('wasm://') ? 'engine: WebAssembly'
        : has(/^wasm:\/\//) ? 'engine: JavaScript it calls (file system, output)'
          : /@electric-sql\/pglite/.test(leaf.url) ? 'PGlite JavaScript (hand-over, its codec)'
            : /node_modules\/pg(-protocol|-pool)?\//.test(leaf.url) ? 'node-postgres: wire codec, results'
              : stack.some((n) => n.callFrame.functionName === 'statementName') ? 'prepared statements: naming'
                : /node_modules\/kysely\//.test(leaf.url) ? 'Kysely'
                  : /\/apps\/server\//.test(leaf.url) ? 'yifa' : /\/bench\//.test(leaf.url) ? 'baseline route (bench)'
                    : 'HTTP, logging, Node, other packages';
    layers.set(layer, (layers.get(layer) ?? 0) + (profile.timeDeltas![i] ?? 0));
  }
  return layers;
}

main().catch((e) => { console.error(e); process.exit(1); });
