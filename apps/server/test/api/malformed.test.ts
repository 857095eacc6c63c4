/**
 * The malformed requests that got a 500 or a plain-JSON answer (issue 10 #21), one by one: each is
 * a problem+json 4xx naming the part of the request at fault. The seeded fuzz (fuzz.test.ts) walks
 * every route; this file pins the cases down, including those only a real socket can send.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../harness.ts';

let env: TestEnv;
let admin: Session;
beforeAll(async () => { env = await createTestEnv(); admin = await env.login('admin'); });
afterAll(async () => { await env.close(); });

function problem(r: LightMyRequestResponse, status: number, path?: string) {
  expect(r.statusCode, r.body).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = r.json();
  expect(body.status).toBe(status);
  if (path) expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
  return body;
}

const post = (url: string, payload: string, type: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'POST', url, payload, headers: { 'content-type': type, ...headers } });
const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
/** A public 12345 submission that is valid but for what each test adds. */
const ticket = { channel: 'web', ticketType: '投诉', categoryCode: '01.02', description: '超市标价与结账价格不一致，多收了十元。', anonymous: true };

describe('dates the validator could not parse', () => {
  it.each(['2021-1-1', '2021/01/01', '99999-01-01', '2021-02-30'])('%s is a 400 naming the field', async (d) => {
    problem(await admin.get(`/api/v1/powers/as-of?date=${encodeURIComponent(d)}`), 400, 'query.date');
    problem(await anonymous(env.app).get(`/api/v1/calendar/due?from=${encodeURIComponent(d)}&amount=1&unit=days`), 400, 'query.from');
  });
});

describe('a NUL character anywhere (PostgreSQL cannot store it)', () => {
  it('in a query string, a path parameter, a JSON body, a key', async () => {
    problem(await admin.get('/api/v1/cases?q=a%00b'), 400, 'query.q');
    problem(await anonymous(env.app).get('/api/v1/public/track/HF%002026'), 400, 'params.number');
    problem(await admin.post('/api/v1/hotline/kb', { question: '问题\u0000', answer: '答案答案', categoryCode: '01' }), 400, 'body.question');
    problem(await anonymous(env.app).post('/api/v1/auth/login', { username: 'admin\u0000', password: 'x' }), 400, 'body.username');
    problem(await anonymous(env.app).post('/api/v1/public/cases', { type: 'hotline_ticket', input: { ...ticket, ['k\u0000']: 1 } }), 400, 'body.input.k');
  });

  it('in a multipart field, raw or JSON-escaped', async () => {
    const json = JSON.stringify({ type: 'hotline_ticket', input: { ...ticket, description: 'a\u0000b' } });
    const body = `--xyz\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${json}\r\n--xyz--\r\n`;
    const r = await post('/api/v1/public/cases', body, 'multipart/form-data; boundary=xyz');
    problem(r, 400, 'body.payload');
  });
});

describe('bodies that are not what they claim', () => {
  it.each([
    ['multipart/form-data', 'garbage'],
    ['multipart/form-data; boundary=', '--\r\n'],
    ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{"type":'],
  ])('%s without a valid boundary or end is a 400 naming the body', async (type, payload) => {
    for (const url of ['/api/v1/public/cases', '/api/v1/orgs/import']) {
      problem(await post(url, payload, type, { cookie: admin.cookie, 'x-csrf-token': admin.csrf }), 400, 'body');
    }
  });

  it('JSON nested thousands of levels deep is a 400, in the body or inside a multipart field', async () => {
    const json = `{"type":"hotline_ticket","input":${JSON.stringify(ticket).slice(0, -1)},"x":${deep(5000)}}}`;
    problem(await post('/api/v1/public/cases', json, 'application/json'), 400, 'body');
    const mp = `--xyz\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${json}\r\n--xyz--\r\n`;
    problem(await post('/api/v1/public/cases', mp, 'multipart/form-data; boundary=xyz'), 400, 'body');
  });

  it('an import that is not multipart is a 415 naming the content type', async () => {
    problem(await admin.post('/api/v1/orgs/import', { a: 1 }), 415, 'headers.content-type');
  });

  it('an unknown content type is a 415, a body over the limit a 413', async () => {
    problem(await post('/api/v1/public/cases', '<a/>', 'application/xml'), 415, 'headers.content-type');
    problem(await post('/api/v1/public/cases', `{"a":"${'x'.repeat(3 * 1024 * 1024)}"}`, 'application/json'), 413);
  });

  it('broken JSON is a 400 naming the body', async () => {
    problem(await post('/api/v1/public/cases', '{"a":', 'application/json'), 400, 'body');
  });
});

describe('URLs the router cannot take', () => {
  it('a bad %-escape is a 400, an over-long parameter a 414, an unknown route a 404: all problem+json', async () => {
    problem(await admin.get('/api/v1/cases/%E0%A4%A'), 400, 'url');
    problem(await admin.get(`/api/v1/public/track/${'9'.repeat(500)}`), 414, 'url');
    problem(await admin.get('/api/v1/no-such-thing'), 404);
  });

  it('under /open311/ the same answers are in Open311 format', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/open311/v2/requests/%E0%A4%A.json' });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.json()[0]).toMatchObject({ code: 400 });
  });
});

describe('what Node answers before a route exists (a real socket)', () => {
  let port: number;
  beforeAll(async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    port = (env.app.server.address() as net.AddressInfo).port;
  });

  const raw = (text: string) => new Promise<string>((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => { out += d.toString('utf8'); });
    s.on('end', () => resolve(out)); s.on('close', () => resolve(out)); s.on('error', reject);
  });
  const parse = (res: string) => {
    const [head, body] = res.split('\r\n\r\n');
    return { status: Number(head.split(' ')[1]), type: /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '', body: JSON.parse(body) };
  };

  it('headers over the limit: 431 problem+json', async () => {
    const r = parse(await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(r.status).toBe(431);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ code: 'headers_too_large', status: 431 });
  });

  it('a request Node cannot parse: 400 problem+json', async () => {
    const r = parse(await raw('NOT HTTP AT ALL\r\n\r\n'));
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ code: 'bad_request', errors: [{ path: 'request' }] });
  });
});
