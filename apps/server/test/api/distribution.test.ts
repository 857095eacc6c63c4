/**
 * Province scale on a distributed PostgreSQL (Citus, sharded on region_code; docs/SCALING.md) needs every hot table's
 * primary and unique keys to include region_code. Many do not yet: this test inspects the migrated schema and pins the
 * list of hot tables and keys that omit it (a report, not a restructuring), so that a new hot table or key without
 * region_code is a conscious decision — added to SCALING.md and to the list below — never an accident.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openPglite, type Database } from '../../src/platform/db/client.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { migrationSources } from '../../src/bootstrap.ts';

/** Tables that grow with the work (per case, per act, per record): the ones a distributed deployment shards. */
const HOT = ['cases', 'case_events', 'case_orgs', 'case_parties', 'clocks', 'audit_log', 'chain_heads', 'case_counters', 'idempotency_keys',
  'hotline_tickets', 'hotline_updates', 'files', 'documents', 'notifications', 'outbox'];

/** Hot tables' primary / unique keys without region_code today (docs/SCALING.md says what each would become). */
const WITHOUT_REGION: string[] = [
  'audit_log.audit_log_pkey (id) — table has no region_code',
  'audit_log.audit_log_seq_unique (chain, seq) — table has no region_code',
  'case_events.case_events_idem_idx (case_id, idempotency_key) — table has no region_code',
  'case_events.case_events_pkey (id) — table has no region_code',
  'case_events.case_events_seq_unique (case_id, seq) — table has no region_code',
  'case_orgs.case_orgs_pkey (case_id, org_id, role, since) — table has no region_code',
  'case_parties.case_parties_pkey (id) — table has no region_code',
  'cases.cases_pkey (id)',
  'chain_heads.chain_heads_pkey (chain) — table has no region_code',
  'clocks.clocks_case_key_unique (case_id, key) — table has no region_code',
  'clocks.clocks_pkey (id) — table has no region_code',
  'files.files_pkey (id) — table has no region_code',
  'hotline_tickets.hotline_tickets_pkey (case_id)',
  'hotline_updates.hotline_updates_pkey (id)',
  'idempotency_keys.idempotency_keys_pkey (actor_key, key) — table has no region_code',
  'notifications.notifications_dedupe_key_key (dedupe_key) — table has no region_code',
  'notifications.notifications_pkey (id) — table has no region_code',
];

let db: Database;
afterAll(async () => { await db?.close(); });

describe('distribution readiness (report)', () => {
  it('lists the hot tables whose primary or unique keys omit region_code, and whether they have the column', async () => {
    db = await openPglite({});
    await migrate(db, migrationSources());
    const keys = await sql<{ table: string; index: string; cols: string[]; hasRegion: boolean }>`
      select t.relname as "table", i.relname as "index", array(select a.attname from unnest(x.indkey) k join pg_attribute a on a.attrelid = t.oid
        and a.attnum = k order by a.attname)::text[] as cols,
        exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'region_code' and not a.attisdropped) as "hasRegion"
      from pg_index x join pg_class t on t.oid = x.indrelid join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and x.indisunique and t.relname = any(${HOT}::text[])
      order by 1, 2`.execute(db.db);
    const present = new Set(keys.rows.map((k) => k.table));
    expect(HOT.filter((t) => present.has(t)).length).toBeGreaterThan(8);
    const without = keys.rows.filter((k) => !k.cols.includes('region_code'))
      .map((k) => `${k.table}.${k.index} (${k.cols.join(', ')})${k.hasRegion ? '' : ' — table has no region_code'}`);
    expect(without).toEqual(WITHOUT_REGION);
  });
});
