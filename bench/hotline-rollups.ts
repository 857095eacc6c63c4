/**
 * The 11 hotline metrics over 1M and 10M synthetic 工单 (issue 12, big tables): each figure computed live (the metric's
 * query over hotline_tickets and clocks), read from the maintained rollup with no ticket unfolded, and read hybrid with
 * 1,000 unfolded tickets accepted over the last 30 days (modules/hotline/rollups.ts: the rollup, minus those tickets'
 * records as they were, plus their records now), as a ratio to a bare query in the same run (`select count(*)` of the line's tickets accepted in
 * the period) and in milliseconds; the build, and incremental refreshes of 1,000 tickets (of the last day; over 30 days).
 * PostgreSQL on 127.0.0.1 only (a database of its own, dropped at the end unless BENCH_KEEP=1; BENCH_DB=name measures a
 * kept one again without generating); BENCH_PGLITE=1 runs the smallest size in PGlite too; BENCH_REFRESH_ONLY=1 stops after
 * the refreshes; BENCH_WRITE=1 also changes the marked tickets (the next 事项), so that a refresh has rows to change.
 *   npx tsx bench/hotline-rollups.ts            (sizes: BENCH_SIZES=1000000,10000000; runs: BENCH_RUNS=3)
 * The tickets and their citizen and 签收 clocks are generated with INSERT … SELECT generate_series, 1M per statement,
 * spread over 700 days in time order, 90 % on the 12345 line, the secondary indexes created after the load (the tables
 * stay logged); the case rows behind them are not (the metrics read tickets and clocks only): the foreign keys to cases
 * are dropped in the bench database.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { openPglite, openPostgres, type Database } from '../apps/server/src/platform/db/client.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { migrationSources } from '../apps/server/src/bootstrap.ts';
import { hotlineRateMetrics, hotlineUnrolledMetrics } from '../apps/server/src/modules/hotline/metrics.ts';
import { refreshRollups } from '../apps/server/src/modules/hotline/rollups.ts';
import { TICKET_STATE } from '../apps/server/src/modules/hotline/ticket.ts';
import type { MetricScope } from '../apps/server/src/platform/metrics/registry.ts';

const ADMIN = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!/@127\.0\.0\.1[:/]/.test(ADMIN)) throw new Error('the bench runs against 127.0.0.1 only');
const SIZES = (process.env.BENCH_SIZES ?? '1000000,10000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REGION = '880101';
const NOW = new Date('2026-12-01T10:00:00+08:00');
const SCOPE: MetricScope = { region: REGION, from: '2026-01-01', to: '2026-11-30', orgPath: null, now: NOW };

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const fmt = (a: number[], d = 1) => `${median(a).toFixed(d)} [${Math.min(...a).toFixed(d)}–${Math.max(...a).toFixed(d)}]`;
const log = (s: string) => console.log(s);

/**
 * Tickets `lo`…`hi` of `n` and their citizen and 签收 clocks, in one statement: one ticket per g, in time order over 700
 * days; h = a hash of g for the random choices. Ids follow g (the primary keys are filled in order, not at random).
 */
function ticketsChunk(n: number, lo: number, hi: number) {
  const clock = (key: string, start: string, act: string, due: string) => `select ${key === 'sign' ? "overlay(case_id::text placing '1' from 1)::uuid"
    : 'case_id'}, case_id, '${key}', '${key}', '${key}', '基准', 1,
      case when ${act} is not null
        then jsonb_build_array(jsonb_build_object('kind', 'start', 'at', ${start}), jsonb_build_object('kind', 'stop', 'at', ${act}))
        else jsonb_build_array(jsonb_build_object('kind', 'start', 'at', ${start})) end,
      case when ${act} is not null then 'stopped' else 'running' end, ${due},
      case when ${act} is not null then ${act} <= ${due} end, updated_at
    from t where ${start} is not null`;
  return sql`with dep as (select row_number() over (order by code) as i, id, path from orgs where code like '880101-department%'),
      twn as (select row_number() over (order by code) as i, id from orgs where code like '880101-township%'),
    t as (insert into hotline_tickets (case_id, region_code, org_id, number, line, channel, ticket_type, category_code, category_name, township_id,
      lead_org_id, lead_org_path, state, description, accepted_at, accepted_on, dispatched_at, sign_due_at, signed_at, replied_at, citizen_due_at,
      instant, return_count, redo_count, callback_at, callback_reached, satisfaction, resolved, closed_at, closed_on, updated_at)
    select lpad(to_hex(g), 32, '0')::uuid, '880101', (select id from orgs where code = '880101-zwfwj'), 'RX-' || g,
      case when h % 10 = 0 then 'mailbox' else 'hotline' end,
      case when h % 10 = 0 then 'mailbox' else (array['phone','web','open311','phone'])[1 + h % 4] end, (array['投诉','求助','建议','咨询','举报'])[1 + h % 5],
      'C' || (h % 60), '事项' || (h % 60), tw.id, lo.id, lo.path, case when rep then 'closed' else 'handling' end, '诉求', acc,
      (acc at time zone 'Asia/Shanghai')::date, dis, dis + interval '24 hours', sig, rep_at, acc + interval '7 days', false,
      case when h % 13 = 0 then 1 + h % 2 else 0 end, case when h % 29 = 0 then 1 else 0 end, cb, case when cb is not null then h % 9 <> 0 end,
      case when cb is not null and h % 9 <> 0 then (array['满意','基本满意','不满意'])[1 + h % 3] end, case when cb is not null and h % 9 <> 0 then h % 10 < 7 end,
      case when cb is not null then cb + interval '1 day' end,
      case when cb is not null then ((cb + interval '1 day') at time zone 'Asia/Shanghai')::date end, acc
    from (
      select g, h, acc, dis,
        case when dis is not null and h % 11 <> 0 then dis + case when h % 5 = 0 then interval '30 hours' else interval '2 hours' end end as sig,
        h % 7 <> 0 and dis is not null as rep
      from (select g, h, acc, case when h % 10 <> 3 then acc + interval '1 hour' end as dis
        from (select g, abs(hashint4(g)) as h, timestamptz '2025-01-01 08:00+08' + (g::float8 / ${n}) * interval '700 days' as acc
          from generate_series(${lo}::int, ${hi}::int) g) a) b
    ) c
    cross join lateral (select case when rep then acc + case when h % 4 = 0 then interval '25 days' else interval '40 hours' end end as rep_at) r
    cross join lateral (select case when rep and h % 5 <> 0 then r.rep_at + interval '1 day' end as cb) cbx
    left join dep lo on lo.i = 1 + h % 40 and dis is not null
    join twn tw on tw.i = 1 + h % 12
    returning case_id, accepted_at, dispatched_at, signed_at, replied_at, citizen_due_at, sign_due_at, updated_at)
  insert into clocks (id, case_id, key, rule_key, label, basis, yellow_within, entries, status, due_at, met_deadline, updated_at)
  ${sql.raw(clock('citizen', 'accepted_at', 'replied_at', 'citizen_due_at'))}
  union all ${sql.raw(clock('sign', 'dispatched_at', 'signed_at', 'sign_due_at'))}`;
}

async function generate(db: Database, n: number): Promise<void> {
  const k = db.db;
  await sql`alter table hotline_tickets drop constraint if exists hotline_tickets_case_id_fkey`.execute(k);
  await sql`alter table clocks drop constraint if exists clocks_case_id_fkey`.execute(k);
  await sql`insert into orgs (code, kind, region_code, name, path, established_on)
    values ('880101-root', 'government', '880101', '基准县人民政府', '/', '2020-01-01')`.execute(k);
  await sql`update orgs set path = '/' || id || '/' where code = '880101-root'`.execute(k);
  await sql`insert into orgs (code, kind, region_code, name, path, established_on, parent_id)
    select '880101-' || kind || g, kind, '880101', kind || g, (select path from orgs where code = '880101-root'), '2020-01-01',
      (select id from orgs where code = '880101-root')
    from generate_series(1, 40) g, (values ('department'), ('township')) v(kind) where kind = 'department' or g <= 12`.execute(k);
  await sql`update orgs set path = path || id || '/' where region_code = '880101' and code <> '880101-root'`.execute(k);
  await sql`insert into orgs (code, kind, region_code, name, path, established_on)
    values ('880101-zwfwj', 'department', '880101', '12345热线', '/', '2020-01-01')`.execute(k);
  await sql`update orgs set path = (select path from orgs where code = '880101-root') || id || '/' where code = '880101-zwfwj'`.execute(k);
  // Secondary indexes of the two tables are dropped for the load and created again after it (faster than keeping them
  // up to date row by row); the primary and unique keys stay. The tables stay logged throughout.
  const idx = (await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes
    where tablename in ('hotline_tickets', 'clocks') and indexname not in (select conname from pg_constraint)`.execute(k)).rows;
  for (const i of idx) await sql.raw(`drop index ${i.name}`).execute(k);
  const CHUNK = 1_000_000;
  for (let lo = 1; lo <= n; lo += CHUNK) {
    const t0 = performance.now();
    await ticketsChunk(n, lo, Math.min(n, lo + CHUNK - 1)).execute(k);
    if (n > CHUNK) log(`  tickets ${lo.toLocaleString('en')}…: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const t1 = performance.now();
  await sql`set maintenance_work_mem = '512MB'`.execute(k);
  for (const i of idx) await sql.raw(i.def).execute(k);
  log(`  ${idx.length} secondary indexes created in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
  await sql`analyze`.execute(k);
}

/** ms of one run of `f`. */
async function time(f: () => Promise<unknown>): Promise<number> { const t = performance.now(); await f(); return performance.now() - t; }

/**
 * Marks 1,000 tickets as acted on, as an act does (with the ticket as it was: TICKET_STATE): those accepted on the last
 * day (`day`), or 1,000 drawn from those accepted 2026-11-01…30 (`month`: a minute of a busy county's acts, on tickets
 * still being handled).
 */
async function mark(db: Database, spread: 'day' | 'month'): Promise<void> {
  const where = spread === 'day' ? sql`accepted_on = (select max(accepted_on) from hotline_tickets where region_code = ${REGION})`
    : sql`accepted_on > ${'2026-10-31'}::date and accepted_on <= ${'2026-11-30'}::date order by md5(number || ${String(Math.random())})`;
  await sql`insert into hotline_rollup_dirty (region_code, case_id, old) select t.region_code, t.case_id, ${sql.raw(TICKET_STATE)}
    from hotline_tickets t where t.region_code = ${REGION} and ${where} limit 1000`.execute(db.db);
  // BENCH_WRITE: the marked tickets are written too — each moved to the next 事项 — so that their rows do change
  if (process.env.BENCH_WRITE) {
    await sql`update hotline_tickets t set category_code = 'C' || (substr(t.category_code, 2)::int + 1) % 60,
        category_name = '事项' || (substr(t.category_code, 2)::int + 1) % 60
      from (select distinct case_id from hotline_rollup_dirty where region_code = ${REGION}) x where x.case_id = t.case_id`.execute(db.db);
  }
}

/** ms of one refresh of the marks, and the day rows it deleted and inserted. */
async function refresh(db: Database): Promise<string> {
  let rows = 0;
  const ms = await time(async () => { rows = (await refreshRollups({ db: db.db }, REGION, NOW)).rows; });
  return `${ms.toFixed(0)} ms (${rows.toLocaleString('en')} day rows deleted or inserted)`;
}

async function measure(db: Database): Promise<void> {
  const k = db.db;
  const live = new Map(hotlineUnrolledMetrics().map((m) => [m.key, m]));
  const bare = () => sql`select count(*) from hotline_tickets where region_code = ${REGION} and line = 'hotline'
    and accepted_at >= ${new Date('2026-01-01T00:00:00+08:00')} and accepted_at <= ${new Date('2026-11-30T23:59:59.999+08:00')}`.execute(k);
  await bare();
  const metrics = hotlineRateMetrics.filter((x) => x.key.startsWith('hotline.'));
  type Row = { b: number[]; lv: number[]; ru: number[]; hb: number[]; hg: number[]; hbBare: number[]; same: boolean; value: string };
  const out = new Map<string, Row>(metrics.map((m) => [m.key, { b: [], lv: [], ru: [], hb: [], hg: [], hbBare: [], same: true, value: '' }]));
  // without marks: the rollup answers every day
  for (const m of metrics) {
    const r = out.get(m.key)!;
    for (let i = 0; i < RUNS; i++) {
      r.b.push(await time(bare));
      let a: unknown; let c: unknown;
      r.lv.push(await time(async () => { a = await live.get(m.key)!.compute(k, SCOPE); }));
      r.ru.push(await time(async () => { c = await m.compute(k, SCOPE); }));
      r.value = JSON.stringify(a);
      r.same &&= JSON.stringify(c) === r.value;
    }
  }
  // 1,000 tickets acted on and not folded in: the rollup, minus their records as they were, plus their records now
  await mark(db, 'month');
  const touched = (await sql<{ n: number }>`select count(distinct d)::int as n from hotline_rollup_dirty x join hotline_tickets t using (case_id),
    unnest(hotline_ticket_days(t.accepted_at, t.dispatched_at, t.signed_at, t.replied_at, t.callback_at, t.closed_at, t.citizen_due_at, t.sign_due_at)) d
    where d between '2026-01-01' and '2026-11-30'`.execute(k)).rows[0].n;
  for (const m of metrics) {
    const r = out.get(m.key)!;
    for (let i = 0; i < RUNS; i++) {
      r.hbBare.push(await time(bare));
      let c: unknown;
      r.hb.push(await time(async () => { c = await m.compute(k, SCOPE); }));
      r.hg.push(await time(() => m.compute(k, SCOPE, 'category')));
      r.same &&= JSON.stringify(c) === r.value;
    }
  }
  log(`\neach metric of the 12345 line, 2026-01-01…2026-11-30, county scope; ${RUNS} runs; ms and ratio to the bare count of the same run`);
  log(`(median [min–max]); hybrid: with 1,000 unfolded marks on tickets accepted 2026-11-01…30 (${touched} touched days in the period)`);
  log('| metric | bare ms | live ms | live / bare | rollup ms | rollup / bare | hybrid ms | hybrid / bare | hybrid by 事项 ms |');
  log('|---|---|---|---|---|---|---|---|---|');
  const ratio = (x: number[], b: number[]) => x.map((v, i) => v / b[i]);
  for (const [key, r] of out) {
    log(`| ${key}${r.same ? '' : ' (DIFFERS)'} | ${fmt(r.b)} | ${fmt(r.lv, 0)} | ${fmt(ratio(r.lv, r.b), 2)} | ${fmt(r.ru)} | ${fmt(ratio(r.ru, r.b), 3)} `
      + `| ${fmt(r.hb)} | ${fmt(ratio(r.hb, r.hbBare), 3)} | ${fmt(r.hg)} |`);
  }
  log(`- refresh of those 1,000 tickets (accepted over 30 days): ${await refresh(db)}`);
}

async function benchSize(db: Database, backend: string, n: number): Promise<void> {
  log(`\n## ${backend}, ${n.toLocaleString('en')} tickets (load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  if (!process.env.BENCH_DB) {
    const g = await time(() => generate(db, n));
    log(`generated in ${(g / 1000).toFixed(0)} s`);
  }
  const rows = await sql<{ t: string; c: string }>`select (select count(*) from hotline_tickets)::text as t,
    (select count(*) from clocks)::text as c`.execute(db.db);
  log(`${rows.rows[0].t} tickets and ${rows.rows[0].c} clocks`);
  const built = (await sql<{ b: boolean }>`select built_at is not null as b from hotline_rollup_state where region_code = ${REGION}`.execute(db.db)).rows[0]?.b;
  if (!built || process.env.BENCH_REBUILD) {
    const b = await time(() => refreshRollups({ db: db.db }, REGION, NOW, { rebuild: true }));
    const rr = await sql<{ n: string }>`select count(*)::text as n from hotline_rollups`.execute(db.db);
    log(`rollup built in ${(b / 1000).toFixed(1)} s: ${rr.rows[0].n} rows`);
    await sql`analyze hotline_rollups`.execute(db.db);
  }
  for (let i = 0; i < RUNS; i++) { await mark(db, 'day'); log(`- refresh of 1,000 tickets of the last day: ${await refresh(db)}`); }
  for (let i = 0; i < RUNS; i++) { await mark(db, 'month'); log(`- refresh of 1,000 tickets accepted over 30 days: ${await refresh(db)}`); }
  if (process.env.BENCH_REFRESH_ONLY) return;
  await measure(db);
}

for (const n of SIZES) {
  // BENCH_DB: a database kept by an earlier run with BENCH_KEEP=1 (its tickets are not generated again)
  const name = process.env.BENCH_DB ?? `yifa_bench_rollups_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  if (!process.env.BENCH_DB) await admin.query(`CREATE DATABASE ${name}`);
  log(`database ${name}`);
  const db = await openPostgres(ADMIN.replace(/\/[^/]*$/, `/${name}`));
  try {
    await migrate(db, migrationSources());
    await benchSize(db, 'PostgreSQL', n);
  } finally {
    await db.close();
    if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
if (process.env.BENCH_PGLITE) {
  const db = await openPglite({});
  await migrate(db, migrationSources());
  await benchSize(db, 'PGlite', SIZES[0]);
  await db.close();
}
