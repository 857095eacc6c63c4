/**
 * Watches SQL traffic (both backends talk through pg.Client — PGlite via its node-postgres
 * adapter) by wrapping pg.Client#query: statements per request (diagnostic), and quiet-time
 * detection so that server work left over from one load run does not leak into the next.
 */
import pg from 'pg';

let counting = false;
let count = 0;
let pending = 0;
let lastActivity = performance.now();

const original = pg.Client.prototype.query as unknown as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (counting) {
    count++;
  }
  lastActivity = performance.now();
  const res = original.apply(this, args);
  // BENCH_SQL_TRACE=1: print each counted statement (its first 140 characters) with its time to the answer.
  if (counting && process.env.BENCH_SQL_TRACE === '1' && res && typeof (res as Promise<unknown>).then === 'function') {
    const text = String((args[0] as { text?: string })?.text ?? args[0]).replace(/\s+/g, ' ').slice(0, 140);
    const t0 = performance.now();
    const say = () => process.stderr.write(`    sql ${(performance.now() - t0).toFixed(2).padStart(6)} ms: ${text}\n`);
    (res as Promise<unknown>).then(say, say);
  }
  if (res && typeof (res as Promise<unknown>).then === 'function') {
    pending++;
    const done = () => { pending--; lastActivity = performance.now(); };
    (res as Promise<unknown>).then(done, done);
  }
  return res;
};

/** Run fn alone and return the statements it issued and its wall time. */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ value: T; statements: number; ms: number }> {
  count = 0;
  counting = true;
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, statements: count, ms: performance.now() - t0 };
  } finally {
    counting = false;
  }
}

/** Resolves once no statement has been running or started for `quietMs` (at most 60 s). */
export async function dbQuiet(quietMs = 250): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    if (pending === 0 && performance.now() - lastActivity >= quietMs) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}
