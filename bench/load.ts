/**
 * One HTTP load run in its own process (loadgen.ts: autocannon, or paced at a fixed rate), summarised as throughput
 * (2xx per second of wall time), latency percentiles and a sample of the first failure, if any.
 */
import { fork } from 'node:child_process';
import path from 'node:path';

export interface LoadResult {
  label: string;
  ok: number;
  failed: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Open-loop runs (a fixed rate: paced.ts) only. */
  p999?: number;
  max?: number;
  startedAt?: number;
  slowSeconds?: { at: number; n: number; max: number }[];
  firstError?: string;
}

export interface LoadSpec {
  label: string;
  url: string;
  connections: number;
  /** Fixed time (seconds)… */
  duration?: number;
  /** …or a fixed number of requests (each connection gets amount / connections). */
  amount?: number;
  headers?: Record<string, string>;
  /** One body for every request, or several used in turn (a string is sent as is: a form). */
  body?: unknown;
  bodies?: unknown[];
  contentType?: string;
  /** Path per request, in order (e.g. a distinct case per request); defaults to the url's path. */
  paths?: string[];
  /** Send a unique Idempotency-Key with each request (the writes a client that retries safely asks for). */
  idempotency?: boolean;
  /**
   * A fixed offered rate (requests per second over all connections, evenly spaced; latency from when each was due:
   * paced.ts), for a soak; default: as fast as answered (autocannon).
   */
  rate?: number;
}

export type LoadSpecWire = Omit<LoadSpec, 'label'>;

export async function load(spec: LoadSpec, idle?: () => Promise<void>): Promise<LoadResult> {
  const { label, ...wire } = spec;
  const child = fork(path.join(import.meta.dirname, 'loadgen.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const r = await new Promise<Omit<LoadResult, 'label' | 'rps'>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Omit<LoadResult, 'label' | 'rps'>));
    child.once('error', reject);
    child.once('exit', (code) => { if (code) reject(new Error(`${label}: load generator exited with ${code}`)); });
    child.send(wire);
  });
  // Requests whose client was cut off at the end are still running on the server: let them
  // finish so they do not bleed into the next run.
  await idle?.();
  return { label, ...r, rps: r.ok / r.seconds };
}
