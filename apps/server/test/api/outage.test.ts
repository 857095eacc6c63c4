/**
 * A database that cannot be reached (issue 10 #22) is not the caller's fault and not a defect: the
 * API answers 503 problem+json with Retry-After, Open311 its own error format with 503, nothing is
 * half-written, and service resumes by itself when the database is back. PostgreSQL: the app talks
 * to its database through a TCP relay the test cuts and restores. PGlite: the instance is closed.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { anonymous, createTestEnv, type TestEnv } from '../harness.ts';
import { buildApp, type App } from '../../src/app.ts';
import { makeContext } from '../../src/bootstrap.ts';
import { openPostgres, type Database } from '../../src/platform/db/client.ts';
import { TEST_KEYRING, testConfig, withDb } from '../template.ts';

const ticket = {
  type: 'hotline_ticket',
  input: { channel: 'web', ticketType: '求助', categoryCode: '02.01', description: '人民路井盖缺失，车辆经过很危险', attributes: { road: '人民路' }, anonymous: true },
};

function unavailable(r: LightMyRequestResponse) {
  expect(r.statusCode, r.body).toBe(503);
  expect(r.headers['retry-after']).toBe('5');
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(r.json()).toMatchObject({ code: 'unavailable', status: 503 });
}
function open311Unavailable(r: LightMyRequestResponse) {
  expect(r.statusCode, r.body).toBe(503);
  expect(r.headers['retry-after']).toBe('5');
  expect(r.json()[0]).toMatchObject({ code: 503 });
}

/** A TCP relay to the real server that can be cut (refusing and dropping connections) and restored on the same port. */
class Relay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly host: string, private readonly target: number) {}
  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const up = net.connect(this.target, this.host);
      for (const s of [client, up]) { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); s.on('error', () => undefined); }
      client.pipe(up).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }
  async cut(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const x of this.sockets) x.destroy();
    await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL unreachable, then back', () => {
  let env: TestEnv;
  let relay: Relay;
  let database: Database;
  let app: App;
  beforeAll(async () => {
    env = await createTestEnv();
    const name = String((await env.ownerSql('select current_database() as n')).rows[0].n);
    const real = new URL(process.env.TEST_DATABASE_URL!);
    relay = new Relay(real.hostname, Number(real.port || 5432));
    await relay.start();
    const viaRelay = new URL(withDb(process.env.TEST_DATABASE_URL!, name));
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    database = await openPostgres(viaRelay.toString(), { appRole: 'yifa_app', max: 3 });
    app = await buildApp(makeContext(testConfig(), database, { clock: env.clock, keyring: TEST_KEYRING }));
    await app.ready();
  });
  afterAll(async () => { await relay.cut(); await app.close(); await database.close(); await env.close(); });

  it('503 with Retry-After while cut (API and Open311), nothing half-written; serves again once restored', async () => {
    const anon = anonymous(app);
    expect((await anon.get('/api/v1/public/info')).statusCode).toBe(200);
    const before = (await env.ownerSql('select count(*)::int as n from cases')).rows[0].n;

    await relay.cut();
    unavailable(await anon.get('/api/v1/public/info'));
    unavailable(await anon.post('/api/v1/public/cases', ticket));
    unavailable(await anon.post('/api/v1/auth/login', { username: 'admin', password: 'whatever-1A' }));
    open311Unavailable(await anon.get('/open311/v2/requests.json'));
    expect((await anon.get('/ready')).statusCode).toBe(503);
    expect((await env.ownerSql('select count(*)::int as n from cases')).rows[0].n).toBe(before);

    await relay.start();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await anon.get('/api/v1/public/info')).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect((await anon.post('/api/v1/public/cases', ticket)).statusCode).toBe(201);
    expect((await anon.get('/open311/v2/requests.json')).statusCode).toBe(200);
  });
});

describe('PGlite closed', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await createTestEnv(); });
  afterAll(async () => { await env.close().catch(() => undefined); });

  it.skipIf(!!process.env.TEST_DATABASE_URL)('503 with Retry-After for the API, for a logged-in user and for Open311', async () => {
    const admin = await env.login('admin');
    await env.ctx.database.lite!.close();
    unavailable(await anonymous(env.app).get('/api/v1/public/info'));
    unavailable(await anonymous(env.app).post('/api/v1/public/cases', ticket));
    unavailable(await admin.get('/api/v1/cases'));
    open311Unavailable(await anonymous(env.app).get('/open311/v2/requests.json'));
  });
});
