/**
 * One HTTP load run with autocannon (programmatic API), summarised as throughput (2xx per
 * second of wall time), latency percentiles and a sample of the first failure, if any.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  ok: number;
  failed: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
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
  body?: unknown;
  /** Path per request (e.g. a distinct case per request); defaults to the url's path. */
  nextPath?: () => string;
}

export async function load(spec: LoadSpec, idle?: () => Promise<void>): Promise<LoadResult> {
  let firstError: string | undefined;
  const u = new URL(spec.url);
  let last = 0;
  const t0 = performance.now();
  const result = await autocannon({
    url: u.origin,
    sampleInt: 100,
    connections: spec.connections,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.duration ?? 5 }),
    timeout: 30,
    requests: [{
      method: 'POST',
      path: u.pathname,
      headers: { 'content-type': 'application/json', ...spec.headers },
      body: JSON.stringify(spec.body ?? {}),
      ...(spec.nextPath ? { setupRequest: (req) => ({ ...req, path: spec.nextPath!() }) } : {}),
      onResponse: (status, body) => {
        last = performance.now();
        if ((status < 200 || status >= 300) && firstError === undefined) firstError = `${status} ${body.slice(0, 300)}`;
      },
    }],
  });
  // Start to last response: autocannon only stops on a sampling tick, which would pad fixed-amount runs.
  const seconds = ((last || performance.now()) - t0) / 1000;
  // Requests whose client was cut off at the end are still running on the server: let them
  // finish so they do not bleed into the next run.
  await idle?.();
  const ok = result['2xx'];
  return {
    label: spec.label,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    seconds,
    rps: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    firstError,
  };
}
