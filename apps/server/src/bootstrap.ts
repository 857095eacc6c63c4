/**
 * Open the database, migrate, load the built-in calendar, and build the context every command
 * and route receives. Used by the server, the CLI, tests and benchmarks alike.
 */
import { OFFICIAL_CALENDAR } from '@yifa/contracts';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { lockDataDir, openPglite, openPostgres, type Database } from './platform/db/client.ts';
import { migrate, type MigrationSource } from './platform/db/migrate.ts';
import { spineManifest } from './platform/spine.ts';
import { FieldCrypto, loadKeyring, type Keyring } from './platform/crypto/field-crypto.ts';
import { CalendarStore } from './platform/time/calendar-store.ts';
import { Registry } from './platform/registry.ts';
import { useChainKey } from './platform/audit/chain.ts';
import { inAppTransport } from './platform/notifications/outbox.ts';
import { gatewayTransport } from './platform/notifications/transports.ts';
import { spineMetrics } from './platform/spine-metrics.ts';
import { MODULES } from './modules/index.ts';
import type { Ctx } from './platform/context.ts';
import path from 'node:path';

export function buildRegistry(): Registry {
  const r = new Registry();
  // The spine first (its metrics lead the dashboard); case types are named lazily, after modules register.
  const internalTypes = () => [...r.caseTypes.values()].filter((t) => t.workflow.internal).map((t) => t.workflow.type);
  r.add({ ...spineManifest, metrics: spineMetrics({ workflow: (type) => r.workflow(type), deadlines: r.deadlines, internalTypes }) });
  for (const m of MODULES) r.add(m);
  r.check();
  return r;
}

/** Where the spine's and every module's migrations are, in the registry's order. */
export function migrationSources(): MigrationSource[] {
  return buildRegistry().migrationSources();
}

/** Open the configured database: PGlite in dataDir (locked), or the PostgreSQL server. */
export async function openDatabase(config: Config): Promise<{ database: Database; release: () => void }> {
  if (config.databaseUrl) {
    const database = await openPostgres(config.databaseUrl, { appRole: 'yifa_app' });
    if (!config.databaseReadUrl) return { database, release: () => undefined };
    // figures read from the replica (a streaming standby: its lag of a second or two is fine for a dashboard)
    const replica = await openPostgres(config.databaseReadUrl, { appRole: 'yifa_app' });
    const close = database.close;
    return { database: { ...database, replica: replica.db, close: async () => { await replica.close(); await close(); } }, release: () => undefined };
  }
  if (config.databaseReadUrl) throw new Error('DATABASE_READ_URL 只能与 DATABASE_URL（PostgreSQL 服务器）一起使用');
  const release = lockDataDir(config.dataDir);
  try {
    return { database: await openPglite({ dir: path.join(config.dataDir, 'pg') }), release };
  } catch (err) {
    release();
    throw err;
  }
}

/** Load the built-in official calendar years that are not in the database yet. */
export async function ensureCalendar(ctx: Ctx): Promise<number[]> {
  const have = new Set((await ctx.db.selectFrom('calendarYears').select('year').execute()).map((y) => y.year));
  const added: number[] = [];
  for (const y of OFFICIAL_CALENDAR) {
    if (have.has(y.year)) continue;
    await ctx.db.transaction().execute((trx) => ctx.calendar.saveYearInTrx(trx, y, '系统（内置国务院办公厅通知数据）'));
    added.push(y.year);
  }
  return added;
}

export function makeContext(config: Config, database: Database, opts: { clock?: Clock; keyring?: Keyring } = {}): Ctx {
  const keyring = opts.keyring ?? loadKeyring({ envKey: config.dataKey, signingKey: config.signingKey, dataDir: config.dataDir, embedded: !config.databaseUrl });
  const crypto = new FieldCrypto(keyring);
  useChainKey(crypto.chainKey);
  const noticeLog = config.logLevel === 'silent' ? () => undefined : undefined;
  return {
    database,
    db: database.db,
    readDb: database.replica ?? database.db,
    clock: opts.clock ?? systemClock,
    config,
    crypto,
    calendar: new CalendarStore(database.db),
    registry: buildRegistry(),
    // the LOG transport writes to the server log (stdout, JSON lines like Fastify's); nothing when LOG_LEVEL=silent
    transports: { inapp: inAppTransport, sms: gatewayTransport('sms', noticeLog), email: gatewayTransport('email', noticeLog) },
  };
}

/** Migrations run as the connecting (owner) role, before the app switches to yifa_app. */
export async function migrateConfigured(config: Config, database: Database, onProgress?: (name: string) => void): Promise<string[]> {
  if (database.kind === 'postgres' && config.databaseUrl) {
    // two connections: one holds the migration lock while the other runs the files
    const owner = await openPostgres(config.databaseUrl, { max: 2 });
    try { return await migrate(owner, migrationSources(), onProgress); } finally { await owner.close(); }
  }
  return migrate(database, migrationSources(), onProgress);
}
