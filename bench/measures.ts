/**
 * The load runs the benchmarks share (bench/run.ts, bench/hotline.ts): what a request looks like for each measure, and
 * the spread of several runs. Every ratio is yifa / baseline (throughput: 1 = as fast as the baseline).
 */
import { DEMO_OPEN311_KEY } from '../apps/server/src/modules/hotline/seed.ts';
import type { Backend } from './backend.ts';
import { load, type LoadResult } from './load.ts';

export const auth = (t: string) => ({ authorization: `Bearer ${t}` });

/** Legality reviews drafted by the handler's department (the one they may open a review for), titles varying. */
export function createBodies(b: Backend, n = 64) {
  const drafting = [b.demo.orgs.scjgj];
  return Array.from({ length: n }, (_, i) => ({
    type: 'legality_review',
    input: {
      title: `示范县关于规范行政执法行为的通知（基准测试 ${i}）`, draftingOrgId: drafting[i % drafting.length], docKind: '通知',
      summary: '本文件规定行政执法公示、执法全过程记录和重大执法决定法制审核的具体做法。', affectsMarket: false,
    },
  }));
}

/** 12345 tickets from citizens in many townships. */
export function intakeBodies(b: Backend, n = 64) {
  const towns = [b.demo.orgs.cgz, b.demo.orgs.dgz, b.demo.orgs.xhx, b.demo.orgs.nsz, ...b.county.townships];
  return Array.from({ length: n }, (_, i) => ({
    type: 'hotline_ticket',
    input: {
      channel: 'phone', ticketType: '投诉', categoryCode: '01.02', description: `城关镇某超市标价与结账价格不一致，多收了十元（${i}）。`,
      townshipId: towns[i % towns.length], parties: { name: '王五', phone: `139${String(10000000 + i).slice(-8)}` },
    },
  }));
}

export function open311Forms(n = 64) {
  return Array.from({ length: n }, (_, i) => new URLSearchParams({
    api_key: DEMO_OPEN311_KEY, service_code: '01.02', address_string: `示范县城关镇人民路${i + 1}号`,
    description: `城关镇某超市标价与结账价格不一致，多收了十元（${i}）。`, phone: `139${String(20000000 + i).slice(-8)}`,
  }).toString());
}

export function check(r: LoadResult, log: (m: string) => void): LoadResult {
  if (r.failed) log(`  ! ${r.label}: ${r.failed} failed requests; first: ${r.firstError ?? '(connection error/timeout)'}`);
  if (!r.ok) throw new Error(`${r.label}: no successful request (${r.firstError ?? 'no response'})`);
  return r;
}

export interface Runner { b: Backend; connections: number; log: (m: string) => void }

/** Open one legality review through the API and copy it as the same-writes baseline's template (its route needs one). */
export async function captureSameWritesCreate(b: Backend): Promise<void> {
  const res = await fetch(`${b.apiUrl}/api/v1/cases`, { method: 'POST', body: JSON.stringify(createBodies(b)[0]),
    headers: { 'content-type': 'application/json', ...auth(b.tokens.handler), 'idempotency-key': `probe-${Date.now()}` } });
  if (res.status >= 300) throw new Error(`probe: ${res.status} ${await res.text()}`);
  await b.sameWrites.capture('create', ((await res.json()) as { id: string }).id);
}

export const floor = (r: Runner, duration: number) => load({
  label: 'bare INSERT (floor)', url: `${r.b.baselineUrl}/bench/insert`, connections: r.connections, duration, bodies: createBodies(r.b),
}, r.b.idle).then((x) => check(x, r.log));

/** The same-writes baseline of a kind; `all`: with the module's and the notices' rows too (see same-writes.ts). */
export const sameWrites = (r: Runner, kind: 'create' | 'intake', duration: number, all = false) => load({
  label: `same writes (${kind}${all ? ', all rows' : ''})`, url: `${r.b.baselineUrl}/bench/same-writes/${kind}${all ? '/all' : ''}`,
  connections: r.connections, duration, idempotency: true,
  bodies: kind === 'create' ? createBodies(r.b) : intakeBodies(r.b),
}, r.b.idle).then((x) => check(x, r.log));

export const create = (r: Runner, duration: number) => load({
  label: 'POST /api/v1/cases', url: `${r.b.apiUrl}/api/v1/cases`, connections: r.connections, duration, idempotency: true,
  headers: auth(r.b.tokens.handler), bodies: createBodies(r.b),
}, r.b.idle).then((x) => check(x, r.log));

export const intake = (r: Runner, duration: number) => load({
  label: 'POST /api/v1/cases (12345 ticket)', url: `${r.b.apiUrl}/api/v1/cases`, connections: r.connections, duration, idempotency: true,
  headers: auth(r.b.tokens.dispatcher), bodies: intakeBodies(r.b),
}, r.b.idle).then((x) => check(x, r.log));

export const open311 = (r: Runner, duration: number) => load({
  label: 'Open311 POST', url: `${r.b.apiUrl}/open311/v2/requests.json`, connections: r.connections, duration,
  contentType: 'application/x-www-form-urlencoded; charset=utf-8', bodies: open311Forms(),
}, r.b.idle).then((x) => check(x, r.log));

/** `accept` on distinct submitted legality reviews (each request its own case), as the reviewer. */
export const perform = (r: Runner, ids: string[]) => load({
  label: 'POST /api/v1/cases/:id/actions accept', url: `${r.b.apiUrl}/api/v1/cases/x/actions`, connections: r.connections, amount: ids.length,
  headers: auth(r.b.tokens.reviewer), body: { action: 'accept' }, paths: ids.map((id) => `/api/v1/cases/${id}/actions`),
}, r.b.idle).then((x) => check(x, r.log));

export interface Spread { median: number; min: number; max: number; runs: number[] }
export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: mid, min: s[0], max: s[s.length - 1], runs: xs };
}
export const fmtSpread = (s: Spread, digits = 2) => `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;
