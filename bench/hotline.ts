/**
 * 12345 hotline benchmark (PGlite in memory; PostgreSQL with BENCH_ADMIN_URL=postgres://…/postgres):
 *   1. intake throughput through the internal API (POST /api/v1/cases) and Open311 POST /open311/v2/requests.json, timed
 *      as bench/run.ts times them (warm-up, BENCH_RUNS rounds of BENCH_DURATION s, the load generator in its own process),
 *      each as a ratio yifa / baseline against the same-writes route for a ticket (same-writes.ts) and the bare-INSERT floor;
 *   2. every hotline dashboard metric (MetricDef.compute) over BENCH_TICKETS generated tickets
 *      (default 1,000,000), p50 of 5 runs, as a ratio to a hand-written aggregate over the same table.
 *   npx tsx bench/hotline.ts
 */
import { sql } from 'kysely';
import { createBenchDatabase, pgliteBackend, postgresBackend, type Backend } from './backend.ts';
import * as m from './measures.ts';
import type { MetricScope } from '../apps/server/src/platform/metrics/registry.ts';

const N = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const QUICK = process.env.BENCH_QUICK === '1';
const DURATION = Number(process.env.BENCH_DURATION ?? (QUICK ? 2 : 4));
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 2 : 3));
const WARMUP = Number(process.env.BENCH_WARMUP ?? (QUICK ? 2 : 3));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const adminUrl = process.env.BENCH_ADMIN_URL;
const be: Backend = adminUrl ? await postgresBackend(adminUrl, (await createBenchDatabase(adminUrl))!) : await pgliteBackend();
const { ctx, demo } = be;
const db = ctx.db;
console.log(`backend: ${be.name}; seed ${be.setup.seedMs.toFixed(0)} ms`);

// ---------- 1. intake ----------
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const r: m.Runner = { b: be, connections: CONNECTIONS, log };
const probe = await fetch(`${be.apiUrl}/api/v1/cases`, {
  method: 'POST', body: JSON.stringify(m.intakeBodies(be)[0]),
  headers: { 'content-type': 'application/json', 'idempotency-key': 'hotline-bench-probe', ...m.auth(be.tokens.dispatcher) },
});
if (probe.status !== 201) throw new Error(`probe intake: ${probe.status} ${await probe.text()}`);
await be.sameWrites.capture('intake', ((await probe.json()) as { id: string }).id);
for (const f of [() => m.floor(r, WARMUP), () => m.sameWrites(r, 'intake', WARMUP), () => m.sameWrites(r, 'intake', WARMUP, true), () => m.intake(r, WARMUP),
  () => m.open311(r, WARMUP)]) await f();
const rounds: { floor: number; same: number; all: number; api: number; o311: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const floor = await m.floor(r, DURATION);
  const same = await m.sameWrites(r, 'intake', DURATION);
  const all = await m.sameWrites(r, 'intake', DURATION, true);
  const api = await m.intake(r, DURATION);
  const o311 = await m.open311(r, DURATION);
  rounds.push({ floor: floor.rps, same: same.rps, all: all.rps, api: api.rps, o311: o311.rps });
}
console.log(`\nintake (2xx req/s, median [min–max] of ${RUNS} rounds × ${DURATION} s, ${CONNECTIONS} connections; ratio = yifa / baseline)`);
console.log(`  floor (one INSERT)        ${m.fmtSpread(m.spread(rounds.map((x) => x.floor)), 0)} req/s`);
console.log(`  same writes (a ticket)    ${m.fmtSpread(m.spread(rounds.map((x) => x.same)), 0)} req/s`);
console.log(`  … with all rows           ${m.fmtSpread(m.spread(rounds.map((x) => x.all)), 0)} req/s (the ticket row, its mark and update, the notice)`);
for (const [label, k] of [['POST /api/v1/cases', 'api'], ['Open311 POST', 'o311']] as const) {
  const rps = m.fmtSpread(m.spread(rounds.map((x) => x[k])), 0);
  console.log(`  ${label.padEnd(24)}  ${rps} req/s  / same writes ${m.fmtSpread(m.spread(rounds.map((x) => x[k] / x.same)))}`
    + `  / all rows ${m.fmtSpread(m.spread(rounds.map((x) => x[k] / x.all)))}`
    + `  / floor ${m.fmtSpread(m.spread(rounds.map((x) => x[k] / x.floor)))}`);
}

// ---------- 2. metrics over N generated tickets ----------
const centre = demo.orgs.zwfwj;
const t0 = performance.now();
const BATCH = 200_000;
for (let from = 1; from <= N; from += BATCH) {
  const to = Math.min(N, from + BATCH - 1);
  await sql`insert into cases (type, number, region_code, org_id, state, title, data, filed_on, version, head_hash, created_at, updated_at, closed_at)
    select 'hotline_ticket', 'BX-' || g, '990101', ${centre}::uuid, 'closed', '基准工单', '{}'::jsonb, date '2025-01-01' + (g % 365), 1, 'bench',
      timestamptz '2025-01-01 09:00+08' + ((g % 365) || ' days')::interval, timestamptz '2025-01-01 09:00+08' + ((g % 365) || ' days')::interval, timestamptz '2025-01-01 09:00+08' + ((g % 365) + 3 || ' days')::interval
    from generate_series(${from}::int, ${to}::int) g`.execute(db);
}
const leads = [demo.orgs.scjgj, demo.orgs.zjj, demo.orgs.rsj, demo.orgs.cgz, demo.orgs.jtysj];
const towns = [demo.orgs.cgz, demo.orgs.dgz, demo.orgs.xhx, demo.orgs.nsz, demo.orgs.bbx, demo.orgs.fmjd];
const paths = Object.fromEntries((await db.selectFrom('orgs').select(['id', 'path']).execute()).map((o) => [o.id, o.path]));
await sql`insert into hotline_tickets (case_id, region_code, org_id, number, line, channel, ticket_type, category_code, category_name, township_id, lead_org_id, lead_org_path,
    state, description, accepted_at, accepted_on, dispatched_at, sign_due_at, signed_at, signed_in_time, replied_at, citizen_due_at, replied_in_time, instant,
    return_count, redo_count, callback_at, callback_reached, satisfaction, resolved, merged_into, supervised, closed_at, closed_on, updated_at)
  select c.id, '990101', c.org_id, c.number, case when n % 8 = 0 then 'mailbox' else 'hotline' end, (array['phone','web','open311','mailbox'])[1 + n % 4],
    (array['咨询','求助','投诉','举报','建议'])[1 + n % 5], '01.0' || (1 + n % 3), (array['食品安全','价格欺诈','消费维权'])[1 + n % 3],
    (${sql.raw(`array['${towns.join("','")}']`)}::uuid[])[1 + n % 6], (${sql.raw(`array['${leads.join("','")}']`)}::uuid[])[1 + n % 5],
    (${sql.raw(`array['${leads.map((l) => paths[l]).join("','")}']`)})[1 + n % 5],
    'closed', '基准诉求内容', c.created_at, c.filed_on, c.created_at + interval '1 hour', c.created_at + interval '25 hours', c.created_at + interval '3 hours', n % 10 <> 0,
    c.created_at + ((n % 9) || ' days')::interval, c.created_at + interval '7 days', n % 9 < 7, n % 20 = 0,
    case when n % 11 = 0 then 1 + n % 3 else 0 end, case when n % 17 = 0 then 1 else 0 end, c.created_at + ((n % 9) + 1 || ' days')::interval, n % 13 <> 0,
    case when n % 13 = 0 then null else (array['满意','基本满意','不满意'])[1 + n % 3] end, case when n % 13 = 0 then null else n % 4 <> 0 end, null, n % 50 = 0,
    c.closed_at, c.filed_on + 3, c.updated_at
  from (select id, org_id, number, created_at, filed_on, closed_at, updated_at, substr(number, 4)::int as n from cases where number like 'BX-%') c`.execute(db);
// The ledger and the events behind the on-time rates (which read the act the clock waits for, not a flag): the
// citizen and 签收 clocks with their stops, and the sign / reply events.
const stopAt = (col: string) => sql.raw(`case when ${col} is null then '[]'::jsonb else jsonb_build_array(jsonb_build_object('kind', 'stop', 'at', ${col})) end`);
for (const [key, rule, unit, length, start, due, act] of [['citizen', 'hotline.citizen', 'workdays', 5, 't.accepted_at', 't.citizen_due_at', 't.replied_at'],
  ['sign', 'hotline.sign', 'hours', 24, 't.dispatched_at', 't.sign_due_at', 't.signed_at']] as const) {
  await sql`insert into clocks (case_id, key, rule_key, label, basis, yellow_within, entries, status, due_at, level, met_deadline, updated_at)
    select t.case_id, ${key}::text, ${rule}::text, ${key}::text, 'bench', 1,
      jsonb_build_array(jsonb_build_object('kind', 'start', 'at', ${sql.raw(start)}, 'unit', ${unit}::text, 'length', ${length}::int)) || ${stopAt(act)},
      case when ${sql.raw(act)} is null then 'running' else 'stopped' end, ${sql.raw(due)}, 'normal', ${sql.raw(`${act} <= ${due}`)}, now()
    from hotline_tickets t where t.number like 'BX-%'`.execute(db);
}
for (const [seq, action, col] of [[2, 'sign', 'signed_at'], [3, 'reply', 'replied_at']] as const) {
  await sql`insert into case_events (case_id, seq, action, from_state, to_state, actor_name, input, occurred_at, prev_hash, hash)
    select t.case_id, ${seq}::int, ${action}::text, 'x', 'x', 'bench', '{}'::jsonb, ${sql.ref(`t.${col}`)}, 'bench', 'bench'
    from hotline_tickets t where t.number like 'BX-%' and ${sql.ref(`t.${col}`)} is not null`.execute(db);
}
if (be.name === 'postgres') await sql`analyze hotline_tickets`.execute(db);
console.log(`\ngenerated ${N.toLocaleString()} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const scope: MetricScope = { from: '2025-01-01', to: '2025-12-31', orgPath: null, region: '990101', now: new Date('2026-03-01T00:00:00+08:00') };
const W = `region_code = '990101' and line = 'hotline'`;
const P = (col: string) => `${col} >= '2025-01-01T00:00:00+08:00' and ${col} <= '2025-12-31T23:59:59.999+08:00'`;
/** Hand-written aggregates, one per metric: the least any implementation must do. */
const HAND: Record<string, string> = {
  intake: `select count(*) from hotline_tickets where ${W} and ${P('accepted_at')}`,
  // on-time rates: placed by the day the outcome was settled (the answer if in time, else the deadline), answered or not
  on_time_rate: `select count(*) filter (where replied_at <= citizen_due_at), count(*) from hotline_tickets where ${W} and merged_into is null
    and ${P('case when replied_at <= citizen_due_at then replied_at else citizen_due_at end')}`,
  completion_rate: `select count(*) filter (where replied_at is not null), count(*) from hotline_tickets where ${W} and ${P('accepted_at')} and merged_into is null`,
  response_rate: `select count(*) filter (where signed_at <= sign_due_at), count(*) from hotline_tickets where ${W} and dispatched_at is not null
    and ${P('case when signed_at <= sign_due_at then signed_at else sign_due_at end')}`,
  callback_rate: `select count(*) filter (where callback_at is not null), count(*) from hotline_tickets where ${W} and ${P('replied_at')} and merged_into is null`,
  satisfaction_rate: `select count(*) filter (where satisfaction in ('满意','基本满意')), count(*) from hotline_tickets where ${W} and ${P('callback_at')} and callback_reached`,
  resolution_rate: `select count(*) filter (where resolved), count(*) from hotline_tickets where ${W} and ${P('callback_at')} and callback_reached and resolved is not null`,
  return_rate: `select count(*) filter (where return_count > 0), count(*) from hotline_tickets where ${W} and ${P('dispatched_at')}`,
  return_rounds: `select sum(return_count), count(*) from hotline_tickets where ${W} and ${P('dispatched_at')} and return_count > 0`,
  redo_rate: `select count(*) filter (where redo_count > 0), count(*) from hotline_tickets where ${W} and ${P('callback_at')} and callback_reached`,
  avg_handling_hours: `select avg(extract(epoch from (replied_at - accepted_at)) / 3600) from hotline_tickets where ${W} and ${P('replied_at')} and merged_into is null`,
};
async function p50(f: () => Promise<unknown>, runs = 5): Promise<number> {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) { const a = performance.now(); await f(); ms.push(performance.now() - a); }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)];
}
console.log(`\nmetrics over ${N.toLocaleString()} tickets, year 2025, whole county (p50 of 5; ratio = metric / hand-written aggregate)`);
for (const [key, handSql] of Object.entries(HAND)) {
  const m = ctx.registry.metrics.get(`hotline.${key}`)!;
  const v = await m.compute(db, scope);
  const hand = await p50(() => sql.raw(handSql).execute(db));
  const mine = await p50(() => m.compute(db, scope));
  const byOrg = await p50(() => m.compute(db, scope, 'org'), 3);
  console.log(`  ${m.label.padEnd(16, '　')} value ${String(v.value).padStart(9)}  metric ${mine.toFixed(0).padStart(6)} ms  hand ${hand.toFixed(0).padStart(6)} ms  ratio ${(mine / hand).toFixed(2)}×  (by org ${byOrg.toFixed(0)} ms)`);
}
await be.close();
