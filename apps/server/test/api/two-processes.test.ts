/**
 * Several app processes on one PostgreSQL (issue 12, "past one machine"): two `yifa serve` processes on two ports over one
 * database, driven at once. A session made on one works on the other; concurrent creates on both take distinct, consecutive
 * numbers; one Idempotency-Key sent to both makes one case; the audit chains verify. PostgreSQL only (an embedded database
 * belongs to one process: its data directory is locked).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_TEMPLATE_DB, TEST_KEYRING, withDb } from '../template.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';

const url = process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, '../../../..');
const dbName = `${PG_TEMPLATE_DB}_two_${crypto.randomBytes(4).toString('hex')}`;
const procs: ChildProcess[] = [];
let bases: string[] = [];

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); });
  s.on('error', reject);
});

async function start(port: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'serve'], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: withDb(url!, dbName), PORT: String(port), HOST: '127.0.0.1', YIFA_DATA_KEY: JSON.stringify(TEST_KEYRING),
      LOG_LEVEL: 'warn', YIFA_DEMO: 'off', COOKIE_SECURE: 'false', TZ: 'UTC' },
  });
  procs.push(child);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process on ${port} did not start: ${out.slice(-2000)}`)), 60_000);
    const seen = (b: Buffer) => { out += b.toString(); if (out.includes('已启动')) { clearTimeout(timer); resolve(); } };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`process on ${port} exited ${code}: ${out.slice(-2000)}`)); });
  });
  return `http://127.0.0.1:${port}`;
}

async function login(base: string, username: string) {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(r.status).toBe(200);
  const body = await r.json() as { csrfToken: string; user: { orgId: string } };
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.csrfToken, orgId: body.user.orgId };
}
type Login = Awaited<ReturnType<typeof login>>;
const call = (base: string, s: Login, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${p}`, { method, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined });

describe.skipIf(!url)('two app processes on one PostgreSQL', () => {
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${PG_TEMPLATE_DB}`);
    await admin.end();
    bases = await Promise.all([freePort(), freePort()].map(async (p) => start(await p)));
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : null)));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }, 60_000);

  it('a session made on one process works on the other; creates on both take distinct consecutive numbers; one key makes one case', async () => {
    const [a, b] = bases;
    const s = await login(a, 'handler');
    expect((await call(b, s, 'GET', '/api/v1/auth/session')).status).toBe(200);
    const review = (title: string) => ({ type: 'legality_review', input: { title, draftingOrgId: s.orgId, docKind: '办法',
      summary: '本办法规定了测试事项的管理要求和法律责任。' } });
    const made = await Promise.all(Array.from({ length: 16 }, (_, i) => call(i % 2 ? b : a, s, 'POST', '/api/v1/cases', review(`两个进程的测试办法${i}`))));
    expect(made.map((r) => r.status)).toEqual(Array(16).fill(201));
    const numbers = (await Promise.all(made.map((r) => r.json() as Promise<{ number: string }>))).map((c) => Number(c.number.split('-')[2])).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(16);
    expect(numbers.at(-1)! - numbers[0]).toBe(15);

    const key = { 'idempotency-key': `two-processes-${crypto.randomUUID()}` };
    const both = await Promise.all([call(a, s, 'POST', '/api/v1/cases', review('同一幂等键的测试办法'), key),
      call(b, s, 'POST', '/api/v1/cases', review('同一幂等键的测试办法'), key)]);
    const ok = both.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const ids = new Set(await Promise.all(ok.map(async (r) => (await r.json() as { id: string }).id)));
    expect(ids.size).toBe(1);
    // the loser, if it did not wait for the winner's answer, is told the request is in progress (409), never a second case
    for (const r of both.filter((x) => x.status !== 201)) expect(r.status).toBe(409);
    const owner = new pg.Client({ connectionString: withDb(url!, dbName) });
    await owner.connect();
    const n = await owner.query(`select count(*)::int as n from cases where title = '同一幂等键的测试办法'`);
    await owner.end();
    expect(n.rows[0].n).toBe(1);

    // every chain verifies after the load on both (a task: on the second process, the first's writes included)
    const admin = await login(b, 'admin');
    const task = await (await call(b, admin, 'POST', '/api/v1/tasks/audit-verify', {})).json() as { taskId: string };
    let state: { status: string; result?: { ok: boolean } } = { status: 'running' };
    for (let i = 0; i < 200 && state.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = await (await call(b, admin, 'GET', `/api/v1/tasks/${task.taskId}`)).json() as typeof state;
    }
    expect(state).toMatchObject({ status: 'done', result: { ok: true } });
  }, 120_000);
});
