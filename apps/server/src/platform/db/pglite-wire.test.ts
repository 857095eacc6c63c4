/**
 * node-postgres on PGlite through our pipelined wire (pglite-wire.ts): each statement is one call into the engine, and
 * what comes back — rows, types, errors, transactions — is what PGlite's own node-postgres adapter gives.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { openPglite, type Database } from './client.ts';
import { PipelinedPgliteConnection } from './pglite-wire.ts';

let database: Database;
let adapter: pg.Client; // PGlite's own adapter on the same engine: the reference
let ours: pg.Client; // node-postgres on our wire, as openPglite's pool makes it

beforeAll(async () => {
  database = await openPglite({});
  await database.exec(`CREATE TABLE wire_t (id uuid PRIMARY KEY, n int8 NOT NULL, d date, at timestamptz, doc jsonb, raw bytea,
    tags text[], amount numeric(12, 2), ok boolean, note text UNIQUE)`);
  adapter = new pg.Client(createPgConfig(database.lite!) as pg.ClientConfig);
  await adapter.connect();
  ours = new pg.Client({ connection: new PipelinedPgliteConnection(database.lite!) } as pg.ClientConfig);
  await ours.connect();
});
afterAll(async () => {
  await ours.end();
  await adapter.end();
  await database.close();
});

const ID = '0b6f1c1e-8a39-4c1b-9a53-5d1f0c7e9a01';
const row = [ID, '9007199254740993', '2028-02-29', new Date('2026-12-01T08:00:00Z'), JSON.stringify({ 名称: '示范县', n: [1, 2] }),
  Buffer.from([0, 1, 2, 255]), ['甲', '乙'], '12345.60', true, null];
const insert = `INSERT INTO wire_t (id, n, d, at, doc, raw, tags, amount, ok, note) VALUES ($1, $2, $3::date + 1, $4, $5, $6, $7, $8, $9, $10)`;
const select = 'SELECT id, n, d, at, doc, raw, tags, amount, ok, note, n + 1 AS next FROM wire_t WHERE id = $1';

/** A query through a pool, its rows and its error (code, message) if any. */
async function run(pool: pg.Client, text: string, values: unknown[] = [], name?: string) {
  try {
    const r = await pool.query({ text, values, ...(name ? { name } : {}) });
    return { rows: r.rows, fields: r.fields.map((f) => [f.name, f.dataTypeID]), error: null };
  } catch (err) {
    const e = err as pg.DatabaseError;
    return { rows: null, fields: null, error: { code: e.code, message: e.message, detail: e.detail } };
  }
}

describe('the pipelined PGlite wire', () => {
  it('gives the rows, types and errors PGlite\'s own adapter gives', async () => {
    expect((await run(adapter, insert, row)).error).toBeNull();
    const cases: [string, unknown[], string?][] = [
      [select, [ID]],
      [select, [ID], 'wire_sel'],
      ['SELECT $1::int + 1 AS x', ['41']],
      ['SELECT $1::uuid AS x', ['not-a-uuid']], // bind error (22P02)
      ['SELECT nosuch FROM wire_t', []], // parse error (42703)
      ['SELEC 1', []], // syntax (42601)
      [insert, row], // unique violation (23505)
      ['SELECT 1/0 AS x', []], // execution error (22012)
      ['SELECT generate_series(1, 3) AS i, repeat(\'字\', $1::int) AS s', [5000]],
    ];
    for (const [text, values, name] of cases) {
      const theirs = await run(adapter, text, values, name && `${name}_a`);
      // One engine, one session: node-postgres rejects at the error, while the adapter still hands over the rest of the
      // pipeline message by message. A query queued behind them on the adapter waits for its Sync.
      await adapter.query('SELECT 1');
      expect(await run(ours, text, values, name), text).toEqual(theirs);
    }
    const got = (await run(ours, select, [ID])).rows![0];
    expect(got).toMatchObject({ n: '9007199254740993', d: '2028-03-01', doc: { 名称: '示范县', n: [1, 2] }, tags: ['甲', '乙'], amount: '12345.60',
      ok: true, note: null, next: '9007199254740994' });
    expect(got.at).toEqual(new Date('2026-12-01T08:00:00Z'));
    expect(got.raw).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('hands each statement to the engine in one call, the first use of a prepared statement too', async () => {
    const calls = vi.spyOn(database.lite!, 'execProtocolRawStream');
    try {
      await sql`SELECT ${'a'}::text || ${'b'}::text AS x`.execute(database.db); // named (prepared) by client.ts: Parse, Bind, Describe, Execute, Sync
      expect(calls).toHaveBeenCalledTimes(1);
      await sql`SELECT ${'a'}::text || ${'b'}::text AS x`.execute(database.db); // Bind, Describe, Execute, Sync
      expect(calls).toHaveBeenCalledTimes(2);
    } finally {
      calls.mockRestore();
    }
  });

  it('keeps transactions: an error rolls back all of it, and the connection goes on', async () => {
    const note = `tx-${Date.now()}`;
    const attempt = database.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO wire_t (id, n, note) VALUES (gen_random_uuid(), ${1}, ${note})`.execute(trx);
      await sql`INSERT INTO wire_t (id, n, note) VALUES (gen_random_uuid(), ${2}, ${note})`.execute(trx); // unique violation
    });
    await expect(attempt).rejects.toMatchObject({ code: '23505' });
    const left = await sql<{ c: string }>`SELECT count(*) AS c FROM wire_t WHERE note = ${note}`.execute(database.db);
    expect(left.rows[0].c).toBe('0');
    // an error inside a transaction aborts it until ROLLBACK, as on a server
    const aborted = database.db.transaction().execute(async (trx) => {
      await sql`SELECT ${'x'}::int`.execute(trx).catch(() => undefined);
      await sql`SELECT 1`.execute(trx);
    });
    await expect(aborted).rejects.toMatchObject({ code: '25P02' });
    expect((await sql<{ x: number }>`SELECT ${41}::int + 1 AS x`.execute(database.db)).rows[0].x).toBe(42);
  });
});
