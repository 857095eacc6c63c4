/**
 * The snake_case of SQL is made as a query is compiled (YifaDialect) instead of by CamelCasePlugin's rewrite of each query's
 * tree: the SQL and its parameters must be exactly what the plugin made, for every shape of query the code writes.
 */
import { describe, expect, it } from 'vitest';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Compilable } from 'kysely';
import type pg from 'pg';
import type { DB } from './schema.gen.ts';
import { plugins, YifaDialect } from './client.ts';

const pool = {} as pg.Pool; // never connected: the queries are only compiled
const ours = new Kysely<DB>({ dialect: new YifaDialect({ pool }), plugins });
const plugin = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })] });

const shapes: [string, (db: Kysely<DB>) => Compilable][] = [
  ['select with joins, aliases and a subquery', (db) => db.selectFrom('cases as c').innerJoin('orgs as o', 'o.id', 'c.orgId')
    .select(['c.id', 'c.regionCode', 'o.name as orgName', (eb) => eb.selectFrom('caseEvents as e').select((e2) => e2.fn.max('e.occurredAt').as('lastAt'))
      .whereRef('e.caseId', '=', 'c.id').as('lastEventAt')])
    .where('c.filedOn', '>=', '2026-01-01').where((eb) => eb.or([eb('c.warningLevel', '=', 'red'), eb('c.dueAt', 'is', null)]))
    .orderBy('c.createdAt', 'desc').limit(20)],
  ['insert with CTEs, ON CONFLICT and RETURNING', (db) => db
    .with('held', (d) => d.insertInto('caseOrgs').values({ caseId: 'a', orgId: 'b', role: 'owner', since: new Date(0) }))
    .insertInto('idempotencyKeys').values({ key: 'k', actorKey: 'a', requestHash: 'h', status: 201, response: '{}' })
    .onConflict((oc) => oc.columns(['actorKey', 'key']).doNothing()).returning(['key', 'actorKey'])],
  ['update with a raw expression', (db) => db.updateTable('chainHeads').set({ seq: sql`seq + 1`, hash: 'x' }).where('chain', '=', 'r/1')
    .returning(['seq', 'hash'])],
  ['raw SQL with identifiers, references and tables', (db) => db.selectFrom('hotlineTickets as t')
    .select([sql<string>`${sql.ref('t.leadOrgPath')}`.as('leadPath'), sql`${sql.id('regionCode')}`.as('rc')])
    .where(sql<boolean>`${sql.table('hotlineTickets')}.case_id is not null`)],
  ['delete', (db) => db.deleteFrom('sessions').where('lastSeenAt', '<', new Date(0))],
];

describe('snake_case compiled in (YifaDialect)', () => {
  for (const [name, q] of shapes) {
    it(`${name}: the same SQL and parameters as CamelCasePlugin`, () => {
      const a = q(ours).compile();
      const b = q(plugin).compile();
      expect(a.sql).toBe(b.sql);
      expect(a.parameters).toEqual(b.parameters);
    });
  }
});
