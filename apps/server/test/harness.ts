/**
 * Test harness: a fresh copy of the seeded demo county per test file, the real Fastify app on it,
 * an injected clock, and helpers to act as a demo user through the HTTP API (cookie + CSRF).
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../src/app.ts';
import { makeContext } from '../src/bootstrap.ts';
import { openPglite, openPostgres, type Database } from '../src/platform/db/client.ts';
import { ManualClock } from '../src/platform/clock.ts';
import type { Ctx } from '../src/platform/context.ts';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { PG_TEMPLATE_DB, TEMPLATE_DUMP, TEST_KEYRING, TEST_NOW, testConfig, withDb } from './template.ts';
import type { Config } from '../src/config.ts';

export interface TestEnv {
  app: App;
  ctx: Ctx;
  clock: ManualClock;
  /** Run SQL as the database owner (bypassing the app role), e.g. to tamper in tests. */
  ownerSql(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  login(username: string, password?: string): Promise<Session>;
  /** First login of a user someone else gave a password: change it (the API requires that first, issue 10 #20), then act. */
  loginFirstTime(username: string, initialPassword: string): Promise<Session>;
  close(): Promise<void>;
  backend: 'pglite' | 'postgres';
}

export interface Session {
  cookie: string;
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

async function cloneDatabase(): Promise<{ database: Database; owner: (t: string, p?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openPglite({ loadDataDir: new Blob([fs.readFileSync(TEMPLATE_DUMP)]) });
    return { database, owner: async (t, p) => ({ rows: (await database.lite!.query(t, p as never[])).rows as Record<string, unknown>[] }), drop: async () => undefined };
  }
  const name = `${PG_TEMPLATE_DB}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (let i = 0; ; i++) {
    try { await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`); break; } catch (e) {
      if (i > 40) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const database = await openPostgres(withDb(url, name), { appRole: 'yifa_app', max: 5 });
  const ownerPool = new pg.Pool({ connectionString: withDb(url, name), max: 1 });
  // pool.end() resolves before its connections are closed, so the forced DROP below may terminate one (57P01):
  // pg-pool re-emits that on the pool, and without a listener it is an uncaught exception that fails the run.
  ownerPool.on('error', () => undefined);
  return {
    database,
    owner: (t, p) => ownerPool.query(t, p as never[]),
    drop: async () => {
      await ownerPool.end();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await a.end();
    },
  };
}

export async function createTestEnv(opts: { now?: string; config?: Partial<Config> } = {}): Promise<TestEnv> {
  const { database, owner, drop } = await cloneDatabase();
  const clock = new ManualClock(opts.now ?? TEST_NOW);
  const ctx = makeContext(testConfig(opts.config), database, { clock, keyring: TEST_KEYRING });
  const app = await buildApp(ctx);
  await app.ready();

  const session = (cookie: string, csrf: string): Session => {
    const req = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method, url, payload: body as never, headers: { ...(cookie ? { cookie } : {}), ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}), ...headers } });
    return { cookie, csrf, get: (u, h) => req('GET', u, undefined, h), post: (u, b, h) => req('POST', u, b ?? {}, h), put: (u, b, h) => req('PUT', u, b ?? {}, h) };
  };

  const login = async (username: string, password = DEMO_PASSWORD): Promise<Session> => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
    const setCookie = String(r.headers['set-cookie']).split(';')[0];
    return session(setCookie, r.json().csrfToken);
  };

  return {
    app, ctx, clock, backend: database.kind,
    ownerSql: owner,
    login,
    async loginFirstTime(username, initialPassword) {
      const first = await login(username, initialPassword);
      const own = `${initialPassword}-Own`;
      const r = await first.post('/api/v1/auth/password', { currentPassword: initialPassword, newPassword: own });
      if (r.statusCode !== 204) throw new Error(`password change of ${username} failed: ${r.statusCode} ${r.body}`);
      return login(username, own);
    },
    async close() { await app.close(); await database.close(); await drop(); },
  };
}

/** An anonymous caller. */
export function anonymous(app: App): Session {
  const req = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) => app.inject({ method, url, payload: body as never, headers });
  return { cookie: '', csrf: '', get: (u, h) => req('GET', u, undefined, h), post: (u, b, h) => req('POST', u, b ?? {}, h), put: (u, b, h) => req('PUT', u, b ?? {}, h) };
}

/** One part of a multipart body: a field, or a file. */
export type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string };
/** A multipart/form-data body (a portal's upload, an Open311 media POST) built by hand, for inject(). */
export function multipart(parts: Part[]) {
  const boundary = '----yifa' + crypto.randomBytes(8).toString('hex');
  const chunks = parts.flatMap((p) => ('value' in p
    ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`)]
    : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`), p.content, Buffer.from('\r\n')]));
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
