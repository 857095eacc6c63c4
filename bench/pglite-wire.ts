/**
 * One statement's cost on PGlite, by path (issue 12): node-postgres through PGlite's own adapter (createPgConfig), through
 * yifa's wire (db/pglite-wire.ts), and the engine alone (the same messages encoded once beforehand, handed over raw, the
 * answer not decoded). Two prepared statements: a trivial SELECT and an INSERT of a ~2 KB jsonb row like a case's. Rounds
 * interleave the paths in one process, so the load of a shared machine weighs on each alike; µs a statement, median [min–max].
 *
 *   npx tsx bench/pglite-wire.ts          (BENCH_N statements a round, default 2000; BENCH_RUNS rounds, default 5)
 */
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { PipelinedPgliteConnection } from '../apps/server/src/platform/db/pglite-wire.ts';
import { fmtSpread, spread } from './measures.ts';

const N = Number(process.env.BENCH_N ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const doc = JSON.stringify({ title: '示范县关于规范行政执法行为的通知', summary: '本文件规定行政执法公示、执法全过程记录和重大执法决定法制审核的具体做法。'.repeat(10) });
const statements = {
  select: { name: 'w_select', text: 'SELECT $1::int + 1 AS x', values: () => ['41'] },
  insert: { name: 'w_insert', text: 'INSERT INTO w (id, doc) VALUES (gen_random_uuid(), $1::jsonb) RETURNING id', values: () => [doc] },
};
type Kind = keyof typeof statements;

async function main() {
  const lite = await PGlite.create();
  await lite.exec('CREATE TABLE w (id uuid PRIMARY KEY, doc jsonb NOT NULL)');
  const adapter = new pg.Client(createPgConfig(lite) as pg.ClientConfig);
  const ours = new pg.Client({ connection: new PipelinedPgliteConnection(lite) } as pg.ClientConfig);
  await adapter.connect();
  await ours.connect();
  const viaClient = (c: pg.Client, suffix: string) => async (k: Kind) => {
    const s = statements[k];
    for (let i = 0; i < N; i++) await c.query({ name: s.name + suffix, text: s.text, values: s.values() });
  };
  // The engine alone: Parse once, then Bind/Describe/Execute/Sync encoded once, handed over N times, the answer dropped.
  const raw = async (k: Kind) => {
    const s = statements[k];
    await lite.execProtocolRaw(Buffer.concat([serialize.parse({ name: `${s.name}_raw`, text: s.text }), serialize.sync()]));
    const bytes = Buffer.concat([serialize.bind({ statement: `${s.name}_raw`, values: s.values() }), serialize.describe({ type: 'P' }),
      serialize.execute({}), serialize.sync()]);
    for (let i = 0; i < N; i++) await lite.execProtocolRawStream(bytes, { onRawData: () => undefined });
  };
  const paths = { "PGlite's adapter": viaClient(adapter, '_a'), 'yifa wire': viaClient(ours, '_o'), 'engine alone': raw };
  const us: Record<string, number[]> = {};
  for (let round = 0; round <= RUNS; round++) {
    for (const k of Object.keys(statements) as Kind[]) {
      for (const [label, run] of Object.entries(paths)) {
        const t0 = performance.now();
        await run(k);
        if (round > 0) (us[`${k}: ${label}`] ??= []).push((performance.now() - t0) * 1000 / N); // round 0 warms up
      }
    }
  }
  for (const [key, xs] of Object.entries(us)) console.log(`${key.padEnd(28)} ${fmtSpread(spread(xs), 0)} µs a statement`);
  await ours.end();
  await adapter.end();
  await lite.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
