/**
 * Does throughput grow with connections (issue 12)? Case creation through the full app and the same-writes baseline at
 * 1, 2, 4, 8 and 16 client connections (the app's pool is 10), BENCH_DURATION s each after a warm-up, on PostgreSQL
 * (127.0.0.1, a database of its own). With a lock that serialised every create of a type, yifa's rate would stop growing
 * at 1–2 connections while the machine still had cores to give.
 *
 *   npx tsx bench/connections.ts          (BENCH_CONNECTIONS_LIST=1,2,4,8,16, BENCH_DURATION=3)
 */
import os from 'node:os';
import { localPostgresBackend } from './backend.ts';
import * as m from './measures.ts';

const LIST = (process.env.BENCH_CONNECTIONS_LIST ?? '1,2,4,8,16').split(',').map(Number);
const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (s: string) => process.stderr.write(`${s}\n`);

async function main() {
  const b = await localPostgresBackend(ADMIN_URL);
  try {
    await m.captureSameWritesCreate(b);
    const at = (connections: number): m.Runner => ({ b, connections, log });
    await m.create(at(4), 3);
    await m.sameWrites(at(4), 'create', 3);
    const rows: string[] = [];
    for (const c of LIST) {
      const sw = await m.sameWrites(at(c), 'create', DURATION);
      const y = await m.create(at(c), DURATION);
      const cells = [String(c).padStart(11), y.rps.toFixed(0).padStart(10), String(y.p99).padStart(6), sw.rps.toFixed(0).padStart(17),
        (y.rps / sw.rps).toFixed(2).padStart(18)];
      rows.push(cells.join('  '));
      log(rows.at(-1)!);
    }
    console.log(`\nconnections  yifa req/s  p99 ms  same-writes req/s  yifa / same-writes`);
    for (const r of rows) console.log(r);
    const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
    console.log(`\ncreate (合法性审查), PostgreSQL, ${DURATION} s per point; ${os.cpus().length} CPUs, load average ${load}`);
  } finally {
    await b.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
