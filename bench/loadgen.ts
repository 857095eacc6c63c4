/**
 * The load generator's own process (forked by load.ts): runs one load and sends back the counts, so that the
 * generator's CPU (HTTP parsing, JSON) is not taken from the servers' event loop. Each request may get its own path (a
 * distinct case to act on), its own body (county-shaped: many orgs and types) and a unique Idempotency-Key.
 *
 * As fast as answered (closed loop): autocannon. At a fixed offered rate (open loop, the soak): paced.ts — autocannon's
 * rate sends each connection's share of a second in one burst at the start of the second, and corrects its latencies
 * for coordinated omission with an expected interval of 1 ms, which counts a 300 ms answer about 300 times.
 */
import autocannon from 'autocannon';
import type { LoadSpecWire } from './load.ts';
import { paced } from './paced.ts';

process.once('message', async (spec: LoadSpecWire) => {
  if (spec.rate) {
    process.send!(await paced(spec, spec.rate), () => process.exit(0));
    return;
  }
  let firstError: string | undefined;
  let last = 0;
  let i = 0;
  const u = new URL(spec.url);
  const bodies = (spec.bodies ?? [spec.body ?? {}]).map((b) => (typeof b === 'string' ? b : JSON.stringify(b)));
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
      headers: { 'content-type': spec.contentType ?? 'application/json', ...spec.headers },
      body: bodies[0],
      setupRequest: (req) => {
        const n = i++;
        const headers = spec.idempotency ? { ...req.headers, 'idempotency-key': `bench-${process.pid}-${n}` } : req.headers;
        return { ...req, headers, body: bodies[n % bodies.length], ...(spec.paths ? { path: spec.paths[n] ?? spec.paths[spec.paths.length - 1] } : {}) };
      },
      onResponse: (status, body) => {
        last = performance.now();
        if ((status < 200 || status >= 300) && firstError === undefined) firstError = `${status} ${body.slice(0, 300)}`;
      },
    }],
  });
  // Start to last response: autocannon only stops on a sampling tick, which would pad fixed-amount runs.
  const seconds = ((last || performance.now()) - t0) / 1000;
  process.send!({
    ok: result['2xx'], failed: result.non2xx + result.errors + result.timeouts, seconds,
    p50: result.latency.p50, p99: result.latency.p99, firstError,
  }, () => process.exit(0));
});
