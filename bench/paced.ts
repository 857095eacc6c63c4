/**
 * An open-loop load at a fixed offered rate (the soak): request n is due at start + n / rate, whatever happened to the
 * ones before it, over at most `connections` keep-alive connections (a request due while all are busy waits for one).
 * Its latency runs from when it was due, not from when a connection was free to send it: the queueing a slow answer
 * causes is measured, not omitted. Percentiles are exact (every latency is kept).
 */
import http from 'node:http';
import type { LoadSpecWire } from './load.ts';

export interface PacedResult {
  ok: number;
  failed: number;
  seconds: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** When the first request was due (epoch ms). */
  startedAt: number;
  /** Where the tail is: each second (from the start, by when requests were due) with requests over 100 ms, how many, the slowest. */
  slowSeconds: { at: number; n: number; max: number }[];
  firstError?: string;
}

const SLOW_MS = 100;

/** The q-quantile of sorted latencies (nearest rank), in whole milliseconds as autocannon reports them. */
export function quantile(sorted: Float64Array, q: number): number {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]) : 0;
}

export async function paced(spec: LoadSpecWire, rate: number): Promise<PacedResult> {
  const u = new URL(spec.url);
  const total = spec.amount ?? Math.round(rate * (spec.duration ?? 5));
  const bodies = (spec.bodies ?? [spec.body ?? {}]).map((b) => (typeof b === 'string' ? b : JSON.stringify(b)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies = new Float64Array(total);
  let answered = 0;
  let ok = 0;
  let firstError: string | undefined;
  const fail = (e: string) => { firstError ??= e; };
  const t0 = performance.now();
  const startedAt = Date.now();
  const dueAt = (n: number) => t0 + (n * 1000) / rate;
  await new Promise<void>((resolve) => {
    const finished = new Uint8Array(total); // (a request that fails after its answer ended is counted once)
    const done = (n: number) => {
      if (finished[n]) return;
      finished[n] = 1;
      latencies[n] = performance.now() - dueAt(n);
      if (++answered === total) resolve();
    };
    const send = (n: number) => {
      const body = bodies[n % bodies.length];
      const headers: Record<string, string | number> = { 'content-type': spec.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body),
        ...spec.headers, ...(spec.idempotency ? { 'idempotency-key': `soak-${process.pid}-${n}` } : {}) };
      const req = http.request({ agent, host: u.hostname, port: u.port, method: 'POST', path: spec.paths?.[n] ?? u.pathname, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) ok++;
          else fail(`${status} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`);
          done(n);
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error('timeout after 30 s')));
      req.on('error', (e) => { fail(e.message); done(n); });
      req.end(body);
    };
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && dueAt(next) <= now) send(next++);
      if (next < total) setTimeout(tick, Math.max(0, dueAt(next) - performance.now()));
    };
    tick();
  });
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const slow = new Map<number, { at: number; n: number; max: number }>();
  latencies.forEach((ms, n) => {
    if (ms <= SLOW_MS) return;
    const at = Math.floor(n / rate);
    const x = slow.get(at) ?? slow.set(at, { at, n: 0, max: 0 }).get(at)!;
    x.n++;
    x.max = Math.max(x.max, Math.round(ms));
  });
  const sorted = latencies.sort();
  return { ok, failed: total - ok, seconds, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), p999: quantile(sorted, 0.999),
    max: quantile(sorted, 1), startedAt, slowSeconds: [...slow.values()], firstError };
}
