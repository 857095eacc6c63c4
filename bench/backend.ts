/**
 * A benchmark backend: a migrated, seeded yifa database (PGlite in memory or a fresh PostgreSQL
 * database), the full app and a bare Fastify baseline listening on 127.0.0.1, and API tokens.
 */
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../apps/server/src/config.ts';
import { ensureCalendar, makeContext, migrationSources } from '../apps/server/src/bootstrap.ts';
import { buildApp } from '../apps/server/src/app.ts';
import { openPglite, openPostgres, type Database } from '../apps/server/src/platform/db/client.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { randomToken, sm3 } from '../apps/server/src/platform/crypto/sm.ts';
import { seedDemoCounty, type DemoCounty } from '../apps/server/src/demo/seed.ts';
import type { Ctx } from '../apps/server/src/platform/context.ts';
import { dbQuiet } from './sqlcount.ts';

export const DATA_KEY = 'a3f1c2e4b5d6978812345678909abcdeffedcba0987654321a1b2c3d4e5f60718';
const SCRATCH = `CREATE TABLE IF NOT EXISTS bench_scratch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`;

export interface Backend {
  name: 'pglite' | 'postgres';
  ctx: Ctx;
  demo: DemoCounty;
  apiUrl: string;
  baselineUrl: string;
  tokens: { handler: string; reviewer: string };
  setup: { migrateMs: number; seedMs: number };
  /** Resolves once neither server has a request in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function benchConfig(databaseUrl?: string): Config {
  const base = loadConfig({ ...process.env, DATABASE_URL: databaseUrl ?? '', DATA_DIR: path.join(os.tmpdir(), 'yifa-bench') });
  return {
    ...base,
    databaseUrl,
    dataKey: DATA_KEY,
    jobs: false,
    logLevel: 'silent',
    rateLimit: { login: 1_000_000, public: 1_000_000 },
  };
}

async function issueToken(ctx: Ctx, userId: string, name: string): Promise<string> {
  const token = `yifa_${randomToken(24)}`;
  await ctx.db.insertInto('apiTokens').values({ name, tokenHash: sm3(token), prefix: token.slice(0, 9), userId, scopes: ['cases:write'] }).execute();
  return token;
}

/** Bare Fastify: one route, one `INSERT … RETURNING id` of the JSON body into a jsonb column. */
async function baselineApp(database: Database): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.post('/bench/insert', async (req, reply) => {
    const r = await sql<{ id: string }>`INSERT INTO bench_scratch (payload) VALUES (${JSON.stringify(req.body)}::jsonb) RETURNING id`.execute(database.db);
    return reply.status(201).send({ id: r.rows[0].id });
  });
  return app;
}

/** Count requests in flight on a Node HTTP server (independent of the app's own hooks). */
function inFlight(app: FastifyInstance): () => number {
  let n = 0;
  app.server.on('request', (_req, res) => {
    n++;
    let done = false;
    const end = () => { if (!done) { done = true; n--; } };
    res.once('finish', end);
    res.once('close', end);
  });
  return () => n;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return `http://127.0.0.1:${addr.port}`;
}

async function finish(name: Backend['name'], config: Config, database: Database, migrateMs: number, cleanup: () => Promise<void>): Promise<Backend> {
  const ctx = makeContext(config, database, { keyring: { current: 'k1', keys: { k1: DATA_KEY } } });
  const t0 = performance.now();
  await ensureCalendar(ctx);
  const demo = await seedDemoCounty(ctx);
  const seedMs = performance.now() - t0;
  const tokens = {
    handler: await issueToken(ctx, demo.users.handler, 'bench-handler'),
    reviewer: await issueToken(ctx, demo.users.reviewer, 'bench-reviewer'),
  };
  const app = await buildApp(ctx, { logger: false });
  const base = await baselineApp(database);
  const apiBusy = inFlight(app);
  const baseBusy = inFlight(base);
  const apiUrl = await listen(app);
  const baselineUrl = await listen(base);
  return {
    name, ctx, demo, apiUrl, baselineUrl, tokens, setup: { migrateMs, seedMs },
    async idle() {
      const deadline = Date.now() + 60_000;
      while (apiBusy() + baseBusy() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // A request whose client was cut off counts as closed but its handler still runs: wait for the database to go quiet.
      await dbQuiet();
    },
    async close() {
      await app.close();
      await base.close();
      await database.close();
      await cleanup();
    },
  };
}

export async function pgliteBackend(): Promise<Backend> {
  const config = benchConfig();
  const database = await openPglite({});
  const t0 = performance.now();
  await migrate(database, migrationSources());
  await database.exec(SCRATCH);
  return finish('pglite', config, database, performance.now() - t0, async () => undefined);
}

export const BENCH_DB = 'yifa_bench';

/** The admin URL answers? Returns the URL of a fresh `yifa_bench` database on that server, or null. */
export async function createBenchDatabase(adminUrl: string): Promise<string | null> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${BENCH_DB}`;
  return u.toString();
}

export async function dropBenchDatabase(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Closed pools may still be saying goodbye; forcing the drop while they do would send them a
    // FATAL they no longer listen for. Wait for the sessions to go, then drop (FORCE as a fallback).
    for (let i = 0; i < 100; i++) {
      const r = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [BENCH_DB]);
      if (r.rows[0].n === 0) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function postgresBackend(adminUrl: string, url: string): Promise<Backend> {
  const config = benchConfig(url);
  const t0 = performance.now();
  // Migrations (and the scratch table) as the owner; the app then acts as yifa_app.
  const owner = await openPostgres(url, { max: 1 });
  try {
    await migrate(owner, migrationSources());
    await owner.exec(`${SCRATCH};\nGRANT SELECT, INSERT ON bench_scratch TO yifa_app;`);
  } finally {
    await owner.close();
  }
  const migrateMs = performance.now() - t0;
  const database = await openPostgres(url, { appRole: 'yifa_app' });
  return finish('postgres', config, database, migrateMs, async () => {
    try {
      await dropBenchDatabase(adminUrl);
    } catch (err) {
      process.stderr.write(`warning: could not drop ${BENCH_DB}: ${(err as Error).message}\n`);
    }
  });
}
