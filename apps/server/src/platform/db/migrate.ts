/**
 * Hand-written SQL migrations, owned where the tables are: the spine's in `platform/migrations/`,
 * each module's in `modules/<m>/migrations/`. They run spine first, then modules in dependency order
 * (a module's `dependsOn`, ties in the order of modules/index.ts), each file once, in its own
 * transaction, recorded per module in `schema_migrations (module, name)`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from './client.ts';
import { MIGRATE_LOCK } from './locks.ts';

export const SPINE_MIGRATIONS = path.resolve(import.meta.dirname, '../migrations');

/** Where one owner keeps its migrations. */
export interface MigrationSource { module: string; dir: string; dependsOn?: readonly string[] }

export interface PlannedMigration { module: string; name: string; file: string }

const FILE = /^\d{4}_[a-z0-9_]+\.sql$/;

/**
 * Databases created before migrations moved into the modules (yifa ≤ 0.1, one global folder) recorded
 * bare file names. Each old file is exactly the concatenation of the new files listed for it (the
 * SQL was split, not changed), so they count as applied and never run again.
 */
export const LEGACY_MIGRATIONS: Record<string, [module: string, name: string][]> = {
  '0001_spine.sql': [['spine', '0001_spine.sql']],
  '0002_hotline.sql': [['hotline', '0001_hotline.sql']],
  '0003_approvals.sql': [['powers', '0001_powers.sql'], ['approvals', '0001_approvals.sql'], ['ratings', '0001_ratings.sql']],
  '0004_disclosure.sql': [['spine', '0002_publication.sql'], ['disclosure', '0001_disclosure.sql']],
  '0005_hotline_settings.sql': [['hotline', '0002_settings.sql']],
  '0006_joint_procedure.sql': [['powers', '0002_joint_procedure.sql']],
  '0007_service_versions.sql': [['powers', '0003_service_versions.sql']],
};

/** Owners in the order their migrations run: the spine, then modules after the modules they depend on. */
export function orderSources(sources: readonly MigrationSource[]): MigrationSource[] {
  const byId = new Map(sources.map((s) => [s.module, s]));
  const done: MigrationSource[] = [];
  const seen = new Set<string>();
  const visit = (s: MigrationSource, stack: string[]) => {
    if (seen.has(s.module)) return;
    if (stack.includes(s.module)) throw new Error(`模块迁移依赖成环：${[...stack, s.module].join(' → ')}`);
    for (const d of s.dependsOn ?? []) {
      const dep = byId.get(d);
      if (!dep) throw new Error(`模块 ${s.module} 依赖的模块 ${d} 不存在`);
      visit(dep, [...stack, s.module]);
    }
    seen.add(s.module);
    done.push(s);
  };
  const spine = sources.find((s) => s.module === 'spine');
  if (spine) visit(spine, []);
  for (const s of sources) visit(s, []);
  return done;
}

/** Every migration file in the order it runs. */
export function migrationPlan(sources: readonly MigrationSource[]): PlannedMigration[] {
  return orderSources(sources).flatMap((s) => {
    if (!fs.existsSync(s.dir)) return [];
    const files = fs.readdirSync(s.dir).filter((f) => f.endsWith('.sql') && f !== 'grants.sql');
    const bad = files.filter((f) => !FILE.test(f));
    if (bad.length) throw new Error(`迁移文件名应为 NNNN_小写名称.sql：${s.module}/${bad.join(', ')}`);
    return files.sort().map((name) => ({ module: s.module, name, file: path.join(s.dir, name) }));
  });
}

/** Move a pre-module bookkeeping table (bare names) to (module, name). Runs before anything else, once. */
async function upgradeBookkeeping(database: Database): Promise<void> {
  const cols = await sql<{ c: string }>`select column_name as c from information_schema.columns where table_schema = current_schema() and table_name = 'schema_migrations'`.execute(database.db);
  const names = new Set(cols.rows.map((r) => r.c));
  if (names.has('module')) return;
  if (names.size === 0) {
    await database.exec(`CREATE TABLE schema_migrations (module text NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (module, name));
COMMENT ON TABLE schema_migrations IS 'Applied migrations, per owner (spine or module id) and file name.';`);
    return;
  }
  const old = await sql<{ name: string; appliedAt: Date }>`select name, applied_at from schema_migrations`.execute(database.db);
  const rows = old.rows.flatMap((r) => {
    const mapped = LEGACY_MIGRATIONS[r.name];
    if (!mapped) throw new Error(`无法识别已执行的旧迁移 ${r.name}：请先升级到 0.1 版再升级到本版`);
    return mapped.map(([m, n]) => `('${m}', '${n}', '${r.appliedAt.toISOString()}')`);
  });
  await database.exec(`BEGIN;
DROP TABLE schema_migrations;
CREATE TABLE schema_migrations (module text NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (module, name));
COMMENT ON TABLE schema_migrations IS 'Applied migrations, per owner (spine or module id) and file name.';
${rows.length ? `INSERT INTO schema_migrations (module, name, applied_at) VALUES ${rows.join(',\n')};` : ''}
COMMIT;`);
}

/**
 * Apply what has not run yet, in plan order, each file in its own transaction. Returns `module/name`
 * of each file applied. On a server an advisory lock keeps two starting processes from migrating at
 * once, and the app-role grants are refreshed after.
 */
export async function migrate(database: Database, sources: readonly MigrationSource[], onProgress?: (name: string) => void): Promise<string[]> {
  const plan = migrationPlan(sources);
  const run = async () => {
    await upgradeBookkeeping(database);
    const done = new Set((await sql<{ m: string; n: string }>`select module as m, name as n from schema_migrations`.execute(database.db)).rows.map((r) => `${r.m}/${r.n}`));
    const applied: string[] = [];
    for (const m of plan) {
      const id = `${m.module}/${m.name}`;
      if (done.has(id)) continue;
      onProgress?.(id);
      const body = fs.readFileSync(m.file, 'utf8');
      try {
        await database.exec(`BEGIN;\n${body}\n;INSERT INTO schema_migrations (module, name) VALUES ('${m.module}', '${m.name}');\nCOMMIT;`);
      } catch (err) {
        await database.exec('ROLLBACK').catch(() => undefined);
        throw new Error(`迁移 ${id} 失败：${(err as Error).message}`, { cause: err });
      }
      applied.push(id);
    }
    return applied;
  };
  if (database.kind !== 'postgres') return run();
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATE_LOCK})`.execute(conn);
    try {
      const applied = await run();
      await database.exec(fs.readFileSync(path.join(SPINE_MIGRATIONS, 'grants.sql'), 'utf8'));
      return applied;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATE_LOCK})`.execute(conn);
    }
  });
}
