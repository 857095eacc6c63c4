/**
 * Malformed input never becomes a 500 (issue 10 #21). With a fixed seed, every operation of the
 * OpenAPI document (and the Open311 routes) gets a generated bad value in each of its fields —
 * path, query, body, the input of every case type — then whole bodies that are not what they
 * claim (broken or deeply nested JSON, multipart without a boundary, wrong content types) and odd
 * headers. Every answer must be below 500; the API's must be problem+json, and its 400s must name
 * the bad field; Open311's must be in its own format.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../harness.ts';
import { operations, openapiDocument, plausible, sample, type JsonSchema, type Operation } from '../openapi-walk.ts';
import { DEMO_OPEN311_KEY } from '../../src/modules/hotline/seed.ts';

const SEED = 20260615;

/** Values no field expects: dates in other shapes, NUL and control characters, odd numbers, wrong types. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '2021-1-1', '2021/01/01', '99999-01-01', '2021-02-30', '0000-00-00', '2021-13-45', '2021-06-15T25:00:00Z',
    'a\u0000b', '\u0000', 'x\u0001\u000by', '\ud800', '%00', '%', '../../etc/passwd', "' or 1=1 --", '<x>&amp;',
    '9'.repeat(5000), '', ' ', 'null', 'NaN', '-1', '1e309', '１２３', '{"a":1}', '__proto__',
  ),
  fc.constantFrom<unknown>(null, true, false, 0, -1, 2 ** 53, -(2 ** 63), 1e308, 0.5, [], {}, ['x'], { a: 1 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)), { maxLength: 3 }),
);
const BAD = fc.sample(badValue, { seed: SEED, numRuns: 4000 });
let next = 0;
/** For each field: the values that broke the API before (NUL, dates it could not parse, control characters), then one drawn by the seed. */
const CRITICAL: unknown[] = ['a\u0000b', '2021-1-1'];
const bads = () => [...CRITICAL, BAD[next++ % BAD.length]];

/** Bodies that are not what their content type says, sent to every write. */
const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const RAW_BODIES: { type: string; payload: string }[] = [
  { type: 'application/json', payload: '{"a":' },
  { type: 'application/json', payload: deep(5000) },
  { type: 'application/json', payload: `${'['.repeat(20000)}${']'.repeat(20000)}` },
  { type: 'application/json', payload: `{"input":${deep(3000)}}` },
  { type: 'application/json', payload: '{"__proto__":{"x":1}}' },
  { type: 'application/json', payload: 'null' },
  { type: 'application/json', payload: '[1,2]' },
  { type: 'application/json', payload: '"text"' },
  { type: 'application/json; charset=latin1', payload: '{}' },
  { type: 'text/plain', payload: 'hello' },
  { type: 'multipart/form-data', payload: 'garbage' },
  { type: 'multipart/form-data; boundary=', payload: '--\r\n' },
  { type: 'multipart/form-data; boundary=xyz', payload: '--xyz\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{"type":' },
  {
    type: 'multipart/form-data; boundary=xyz',
    payload: '--xyz\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{"type":"hotline","input":{"description":"a\\u0000b"}}\r\n--xyz--\r\n',
  },
  { type: 'application/x-www-form-urlencoded', payload: 'a=1&b=%ZZ&c' },
  { type: 'application/xml', payload: '<a/>' },
];

const HEADERS: Record<string, string>[] = [
  { 'idempotency-key': 'x' }, { 'idempotency-key': 'k'.repeat(300) }, { 'idempotency-key': '\u00ff\u00fe-key-1234' },
  { 'x-request-id': '../../x' }, { accept: 'application/xml;q=0' }, { 'accept-language': '*;q=foo' },
  { 'x-forwarded-for': 'not-an-ip, 999.1.1.1' }, { cookie: 'yifa_session=%ZZ; other' }, { cookie: 'yifa_session=' },
  { authorization: 'Bearer ' }, { authorization: 'Basic Zm9vOmJhcg==' }, { authorization: 'Bearer yifa_unknown' },
  { 'content-length': '5' }, { 'x-csrf-token': '' },
];

let env: TestEnv;
let admin: Session;
let ops: Operation[];
let caseTypes: { type: string; create: { schema: JsonSchema } }[];
let failures: string[] = [];

function check(what: string, r: LightMyRequestResponse, op?: Operation) {
  const type = String(r.headers['content-type'] ?? '');
  const fail = (why: string) => failures.push(`${what.replace(/\r?\n/g, '⏎')} → ${r.statusCode} ${why}: ${r.body.slice(0, 160)}`);
  if (r.statusCode >= 500) return fail('server error');
  if (op?.open311 || what.includes(' /open311/')) {
    if (r.statusCode >= 400 && !/xml|json/.test(type)) fail('Open311 error not in its format');
    return;
  }
  if (r.statusCode < 400) return;
  if (!type.startsWith('application/problem+json')) return fail(`not problem+json (${type})`);
  const body = r.json() as { status?: number; errors?: { path?: string }[] };
  if (body.status !== r.statusCode) fail('status member differs');
  if (r.statusCode === 400 && !(body.errors?.length && body.errors.every((e) => typeof e.path === 'string' && e.path))) fail('400 names no field');
}

const PUBLIC_PATHS = ['/health', '/ready', '/api/v1/auth/login', '/api/v1/calendar/due', '/api/v1/calendar/years', '/api/v1/calendar/{year}'];
const formOf = (body: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''])).toString();

type Req = { method: string; url: string; body?: unknown };
async function send(op: Operation, req: Req, headers: Record<string, string> = {}, raw?: { type: string; payload: string }) {
  const publicOp = op.open311 || op.path.includes('/public/') || PUBLIC_PATHS.includes(op.path);
  const who = publicOp && op.method !== 'GET' ? anonymous(env.app) : admin;
  const base: Record<string, string> = {};
  if (who.cookie) base.cookie = who.cookie;
  if (who.csrf && op.method !== 'GET') base['x-csrf-token'] = who.csrf;
  let payload: string | undefined;
  if (raw) { payload = raw.payload; base['content-type'] = raw.type; } else if (req.body !== undefined && op.method !== 'GET') {
    if (op.open311) {
      payload = formOf(req.body as Record<string, unknown>);
      base['content-type'] = 'application/x-www-form-urlencoded';
    } else { payload = JSON.stringify(req.body); base['content-type'] = 'application/json'; }
  }
  const r = await env.app.inject({ method: req.method as 'GET', url: req.url, payload, headers: { ...base, ...headers } });
  const rawNote = raw ? ` [${raw.type} ${raw.payload.slice(0, 30)}]` : '';
  const headerNote = Object.keys(headers).length ? ` ${JSON.stringify(headers).slice(0, 60)}` : '';
  check(`${req.method} ${req.url.slice(0, 120)}${rawNote}${headerNote}`, r, op);
  return r;
}

/** Field paths of a body schema: top-level properties and one level below. */
function fieldsOf(s: JsonSchema | undefined): string[][] {
  const out: string[][] = [];
  for (const [k, v] of Object.entries(s?.properties ?? {})) {
    out.push([k]);
    const inner = v.type === 'array' ? v.items : v;
    for (const k2 of Object.keys(inner?.properties ?? {})) out.push(v.type === 'array' ? [k, '0', k2] : [k, k2]);
  }
  return out;
}
function withField(body: unknown, path: string[], value: unknown): unknown {
  const root = structuredClone(body ?? {}) as Record<string, unknown>;
  let o: Record<string, unknown> = root;
  for (const [i, k] of path.entries()) {
    if (i === path.length - 1) { o[k] = value; break; }
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = /^\d+$/.test(path[i + 1]) ? [] : {};
    o = o[k] as Record<string, unknown>;
  }
  return root;
}

beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.login('admin');
  ops = operations(await openapiDocument(env.app)).filter((o) => o.path !== '/api/v1/auth/logout');
  caseTypes = (await admin.get('/api/v1/case-types')).json();
});
afterAll(async () => { await env?.close(); });
beforeEach(() => { failures = []; });
afterEach(() => { if (failures.length) console.log(`${failures.length} bad answers:\n${failures.join('\n')}`); });

describe('malformed requests never get a 500 (fixed seed)', () => {
  it('a bad value in every path, query and body field of every operation', async () => {
    for (const op of ops) {
      const base = plausible(op);
      if (op.open311 && op.method === 'POST') (base.body as Record<string, unknown>).api_key = DEMO_OPEN311_KEY;
      await send(op, base);
      for (const v of bads()) {
        for (const p of op.params.filter((x) => x.in === 'path')) await send(op, plausible(op, { path: { [p.name]: v }, body: base.body }));
        for (const p of op.params.filter((x) => x.in === 'query')) await send(op, plausible(op, { query: { [p.name]: v }, body: base.body }));
        for (const f of fieldsOf(op.body)) await send(op, { ...base, body: withField(base.body, f, v) });
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('a bad value in every input field of every case type (staff and public submission)', async () => {
    const create = ops.find((o) => o.path === '/api/v1/cases' && o.method === 'POST')!;
    const pub = ops.find((o) => o.path === '/api/v1/public/cases' && o.method === 'POST')!;
    for (const t of caseTypes) {
      const input = sample(t.create.schema) as Record<string, unknown>;
      for (const f of fieldsOf(t.create.schema)) {
        for (const v of bads()) {
          const body = { type: t.type, input: withField(input, f, v) };
          await send(create, { method: 'POST', url: create.path, body });
          await send(pub, { method: 'POST', url: pub.path, body });
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('bodies that are not what they claim, on every write', async () => {
    for (const op of ops.filter((o) => o.method !== 'GET')) {
      for (const raw of RAW_BODIES) await send(op, plausible(op), {}, raw);
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('odd headers on a sample of operations', async () => {
    const sampled = fc.sample(fc.constantFrom(...ops), { seed: SEED, numRuns: 30 });
    for (const op of sampled) for (const h of HEADERS) await send(op, plausible(op), h);
    expect(failures).toEqual([]);
  }, 120_000);

  it('URLs the router cannot take: bad escapes, long parameters, unknown routes', async () => {
    const urls = [
      '/api/v1/cases/%E0%A4%A', '/api/v1/cases/%', `/api/v1/public/track/${'9'.repeat(500)}`, '/api/v1/nope', '/api/v1/cases/x/y/z', '/nope',
      '/api/v1/cases?limit=%ZZ', '/api/v1/cases?a[b]=1',
    ];
    for (const url of urls) {
      const r = await env.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
      check(`GET ${url}`, r);
    }
    expect(failures).toEqual([]);
  });
});
