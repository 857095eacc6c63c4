/**
 * Migrations live with their owners (spine, modules) and run in dependency order. A database made by
 * yifa 0.1 (one global folder, bare file names in schema_migrations) upgrades without re-running
 * anything: its bookkeeping is mapped, the new migrations move its settings and magic org codes into the
 * spine's facilities, and it ends with exactly the schema a fresh database has.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openPglite, type Database } from '../../src/platform/db/client.ts';
import { LEGACY_MIGRATIONS, migrate, migrationPlan, orderSources } from '../../src/platform/db/migrate.ts';
import { generateSchemaTypes } from '../../src/platform/db/codegen.ts';
import { migrationSources } from '../../src/bootstrap.ts';

const open: Database[] = [];
async function fresh(): Promise<Database> {
  const db = await openPglite({});
  open.push(db);
  return db;
}
afterAll(async () => { for (const d of open) await d.close(); });

/** Tables, columns (type, null, default), constraints and indexes: the schema without its comments. */
async function schemaOf(db: Database) {
  const cols = await sql<Record<string, unknown>>`select table_name, column_name, data_type, udt_name, is_nullable, column_default, identity_generation
    from information_schema.columns where table_schema = current_schema() order by 1, 2`.execute(db.db);
  const cons = await sql<Record<string, unknown>>`select cl.relname, k.conname, pg_get_constraintdef(k.oid) as def from pg_constraint k
    join pg_class cl on cl.oid = k.conrelid join pg_namespace n on n.oid = cl.relnamespace where n.nspname = current_schema() order by 1, 2`.execute(db.db);
  const idx = await sql<Record<string, unknown>>`select tablename, indexname, indexdef from pg_indexes where schemaname = current_schema() order by 1, 2`.execute(db.db);
  const trg = await sql<Record<string, unknown>>`select event_object_table, trigger_name, event_manipulation from information_schema.triggers order by 1, 2, 3`.execute(db.db);
  return { cols: cols.rows, cons: cons.rows, idx: idx.rows, trg: trg.rows };
}

describe('migrations per owner', () => {
  it('run the spine first, then modules after the modules they depend on; file names are checked', () => {
    const order = orderSources(migrationSources()).map((s) => s.module);
    expect(order[0]).toBe('spine');
    expect(order.indexOf('approvals')).toBeGreaterThan(order.indexOf('powers'));
    expect(() => orderSources([{ module: 'a', dir: '/x', dependsOn: ['b'] }, { module: 'b', dir: '/y', dependsOn: ['a'] }])).toThrow(/成环/);
    expect(() => orderSources([{ module: 'a', dir: '/x', dependsOn: ['nope'] }])).toThrow(/不存在/);
    const plan = migrationPlan(migrationSources());
    expect(new Set(plan.map((m) => `${m.module}/${m.name}`)).size).toBe(plan.length);
    // every legacy file maps onto files that exist, each exactly once
    const mapped = Object.values(LEGACY_MIGRATIONS).flat().map(([m, n]) => `${m}/${n}`);
    expect(new Set(mapped).size).toBe(mapped.length);
    for (const id of mapped) expect(plan.some((p) => `${p.module}/${p.name}` === id), id).toBe(true);
  });

  it('a database made by yifa 0.1 upgrades: nothing re-runs, settings and designations move over, the schema equals a fresh one', async () => {
    // Build the 0.1 database: the old files (each the concatenation of the files it maps to), bare names in schema_migrations.
    const plan = migrationPlan(migrationSources());
    const file = (module: string, name: string) => fs.readFileSync(plan.find((p) => p.module === module && p.name === name)!.file, 'utf8');
    const old = await fresh();
    await old.exec(`CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    for (const [legacy, parts] of Object.entries(LEGACY_MIGRATIONS)) {
      await old.exec(`BEGIN;\n${parts.map(([m, n]) => file(m, n)).join('\n')}\n;INSERT INTO schema_migrations (name) VALUES ('${legacy}');\nCOMMIT;`);
      if (legacy === '0001_spine.sql') {
        // the county as 0.1 knew it: org codes named the 司法局 and the 12345 centre
        await old.exec(`INSERT INTO orgs (id, code, kind, region_code, name, path, established_on) VALUES
          ('00000000-0000-4000-8000-000000000001', '880101-gov', 'government', '880101', '旧县人民政府', '/00000000-0000-4000-8000-000000000001/', '2019-01-01'),
          ('00000000-0000-4000-8000-000000000002', '880101-sfj', 'department', '880101', '旧县司法局', '/00000000-0000-4000-8000-000000000001/00000000-0000-4000-8000-000000000002/', '2019-01-01'),
          ('00000000-0000-4000-8000-000000000003', '880101-zwfwj', 'department', '880101', '旧县政务服务局', '/00000000-0000-4000-8000-000000000001/00000000-0000-4000-8000-000000000003/', '2019-01-01'),
          ('00000000-0000-4000-8000-000000000004', '880101-spj', 'department', '880101', '旧县行政审批局', '/00000000-0000-4000-8000-000000000001/00000000-0000-4000-8000-000000000004/', '2019-01-01');`);
      }
    }
    await old.exec(`INSERT INTO hotline_settings (region_code, org_id, max_redo, duplicate_days, extension_approver, updated_at, version)
        VALUES ('880101', '00000000-0000-4000-8000-000000000003', 2, 14, 'supervisor', '2025-03-01T02:00:00Z', 3);
      INSERT INTO powers_settings (region_code, approval_bureau_id, updated_at) VALUES ('880101', '00000000-0000-4000-8000-000000000004', '2024-05-06T02:00:00Z');
      INSERT INTO ratings_settings (region_code, rateable_types, supervise_org_id, default_after_days, updated_at)
        VALUES ('880101', '["approval"]', null, 10, '2025-01-01T00:00:00Z');`);

    const applied = await migrate(old, migrationSources());
    const legacyIds = new Set(Object.values(LEGACY_MIGRATIONS).flat().map(([m, n]) => `${m}/${n}`));
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.filter((id) => legacyIds.has(id))).toEqual([]);
    expect(await migrate(old, migrationSources())).toEqual([]);

    const d = (await sql<{ designation: string; orgId: string; validFrom: string }>`select designation, org_id, valid_from::text as valid_from
      from org_designations where region_code = '880101' order by designation`.execute(old.db)).rows;
    expect(d.map((x) => [x.designation, x.orgId.slice(-1), x.validFrom])).toEqual([
      ['approval_bureau', '4', '2024-05-06'], ['hotline_centre', '3', '2019-01-01'], ['justice_bureau', '2', '2019-01-01'],
      ['service_centre', '3', '2019-01-01'],
    ]);
    const s = (await sql<{ module: string; version: number; values: Record<string, unknown> }>`select module, version, values from module_settings order by module`.execute(old.db)).rows;
    expect(s).toEqual([
      { module: 'hotline', version: 3, values: { maxRedo: 2, duplicateDays: 14, extensionApprover: 'supervisor' } },
      { module: 'ratings', version: 1, values: { rateableTypes: ['approval'], defaultAfterDays: 10 } },
    ]);
    // the county had saved ratings settings without a supervising org: none is designated for it
    expect(d.some((x) => x.designation === 'rating_supervisor')).toBe(false);

    const now = await fresh();
    await migrate(now, migrationSources());
    expect(await schemaOf(old)).toEqual(await schemaOf(now));
  }, 120_000);

  it('the generated Kysely types (schema.gen.ts) are those of the migrated schema', async () => {
    const db = await fresh();
    await migrate(db, migrationSources());
    const committed = fs.readFileSync(new URL('../../src/platform/db/schema.gen.ts', import.meta.url), 'utf8');
    expect(await generateSchemaTypes(db), 'run `npm run db:types` and commit schema.gen.ts').toBe(committed);
  }, 60_000);
});
