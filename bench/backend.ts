/**
 * A benchmark backend: a migrated, seeded yifa database (PGlite in memory or a fresh PostgreSQL database with a name
 * of its own), shaped like a county (many orgs, many cases of many types), the full app logging at the level `serve`
 * uses, two baselines on a bare Fastify listening on 127.0.0.1 (the one-INSERT floor and the same-writes route of
 * same-writes.ts), and API tokens.
 */
import fs from 'node:fs';
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
import { addSameWritesRoute, type SameWrites } from './same-writes.ts';
import { shapeCounty } from './county.ts';

export const DATA_KEY = 'a3f1c2e4b5d6978812345678909abcdeffedcba0987654321a1b2c3d4e5f60718';
const SCRATCH = `CREATE TABLE IF NOT EXISTS bench_scratch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`;

export interface Backend {
  name: 'pglite' | 'postgres';
  ctx: Ctx;
  demo: DemoCounty;
  apiUrl: string;
  baselineUrl: string;
  tokens: { handler: string; reviewer: string; dispatcher: string };
  /** The same-writes baseline: call `capture` with a case yifa created before loading its route. */
  sameWrites: SameWrites;
  /** Background cases and extra orgs added to shape the data like a county. */
  county: { orgs: string[]; departments: string[]; townships: string[]; cases: number };
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
    rateLimit: { login: 1_000_000, public: 1_000_000 },
  };
}

async function issueToken(ctx: Ctx, userId: string, name: string): Promise<string> {
  const token = `yifa_${randomToken(24)}`;
  await ctx.db.insertInto('apiTokens').values({ name, tokenHash: sm3(token), prefix: token.slice(0, 9), userId, scopes: ['cases:write'] }).execute();
  return token;
}

/** Bare Fastify: one route, one `INSERT … RETURNING id` of the JSON body into a jsonb column (the floor). */
async function baselineApp(database: Database): Promise<FastifyInstance> {
  const app = Fastify({ logger: serveLogger() });
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

/**
 * The logger `serve` uses (its level, LOG_LEVEL or info: one line per request and response), written to /dev/null so that
 * the cost of logging is measured but the terminal stays readable. Both servers log the same way.
 */
function serveLogger() {
  return { level: process.env.LOG_LEVEL ?? 'info', stream: fs.createWriteStream('/dev/null') };
}

async function finish(name: Backend['name'], config: Config, database: Database, migrateMs: number, cleanup: () => Promise<void>): Promise<Backend> {
  const ctx = makeContext(config, database, { keyring: { current: 'k1', keys: { k1: DATA_KEY } } });
  const t0 = performance.now();
  await ensureCalendar(ctx);
  const demo = await seedDemoCounty(ctx);
  const county = await shapeCounty(ctx, demo);
  const seedMs = performance.now() - t0;
  const tokens = {
    handler: await issueToken(ctx, demo.users.handler, 'bench-handler'),
    reviewer: await issueToken(ctx, demo.users.reviewer, 'bench-reviewer'),
    dispatcher: await issueToken(ctx, demo.users.dispatcher, 'bench-dispatcher'),
  };
  const app = await buildApp(ctx, { logger: serveLogger() });
  const base = await baselineApp(database);
  const sameWrites = addSameWritesRoute(base, ctx);
  const apiBusy = inFlight(app);
  const baseBusy = inFlight(base);
  const apiUrl = await listen(app);
  const baselineUrl = await listen(base);
  return {
    name, ctx, demo, apiUrl, baselineUrl, tokens, sameWrites, county, setup: { migrateMs, seedMs },
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

/** A database name of this run's own: two runs at once never drop each other's database. */
export const BENCH_DB = `yifa_bench_${process.pid}_${Date.now().toString(36)}`;

/** The admin URL answers? Returns the URL of a fresh database (BENCH_DB) on that server, or null. */
export async function createBenchDatabase(adminUrl: string): Promise<string | null> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  try {
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
  // Two connections: migrate() holds one for its advisory lock while it runs the files on the other (max 1 deadlocked).
  const owner = await openPostgres(url, { max: 2 });
  try {
    await migrate(owner, migrationSources());
    await owner.exec(`${SCRATCH};\nGRANT SELECT, INSERT ON bench_scratch TO yifa_app;`);
  } finally {
    await owner.close();
  }
  const migrateMs = performance.now() - t0;
  const database = await openPostgres(url, { appRole: 'yifa_app' });
  const b = await finish('postgres', config, database, migrateMs, async () => {
    try {
      await dropBenchDatabase(adminUrl);
    } catch (err) {
      process.stderr.write(`warning: could not drop ${BENCH_DB}: ${(err as Error).message}\n`);
    }
  });
  // The seed's ANALYZE ran as yifa_app, which owns no table (PostgreSQL skips them): the owner analyzes.
  const analyst = await openPostgres(url, { max: 1 });
  try { await analyst.exec('ANALYZE'); } finally { await analyst.close(); }
  return b;
}

/**
 * A bench backend on the PostgreSQL server at `adminUrl`, which must be on 127.0.0.1 (load and fault runs never target
 * another machine), in a database of its own; throws when the server does not answer.
 */
export async function localPostgresBackend(adminUrl: string): Promise<Backend> {
  if (!/@(127\.0\.0\.1|localhost)[:/]/.test(adminUrl)) throw new Error('the bench targets 127.0.0.1 only');
  const url = await createBenchDatabase(adminUrl);
  if (!url) throw new Error(`no PostgreSQL at ${adminUrl}`);
  return postgresBackend(adminUrl, url);
}
