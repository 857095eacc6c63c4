/**
 * Maintained rollups of the hotline metrics (issue 12, big tables): the 11 figures of each line over millions of
 * tickets without reading the tickets. One definition: a rollup row is the metric kit's own aggregates (n, d, u) of
 * the metric's own records (its `from` in metrics.ts), summed per legal day of the date that places a record in the
 * period and per grouping set (none; 渠道; 类型; 事项; 乡镇), each carrying the lead unit's path and id and the owning
 * centre, so that the org scope (ticketScope) and the 主办单位 and 月份 dimensions are answered from the same rows.
 *
 * Time: an on-time record whose clock still runs at the refresh is kept apart with its deadline (`due_at`): read at a
 * later moment, it counts late once the deadline has passed — what the live query decides at that moment. Every other
 * outcome is settled and does not change with time.
 *
 * Freshness: each act on a ticket appends a mark to hotline_rollup_dirty in the act's own statement, with the ticket as
 * it was before the act — its row, clocks and events (ticket.ts hotlineActWrites; a new ticket's mark has none). A
 * ticket's earliest mark since the last refresh is its state in the rollup. The `hotline.rollups` job (every minute)
 * recomputes the days the marked tickets touched then or touch now (touchedDays: their dates, their clocks' deadlines,
 * their events' days — the only days whose rows they can have made wrong), in one transaction on one snapshot (a
 * rollback or crash leaves the marks, and the next refresh recomputes the same days: nothing is counted twice),
 * writing only the rows that changed: each pass's new rows are grouped with the old ones, a row alone in its group is
 * deleted or inserted, and the month rows move by the difference, keeping their count of day rows (refreshPass); each
 * pass finds the days' records through the tickets' day index (migration 0006), not by reading the line. A figure is
 * read in one statement: the rollup's rows of the period, minus the marked tickets' records as they were, plus their
 * records now — sums add up — so it always equals its (always live) drill-down, and costs the rollup's rows and the
 * marked tickets, not the days they touch. A calendar year loaded or a rule override set after the build moves open
 * deadlines outside the acts: until the next refresh rebuilds the region, every figure is live (as it is before the
 * first build).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Conn } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Job } from '../../platform/jobs/runner.ts';
import { HOTLINE_ROLLUP_LOCK } from '../../platform/db/locks.ts';
import { kitSums } from '../../platform/metrics/kit.ts';
import type { KitGroup, KitRollup } from '../../platform/metrics/kit.ts';
import type { MetricScope } from '../../platform/metrics/registry.ts';
import { ACT_AT, DUE_AT, groupsFor, LINES, recordsFrom, sourceFrom, SPECS, ticketScope, type Line, type Records, type Source, type Spec, type Tables }
  from './metrics.ts';

const TZ = `'Asia/Shanghai'`;
const dayOf = (col: string) => `(${col} at time zone ${TZ})::date`;
/** The legal days of a ticket's own dates (migration 0006: the function, and the GIN index over the same call). */
const TICKET_DAYS = 'hotline_ticket_days(t.accepted_at, t.dispatched_at, t.signed_at, t.replied_at, t.callback_at, t.closed_at, '
  + 't.citizen_due_at, t.sign_due_at)';

/** Where the tickets are read as they are now. */
const NOW: Tables = { tickets: 'hotline_tickets', clocks: 'clocks', events: 'case_events' };

/**
 * The marked tickets' state in the rollup, as tables: their rows (CTE old_tickets, beforeCtes), each carrying its clocks
 * and events as JSON, opened per ticket where they are read (`t` is the ticket: no join of copies without index).
 */
const BEFORE: Tables = { tickets: 'old_tickets', clocks: 'lateral jsonb_populate_recordset(null::clocks, t.old_clocks)',
  events: 'jsonb_populate_recordset(null::case_events, t.old_events)' };

/**
 * CTEs: `marked`, the tickets of `region` acted on since the last refresh, each with its earliest mark's state — what
 * the rollup holds of it; null when it was opened since, in no rollup row — and `old_tickets`, those states' rows with
 * their clocks and events (BEFORE).
 */
function beforeCtes(region: string): RawBuilder<unknown> {
  // (in a lateral join: `(f(…)).*` in the select list calls f once per column — 40 times a ticket)
  return sql`marked as materialized (select distinct on (case_id) case_id, old from hotline_rollup_dirty
      where region_code = ${region} order by case_id, seq),
    old_tickets as materialized (select x.*, m.old->'clocks' as old_clocks, m.old->'events' as old_events from marked m
      cross join lateral jsonb_populate_record(null::hotline_tickets, m.old->'ticket') x where m.old is not null)`;
}

/**
 * The (line, day) pairs the marked tickets of `region` touch: the days a refresh recomputes for them. A ticket's records
 * are placed on days of its own — its dates, its clocks' deadlines, its events' days (a superset of every metric's
 * placement: an act, the end of a round) — so the rows it can have made wrong are on the days it had in the rollup (its
 * state before: BEFORE) and on the days it has now (NOW).
 */
function touchedDays(region: string): RawBuilder<unknown> {
  const day = (col: string) => sql.raw(dayOf(col));
  const daysOf = (x: Tables, only: RawBuilder<unknown>) => sql`select t.line, d.day from ${sql.raw(x.tickets)} t
    cross join lateral (select unnest(${sql.raw(TICKET_DAYS)}) as day
      union all select ${day('k.due_at')} from ${sql.raw(x.clocks)} k where k.case_id = t.case_id
      union all select ${day('e.occurred_at')} from ${sql.raw(x.events)} e where e.case_id = t.case_id) d
    where ${only}`;
  return sql`with ${beforeCtes(region)} select distinct line, day from (
      ${daysOf(NOW, sql`t.region_code = ${region} and t.case_id = any(array(select case_id from marked))`)}
      union all ${daysOf(BEFORE, sql`true`)}) x
    where day is not null`;
}

/** Grouping sets: the dimension each answers and its column (the lead unit and the owning centre are in all). */
const DIMS: [dim: string, col: string | null][] = [['', null], ['channel', 't.channel'], ['type', 't.ticket_type'],
  ['category', 't.category_name'], ['township', 't.township_id']];
const DIM_COLS = DIMS.filter((x) => x[1]).map((x) => x[1]!);
/** Which grouping set a row is (grouping() sets a bit for each column left out). */
const DIM_OF = `case grouping(${DIM_COLS.join(', ')}) ${DIMS.map(([dim, col]) => {
  const bits = DIM_COLS.reduce((a, c, i) => a | (c === col ? 0 : 1 << (DIM_COLS.length - 1 - i)), 0);
  return `when ${bits} then '${dim}'`;
}).join(' ')} end`;
/** The metric dimension → grouping set read for it (主办单位 and 月份 from the rows of no set). */
const DIM_FOR: Record<string, string> = { channel: 'channel', type: 'type', category: 'category', township: 'township', org: '', month: '' };

/** The scope a rollup is computed with: every ticket of the region, the days `from`…`to`, at `now`. */
const computeScope = (region: string, from: string, to: string, now: Date): MetricScope => ({ region, from, to, orgPath: null, now });

/**
 * `and …`: the rows of `source` that can hold records placed on one of `days` (SQL date[]): the tickets with a date on
 * one of them (the GIN index on hotline_ticket_days finds them: every record is placed on one of its ticket's dates).
 * A clock's records are placed on the act or on the deadline (both kept in the ticket row: ACT_AT, DUE_AT), which
 * narrows the tickets whose clock outcome is computed — or, when the clock has no deadline (its year's calendar not
 * loaded: a partial index finds those tickets, normally none), on the act or on the end of the round.
 */
function sourceOnDays(source: Source, days: RawBuilder<unknown>) {
  const c = source.dueClock;
  const undated = c ? `${DUE_AT[c]} is null${c === 'sign' ? ' and t.dispatched_at is not null' : ''}` : 'false';
  return sql`and (${sql.raw(TICKET_DAYS)} && ${days} or ${sql.raw(undated)})
    ${c ? sql`and (${sql.raw(dayOf(ACT_AT[c]))} = any(${days}) or ${sql.raw(dayOf(DUE_AT[c]))} = any(${days}) or ${sql.raw(undated)})` : sql``}`;
}

/** The records placed on one of `days` (SQL date[]). */
const placedOn = (r: Records, days: RawBuilder<unknown>) => sql`${sql.raw(dayOf(r.placedBy))} = any(${days})`;

/** A set of records the rollup keeps: a metric's records, or (`pending`) its on-time records still running, by deadline. */
interface RecordSet { spec: Spec; records: Records; pending: boolean }

/**
 * Every metric's record sets (from SPECS: a new metric is in a statement), in passes: the sets of one source placed by
 * the same date (and, running clocks, by their deadline) are computed in one pass over the source's rows. (A function:
 * metrics.ts imports this module before SPECS exists.)
 */
function passes(): RecordSet[][] {
  const by = new Map<Source, Map<string, RecordSet[]>>();
  for (const spec of SPECS) {
    for (const x of [{ spec, records: spec.records, pending: false }, ...(spec.pending ? [{ spec, records: spec.pending, pending: true }] : [])]) {
      const m = by.get(x.records.source) ?? by.set(x.records.source, new Map()).get(x.records.source)!;
      const key = `${x.records.placedBy}${x.pending ? ' pending' : ''}`;
      m.set(key, [...(m.get(key) ?? []), x]);
    }
  }
  return [...by.values()].flatMap((m) => [...m.values()]);
}

/**
 * The rows (COLS) of the record sets `sets` (one source, one placing date) for the days `days` (all days when null) of
 * `line`, in one pass over the source's rows: which sets a row is a record of (`r`), grouped per day (and deadline,
 * for running clocks) and grouping set, each set's sums the kit's aggregates of its own records (running clocks: the
 * denominator, once the deadline has passed); then one row per set with records in the group. The sets' conditions are
 * also the WHERE (any of them): the planner then filters on the tickets' own columns before it computes clock outcomes
 * (without it, a refresh's 已答复口径 pass took 1.8 s instead of 0.7 s at 1M). The flags and the day are computed once
 * per row (`r`, offset 0), not inlined into every aggregate that uses them.
 */
function passRows(line: Line, sets: RecordSet[], s: MetricScope, days: string[] | null) {
  const { records: { source, placedBy }, pending } = sets[0];
  const day = dayOf(placedBy);
  const on = days ? sql`${days}::date[]` : null;
  const base = `r.day, ${pending ? 'k.due_at, ' : ''}t.lead_org_path, t.lead_org_id, t.org_id`;
  const groupSets = DIMS.map(([, col]) => `(${base}${col ? `, ${col}` : ''})`).join(', ');
  const flags = sql.join(sets.map((x, i) => sql`${x.records.where(s)} as ${sql.raw(`r${i}`)}`));
  const any = sql.join(sets.map((x) => sql`(${x.records.where(s)})`), sql` or `);
  const sums = sets.map((x, i) => [`count(*) filter (where r.r${i})::int`,
    ...(pending ? ['0::float8', `count(*) filter (where r.r${i})::int`, '0'] : kitSums(x.spec.value, `r.r${i}`))]);
  return sql`select ${s.region}::char(6) as region_code, ${line}::text as line, x.metric, 'd'::char(1) as grain, g.day, g.due_at, g.dim,
      g.lead_org_path, g.lead_org_id, g.org_id, g.channel, g.ticket_type, g.category_name, g.township_id, x.n, x.d::bigint as d, x.u::bigint as u
    from (select r.day, ${sql.raw(pending ? 'k.due_at' : 'null::timestamptz')} as due_at, ${sql.raw(DIM_OF)} as dim,
        t.lead_org_path, t.lead_org_id, t.org_id, t.channel, t.ticket_type, t.category_name, t.township_id,
        ${sql.raw(sums.map((x, i) => x.map((e, j) => `${e} as ${'cndu'[j]}${i}`).join(', ')).join(', '))}
      ${sourceFrom(source, line, s, sql`cross join lateral (select ${flags}, ${sql.raw(day)} as day offset 0) r`)}
        and (${any}) ${on ? sql`and ${placedOn(sets[0].records, on)} ${sourceOnDays(source, on)}` : sql``}
      group by grouping sets (${sql.raw(groupSets)})) g
    cross join lateral (values ${sql.raw(sets.map((x, i) => `('${x.spec.key}', g.c${i}, g.n${i}, g.d${i}, g.u${i})`).join(', '))}) x(metric, c, n, d, u)
    where x.c > 0`;
}

/** A rollup row's columns (all but day_rows), in the table's order. */
const COLS = 'region_code, line, metric, grain, day, due_at, dim, lead_org_path, lead_org_id, org_id, channel, ticket_type, category_name, '
  + 'township_id, n, d, u';
/** What identifies a row of a line and grain besides its day: the metric, the running clocks' deadline, the group. */
const GROUP = ['metric', 'due_at', 'dim', 'lead_org_path', 'lead_org_id', 'org_id', 'channel', 'ticket_type', 'category_name', 'township_id'];

/** Build the rows of `line` (every day and month, every metric), computed at `now`: its rows deleted, written again. */
async function buildLine(trx: Conn, region: string, line: Line, now: Date): Promise<void> {
  const s = computeScope(region, '2000-01-01', '2100-12-31', now);
  await sql`delete from hotline_rollups where region_code = ${region} and line = ${line}`.execute(trx);
  for (const sets of passes()) await sql`insert into hotline_rollups (${sql.raw(COLS)}) ${passRows(line, sets, s, null)}`.execute(trx);
  await sql`insert into hotline_rollups (${sql.raw(COLS)}, day_rows)
    select region_code, line, metric, 'm', date_trunc('month', day)::date, due_at, dim, lead_org_path, lead_org_id, org_id,
      channel, ticket_type, category_name, township_id, sum(n), sum(d), sum(u), count(*)
    from hotline_rollups where region_code = ${region} and line = ${line} and grain = 'd'
    group by region_code, line, metric, date_trunc('month', day), due_at, dim, lead_org_path, lead_org_id, org_id,
      channel, ticket_type, category_name, township_id`.execute(trx);
}

/**
 * Recompute the rows of the record sets `sets` (one pass) of `line` for `days` and write only what changed, in one
 * statement: the pass's new rows and the days' old rows of its metrics are grouped together by every column (NULLs
 * group together), and a row alone in its group is an old one to delete (it carries its ctid) or a new one to insert
 * — most of a touched day's rows come out the same, and writing them again was half of a pass. Then each month row of
 * the changed rows' groups moves by the sums of the rows inserted minus those deleted, with its count of day rows
 * (`day_rows`, migration 0008), grouped the same way with them: a month row is inserted with its group's first day row
 * of the month and deleted with its last, so it exists exactly when one does, as a build gives it (the months' day rows
 * are not grouped again). Rows are found by the read index (metric, dim, grain, day); each write names the region too
 * (on a table distributed by region, a statement of one region goes to one shard). Returns the day rows deleted and
 * inserted (a changed row is both).
 */
async function refreshPass(trx: Conn, line: Line, sets: RecordSet[], s: MetricScope, days: string[]): Promise<number> {
  const months = [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))];
  const mine = (a: string, grain: 'd' | 'm', on: string[]) => sql`${sql.raw(a)}.region_code = ${s.region} and ${sql.raw(a)}.line = ${line}
    and ${sql.raw(a)}.metric = any(${sets.map((x) => x.spec.key)}::text[]) and ${sql.raw(a)}.dim = any(${DIMS.map((x) => x[0])}::text[])
    and ${sql.raw(a)}.grain = ${grain} and ${sql.raw(a)}.day = any(${on}::date[]) and ${sql.raw(`${a}.due_at is ${sets[0].pending ? 'not ' : ''}null`)}`;
  const group = sql.raw(GROUP.join(', '));
  const byGroup = sql.raw(GROUP.map((_, i) => i + 2).join(', '));
  const rest = sql.raw(GROUP.slice(1).join(', '));
  return (await sql<{ rows: number }>`with
    diff as materialized (select day, ${group}, n, d, u, (array_agg(id))[1] as id
      from (select day, ${group}, n, d, u, null::tid as id from (${passRows(line, sets, s, days)}) x
        union all select day, ${group}, n, d, u, ctid from hotline_rollups r where ${mine('r', 'd', days)}) x
      group by 1, ${byGroup}, ${sql.raw([12, 13, 14].join(', '))} having count(*) = 1),
    gone as (delete from hotline_rollups r where r.region_code = ${s.region} and r.ctid = any(array(select id from diff where id is not null))
      returning r.day, ${sql.raw(GROUP.map((c) => `r.${c}`).join(', '))}, -r.n as n, -r.d as d, -r.u as u, -1 as k),
    came as (insert into hotline_rollups (${sql.raw(COLS)}) select ${s.region}, ${line}, metric, 'd', day, ${rest}, n, d, u from diff where id is null
      returning day, ${group}, n, d, u, 1 as k),
    month as materialized (select month, ${group}, sum(n) as n, sum(d)::bigint as d, sum(u)::bigint as u, sum(k)::int as k,
        (array_agg(id) filter (where id is not null))[1] as id
      from (select date_trunc('month', day)::date as month, ${group}, n, d, u, k, null::tid as id from (select * from gone union all select * from came) c
        union all select day, ${group}, n, d, u, day_rows, ctid from hotline_rollups m where ${mine('m', 'm', months)}) x
      group by 1, ${byGroup} having count(*) filter (where id is null) > 0),
    moved as (update hotline_rollups m set n = x.n, d = x.d, u = x.u, day_rows = x.k from month x
      where m.region_code = ${s.region} and m.ctid = x.id and x.k > 0),
    emptied as (delete from hotline_rollups m where m.region_code = ${s.region} and m.ctid = any(array(select id from month where id is not null and k = 0))),
    added as (insert into hotline_rollups (${sql.raw(COLS)}, day_rows)
      select ${s.region}, ${line}, metric, 'm', month, ${rest}, n, d, u, k from month where id is null)
    select ((select count(*) from gone) + (select count(*) from came))::int as rows`.execute(trx)).rows[0].rows;
}

/**
 * The settings of a statement driven by a few tickets — a few days' tickets (the refresh: the day index) or the marked
 * ones (a figure's read: by id) — with their clocks found by ticket: sequential scans, hash and merge joins and JIT off.
 * Without them the planner, misjudging how few tickets those are, reads the whole clocks table (a sequential scan, or
 * every clock of the key in a bitmap scan for a hash join: 0.5–1.9 s an on-time pass at 1M) where a lookup per ticket
 * is enough, and JIT compiles the long outcome expressions for longer than it takes to run them over those tickets.
 */
const NARROW = ['enable_seqscan', 'enable_hashjoin', 'enable_mergejoin', 'jit'];
const narrowOff = sql.join(NARROW.map((x) => sql`set_config(${x}, 'off', true)`));

/** Run `f` with NARROW off, in a transaction of its own or, within the caller's, restoring the settings after it. */
async function narrow<T>(conn: Conn, f: (c: Conn) => Promise<T>): Promise<T> {
  if (!conn.isTransaction) return conn.transaction().execute(async (trx) => { await sql`select ${narrowOff}`.execute(trx); return f(trx); });
  const was = Object.values((await sql<Record<string, string>>`select ${sql.join(NARROW.map((x, i) => sql`current_setting(${x}) as ${sql.raw(`s${i}`)}`))},
    ${narrowOff}`.execute(conn)).rows[0]).slice(0, NARROW.length);
  const out = await f(conn);
  await sql`select ${sql.join(NARROW.map((x, i) => sql`set_config(${x}, ${was[i]}, true)`))}`.execute(conn);
  return out;
}

/** The whole months within a period: [first day of the first, first day after the last) — empty when there is none. */
export function wholeMonths(from: string, to: string): [string, string] {
  const first = from.endsWith('-01') ? from : nextMonth(from);
  const after = nextMonth(to) === nextDay(to) ? nextMonth(to) : `${to.slice(0, 7)}-01`;
  return first < after ? [first, after] : [from, from];
}
const nextMonth = (d: string) => { const [y, m] = d.split('-').map(Number); return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`; };
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export interface RefreshResult { region: string; rebuilt: boolean; tickets: number; days: number; rows: number; ms: number }

/** SQLSTATE of a serialization failure: a REPEATABLE READ transaction meeting a row changed since its snapshot. */
const SERIALIZATION_FAILURE = '40001';

/**
 * Fold the tickets acted on since the last refresh into the region's rollup (or build it: first time, or after a
 * calendar year or a rule override changed deadlines outside the projection). One transaction, on one snapshot
 * (REPEATABLE READ): the rows it writes are every marked ticket's state in that snapshot, and the marks it deletes are
 * exactly those it has read — an act committed meanwhile keeps its mark, whose state is then the one folded in. The
 * state row's lock keeps two refreshes of a region apart (the second, finding the row changed since its snapshot, starts
 * again on a new one). `rows`: the day rows deleted and inserted (a changed row counts twice). `failAfterCompute`
 * (tests): throw before COMMIT, as a crash would.
 */
export async function refreshRollups(
  ctx: Pick<Ctx, 'db'>, region: string, now: Date, opts: { rebuild?: boolean; failAfterCompute?: boolean } = {},
): Promise<RefreshResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await refreshOnce(ctx, region, now, opts);
    } catch (err) {
      if ((err as { code?: string }).code !== SERIALIZATION_FAILURE || attempt === 3) throw err;
    }
  }
}

async function refreshOnce(ctx: Pick<Ctx, 'db'>, region: string, now: Date, opts: { rebuild?: boolean; failAfterCompute?: boolean }) {
  const t0 = performance.now();
  return ctx.db.transaction().setIsolationLevel('repeatable read').execute(async (trx): Promise<RefreshResult> => {
    await sql`insert into hotline_rollup_state (region_code) values (${region}) on conflict do nothing`.execute(trx);
    const st = (await sql<{ builtAt: Date | null; stale: boolean }>`select built_at,
        built_at is null or (select max(loaded_at) from calendar_years) > built_at
          or coalesce((select max(set_at) from rule_overrides where region_code = ${region}) > built_at, false) as stale
      from hotline_rollup_state where region_code = ${region} for update`.execute(trx)).rows[0];
    const mark = (await sql<{ seq: string | null; n: number }>`select max(seq)::text as seq, count(distinct case_id)::int as n
      from hotline_rollup_dirty where region_code = ${region}`.execute(trx)).rows[0];
    const upTo = mark.seq ?? '0';
    let days = 0;
    let rows = 0;
    const rebuilt = Boolean(opts.rebuild || st.stale);
    if (rebuilt) {
      for (const line of LINES) await buildLine(trx, region, line, now);
      await sql`update hotline_rollup_state set built_at = now() where region_code = ${region}`.execute(trx);
    } else if (mark.n > 0) {
      const touched = (await sql<{ line: Line; day: string }>`select line, day::text as day from (${touchedDays(region)}) x
        order by 1, 2`.execute(trx)).rows;
      await sql`select ${narrowOff}`.execute(trx); // (its own transaction: the settings end with it)
      for (const line of LINES) {
        const mine = touched.filter((r) => r.line === line).map((r) => r.day);
        days += mine.length;
        if (!mine.length) continue;
        const s = computeScope(region, mine[0], mine[mine.length - 1], now);
        for (const sets of passes()) rows += await refreshPass(trx, line, sets, s, mine);
      }
    }
    // (on this snapshot: the marks of acts committed since stay)
    await sql`delete from hotline_rollup_dirty where region_code = ${region} and seq <= ${upTo}::bigint`.execute(trx);
    await sql`update hotline_rollup_state set refreshed_at = now() where region_code = ${region}`.execute(trx);
    if (opts.failAfterCompute) throw new Error('refresh interrupted (test)');
    return { region, rebuilt, tickets: mark.n, days, rows, ms: Math.round(performance.now() - t0) };
  });
}

/** Every minute: fold the written tickets into each region's rollup (the county's, and any region with marks). */
export const hotlineRollupJob: Job = {
  name: 'hotline.rollups',
  everyMs: 60_000,
  lockId: HOTLINE_ROLLUP_LOCK,
  async run(ctx, now) {
    const regions = new Set([ctx.config.defaultRegion,
      ...(await sql<{ r: string }>`select distinct region_code as r from hotline_rollup_dirty`.execute(ctx.db)).rows.map((x) => x.r)]);
    const out: RefreshResult[] = [];
    for (const r of regions) out.push(await refreshRollups(ctx, r, now));
    return { regions: out };
  },
};

/**
 * How a metric's figure is read: the rollup's rows (same groups, over the rows of the matching grouping set) of the
 * period, minus the marked tickets' records as the rollup holds them (their state before their first act since the last
 * refresh: BEFORE), plus their records now (the live query over those tickets alone) — the kit's aggregates are sums,
 * so they add up, and a figure costs the rollup's rows and the marked tickets, whatever days those touch. One
 * statement: the marks, the rows and the records are read in one snapshot. Null (all live) while the rollup is not
 * built, or a calendar year or a rule override changed since its build (deadlines moved outside the projection: the
 * next refresh rebuilds it).
 */
export function rollupReader(line: Line, spec: Spec): KitRollup {
  const rolled: Record<string, KitGroup> = { ...groupsFor('t.day'), month: { label: '月份', expr: `to_char(t.day, 'YYYY-MM')` } };
  const live = groupsFor(spec.records.placedBy);
  return {
    async read(conn, s, groupBy) {
      const usable = (await sql<{ ok: boolean }>`select built_at is not null
          and not coalesce((select max(loaded_at) from calendar_years) > built_at, false)
          and not coalesce((select max(set_at) from rule_overrides o where o.region_code = ${s.region}) > built_at, false) as ok
        from hotline_rollup_state where region_code = ${s.region}`.execute(conn)).rows[0]?.ok;
      if (!usable) return null;
      const [wf, wt] = wholeMonths(s.from, s.to); // read from month sums; the days around them from day rows
      const g = groupBy ? { r: rolled[groupBy], l: live[groupBy] } : undefined;
      const key = (x: KitGroup | undefined) => sql.raw(x ? `(${x.expr})::text as k, (${x.name ?? x.expr})::text as l` : 'null::text as k, null::text as l');
      // Each branch one range of the read index (region, line, metric, dim, grain, day): the month sums of the whole
      // months, the day rows around them. (One condition with OR read every row of the metric from the period's start
      // on — the running clocks' rows after the period too: 16,000 rows for 363 at 1M, most of a read's time.)
      const from = (grain: 'd' | 'm', range: RawBuilder<unknown>) => sql`select ${key(g?.r)}, t.n, t.d, t.u, t.due_at
        from hotline_rollups t where t.region_code = ${s.region} and t.line = ${line} and t.metric = ${spec.key}
          and t.dim = ${g ? DIM_FOR[groupBy!] : ''} and t.grain = ${grain} and ${range} ${ticketScope(s)}`;
      const rows = sql`${from('m', sql`t.day >= ${wf}::date and t.day < ${wt}::date`)}
        union all ${from('d', sql`t.day >= ${s.from}::date and t.day < ${wf}::date`)}
        union all ${from('d', sql`t.day >= ${wt}::date and t.day <= ${s.to}::date`)}`;
      // the marked tickets' records now (+) and as the rollup holds them (−)
      const records = (tables: Tables | undefined, sign: 1 | -1) => sql`select ${key(g?.l)},
          ${sql.raw(kitSums(spec.value).map((x, i) => `${sign} * ${x} as ${'ndu'[i]}`).join(', '))}, null::timestamptz as due_at
        ${recordsFrom(spec.records, line, tables)(s)} ${tables ? sql`` : sql`and t.case_id = any(array(select case_id from marked))`}
        ${g ? sql`group by 1, 2` : sql``}`;
      // a group is there when it has a record (a running clock's row: once due): d + u counts a row's records (each
      // record of a count, ratio or average is in d or in u), and a group whose records the marks took away is not
      const counted = sql`t.due_at is null or t.due_at < ${s.now}`;
      type Row = { k: string | null; l: string | null; n: number; d: number; u: number };
      return narrow(conn, async (c) => (await sql<Row>`with ${beforeCtes(s.region)}
        select ${sql.raw(g ? 't.k, t.l' : 'null as k, null as l')}, coalesce(sum(t.n), 0)::float8 as n,
          coalesce(sum(t.d) filter (where ${counted}), 0)::int as d, coalesce(sum(t.u), 0)::int as u
        from (${rows} union all ${records(undefined, 1)} union all ${records(BEFORE, -1)}) t
        ${g ? sql`group by 1, 2 having coalesce(sum(t.d + t.u) filter (where ${counted}), 0) > 0 order by 1` : sql``}`.execute(c)).rows);
    },
  };
}
