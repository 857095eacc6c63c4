/**
 * The deadline sweep beside requests (issue 12): how long it holds the app's event loop in one piece, against how long
 * it runs — the longest stretch a request arriving during the sweep waits for the app before it is even read. A county's
 * shape (bench/county.ts: 30,000 background cases, half with a running clock) on PostgreSQL at 127.0.0.1; 6 sweeps, each
 * at a later hour so the clocks are computed again.
 *   npx tsx bench/sweep.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { localPostgresBackend } from './backend.ts';
import { recomputeOpenClocks } from '../apps/server/src/platform/time/ledger-store.ts';

const b = await localPostgresBackend(process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
try {
  const open = await b.ctx.db.selectFrom('clocks').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', 'in', ['running', 'paused', 'unknown']).executeTakeFirstOrThrow();
  process.stdout.write(`${open.n} open clocks\n`);
  for (let i = 0; i < 6; i++) {
    const held = monitorEventLoopDelay({ resolution: 1 });
    held.enable();
    const t0 = performance.now();
    await b.ctx.db.transaction().execute((trx) => recomputeOpenClocks(b.ctx, trx, new Date(Date.now() + i * 3_600_000)));
    const ms = performance.now() - t0;
    held.disable();
    const max = held.max / 1e6;
    process.stdout.write(`sweep ${i + 1}: ${ms.toFixed(0)} ms, event loop held at most ${max.toFixed(1)} ms (${(max / ms).toFixed(3)} of the sweep)\n`);
  }
} finally {
  await b.close();
}
