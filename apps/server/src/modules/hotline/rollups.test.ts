/**
 * The maintained rollups give the live figures (issue 12): after random workflows through the API (intake, 即时答复,
 * 派单, 退单 and 改派, 签收, 延期, 答复, 反馈, 回访, 重办, 办结, 并单), for every hotline metric of both lines, every
 * dimension, several periods and org scopes, the figure read from the rollup equals the live query's — after the
 * first build, with acts not yet folded in (the rollup, minus the marked tickets' records as they were, plus their records
 * now), after an incremental refresh, and at a later moment without a refresh (running clocks fall due). A refresh that
 * fails before COMMIT leaves the marks and the rows as they were, and the next one counts nothing twice; two at once
 * both finish, and give what one gives.
 */
import { legalDateOf } from '@yifa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { hotlineRateMetrics, hotlineUnrolledMetrics } from './metrics.ts';
import { refreshRollups, wholeMonths } from './rollups.ts';

const REGION = '990101';
let env: TestEnv;
let users: Record<string, Session>;
let orgs: Record<string, { id: string; path: string }>;
const live = new Map(hotlineUnrolledMetrics().map((m) => [m.key, m]));

function prng(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(12345);
const pick = <T,>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];

beforeAll(async () => {
  env = await createTestEnv();
  const names = ['dispatcher', 'handler', 'township', 'leader'];
  users = {};
  for (const n of names) users[n] = await env.login(n);
  const rows = (await env.ownerSql(`select code, id, path from orgs where region_code = '${REGION}'`)).rows as { code: string; id: string; path: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace(`${REGION}-`, ''), { id: r.id, path: r.path }]));
});
afterAll(async () => { await env?.close(); });

type Step = { who: string; action: string; input: (t: Ticket) => Record<string, unknown> };
interface Ticket { id: string; number: string; lead: 'scjgj' | 'cgz'; steps: Step[] }
const LEAD_USER = { scjgj: 'handler', cgz: 'township' } as const;
const other = (l: Ticket['lead']) => (l === 'scjgj' ? 'cgz' : 'scjgj');
const tickets: Ticket[] = [];

/** A random path through the workflow, cut short at a random point (open tickets keep their clocks running). */
function script(lead: Ticket['lead']): Step[] {
  const s: Step[] = [];
  const r = rnd();
  if (r < 0.12) return [{ who: 'dispatcher', action: 'instant_answer', input: () => ({ answer: '已当场答复诉求人相关政策规定。' }) }];
  if (r < 0.17 && tickets.length) {
    const master = pick(tickets);
    return [{ who: 'dispatcher', action: 'merge', input: () => ({ masterNumber: master.number }) }];
  }
  s.push({ who: 'dispatcher', action: 'dispatch', input: () => ({ leadOrgId: orgs[lead].id }) });
  if (rnd() < 0.25) {
    s.push({ who: '@lead', action: 'return', input: (t) => ({ reasonCode: '不属于本单位职责', note: '该事项不属本单位管辖，请改派。', suggestedOrgId: orgs[other(t.lead)].id }) });
    s.push({ who: 'dispatcher', action: 'redispatch', input: (t) => { t.lead = other(t.lead); return { leadOrgId: orgs[t.lead].id, ruling: '同意退单，改派。' }; } });
  }
  s.push({ who: '@lead', action: 'sign', input: () => ({}) });
  if (rnd() < 0.15) {
    s.push({ who: '@lead', action: 'request_extension', input: () => ({ days: 3, reason: '需要调取三个月的销售记录。' }) });
    s.push({ who: 'leader', action: 'approve_extension', input: () => ({ days: 3, reason: '同意延期3个工作日' }) });
  }
  const answer = (): Step[] => [
    { who: '@lead', action: 'reply', input: () => ({ result: pick(['已解决', '未解决']), content: '经查情况属实，已责令整改并答复诉求人。', contactMethod: '电话' }) },
    { who: '@lead', action: 'feedback', input: () => ({ summary: '已答复诉求人，已整改。' }) },
    { who: 'dispatcher', action: 'callback', input: () => (rnd() < 0.8
      ? { reached: true, satisfaction: pick(['满意', '基本满意', '不满意']), resolved: rnd() < 0.7 } : { reached: false }) },
  ];
  s.push(...answer());
  if (rnd() < 0.2) s.push({ who: 'dispatcher', action: 'redo', input: () => ({ reason: '诉求人认为未解决，重新核查。' }) }, ...answer());
  s.push({ who: 'dispatcher', action: 'close', input: () => ({ note: '已办理完毕，归档。' }) });
  return s.slice(0, Math.max(1, Math.ceil(rnd() * 1.4 * s.length)));
}

/** A request as `who`, logging in again when the session expired while the clock moved. */
async function post(who: string, url: string, body: unknown) {
  let r = await users[who].post(url, body);
  if (r.statusCode === 401) { users[who] = await env.login(who); r = await users[who].post(url, body); }
  return r;
}

async function openTicket(): Promise<void> {
  const mailbox = rnd() < 0.25;
  const lead = pick(['scjgj', 'cgz'] as const);
  const r = await post('dispatcher', '/api/v1/cases', { type: 'hotline_ticket', input: {
    channel: mailbox ? 'mailbox' : pick(['phone', 'web']), ticketType: pick(['投诉', '求助', '建议']), categoryCode: pick(['01.02', '04.02', '05.01']),
    description: '城关镇某超市标价与结账价格不一致，多收了十元。', townshipId: orgs.cgz.id, parties: { name: '王五', phone: `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` },
  } });
  expect(r.statusCode, r.body).toBe(201);
  const steps = script(lead);
  tickets.push({ id: r.json().id, number: r.json().number, lead, steps });
}

/** `n` random moves: open a ticket or take the next step of an open one; the clock moves 0–30 hours between them. */
async function drive(n: number): Promise<{ done: number; refused: number }> {
  let done = 0; let refused = 0;
  for (let i = 0; i < n; i++) {
    env.clock.advance(Math.floor(rnd() * 30 * 3_600_000));
    const open = tickets.filter((t) => t.steps.length);
    if (!open.length || rnd() < 0.3) { await openTicket(); continue; }
    const t = pick(open);
    const step = t.steps.shift()!;
    const who = step.who === '@lead' ? LEAD_USER[t.lead] : step.who;
    const r = await post(who, `/api/v1/cases/${t.id}/actions`, { action: step.action, input: step.input(t) });
    if (r.statusCode === 200) done++; else { refused++; t.steps = []; }
  }
  return { done, refused };
}

function scopes(): MetricScope[] {
  const now = env.clock.now();
  const today = legalDateOf(now); // the ledger's legal date (Beijing)
  const base = { region: REGION, now, orgPath: null as string | null };
  const periods: [string, string][] = [['2026-01-01', today], ['2026-06-15', '2026-06-30'], [today, today], ['2026-07-03', '2026-07-03'],
    ['2026-06-20', '2026-08-10'], ['2026-06-01', '2026-08-31'], ['2026-07-01', '2026-07-31']];
  const out: MetricScope[] = [];
  for (const [from, to] of periods) {
    for (const orgPath of [null, orgs.scjgj.path, orgs.cgz.path]) out.push({ ...base, from, to, orgPath });
  }
  return out;
}

/**
 * Every metric, dimension, period and scope: the rollup's figure and groups equal the live query's. `sample`: every
 * period still, each with one of the org scopes in turn (the later checks; the first one compares them all).
 */
async function expectSame(sample = false): Promise<number> {
  let compared = 0;
  for (const m of hotlineRateMetrics) {
    const l = live.get(m.key)! as MetricDef;
    for (const s of scopes().filter((_, i) => !sample || i % 4 === 0)) {
      for (const groupBy of [undefined, ...m.dimensions.map((d) => d.key)]) {
        const [a, b] = [await m.compute(env.ctx.db, s, groupBy), await l.compute(env.ctx.db, s, groupBy)];
        expect(a, `${m.key} ${s.from}…${s.to} ${s.orgPath ?? 'county'} by ${groupBy ?? '-'}`).toEqual(b);
        compared++;
      }
    }
  }
  return compared;
}

const rollupRows = async () => Number((await env.ownerSql('select count(*)::int as n from hotline_rollups')).rows[0].n);
const sums = async () => (await env.ownerSql(
  'select metric, round(sum(n)::numeric, 6)::text as n, sum(d)::int as d from hotline_rollups group by 1 order by 1')).rows;
const GROUP = 'line, metric, due_at, dim, lead_org_path, lead_org_id, org_id, channel, ticket_type, category_name, township_id';
/**
 * Month rows that are not the sums of their day rows with their count (either way, n to 10⁻⁶: a refresh moves a month
 * row by differences): a month row must exist exactly when a day row of its month and group does.
 */
const monthsOff = async () => Number((await env.ownerSql(`with m as (select ${GROUP}, day, round(n::numeric, 6) as n, d, u, day_rows
      from hotline_rollups where grain = 'm'),
    g as (select ${GROUP}, date_trunc('month', day)::date as day, round(sum(n)::numeric, 6) as n, sum(d)::bigint as d, sum(u)::bigint as u,
        count(*)::int as day_rows
      from hotline_rollups where grain = 'd' group by ${GROUP}, date_trunc('month', day))
  select (select count(*) from (select * from m except all select * from g) x)
    + (select count(*) from (select * from g except all select * from m) x) as n`)).rows[0].n);
const LAST_INTAKE_DAY = `(select max(day) from hotline_rollups where metric = 'intake' and line = 'hotline' and grain = 'd')`;
/** Move the 12345 intake of the last day with intake, in its day row and its month's row, by `by` (the figure's read path). */
const shiftIntake = (by: number) => env.ownerSql(`update hotline_rollups set n = n + ${by} where metric = 'intake' and line = 'hotline' and dim = ''
  and day in (${LAST_INTAKE_DAY}, date_trunc('month', ${LAST_INTAKE_DAY})::date)`);
/** A wrong pair of rows — 1,000 more 12345 intake on `day` (SQL), in its day row and its month's row — and their removal. */
const poison = (day: string) => env.ownerSql(`insert into hotline_rollups (region_code, line, metric, grain, day, dim, org_id, n, d, u, day_rows)
  select '${REGION}', 'hotline', 'intake', g, case g when 'd' then x.d else date_trunc('month', x.d)::date end, '', '${orgs.cgz.id}', 1000, 1000, 0,
    case g when 'm' then 1 end
  from (values ('d'), ('m')) v(g), (select ${day}::date as d) x`);
const unpoison = () => env.ownerSql(`delete from hotline_rollups where metric = 'intake' and n = 1000 and d = 1000`);
/** The tickets with a mark (an act since the last refresh). */
const dirty = async () => Number((await env.ownerSql('select count(distinct case_id)::int as n from hotline_rollup_dirty')).rows[0].n);

describe('hotline rollups', () => {
  it('whole months of a period are read from month sums', () => {
    expect(wholeMonths('2026-01-01', '2026-11-30')).toEqual(['2026-01-01', '2026-12-01']);
    expect(wholeMonths('2026-01-15', '2026-03-30')).toEqual(['2026-02-01', '2026-03-01']);
    expect(wholeMonths('2026-12-01', '2026-12-31')).toEqual(['2026-12-01', '2027-01-01']);
    expect(wholeMonths('2026-06-20', '2026-07-10')).toEqual(['2026-06-20', '2026-06-20']);
    expect(wholeMonths('2026-02-01', '2026-02-28')).toEqual(['2026-02-01', '2026-03-01']);
  });

  it('without a built rollup the figures are live; every act marks its ticket', async () => {
    const r = await drive(160);
    expect(r.done).toBeGreaterThan(60);
    expect(r.refused).toBeLessThan(r.done / 4);
    const all = Number((await env.ownerSql('select count(*)::int as n from hotline_tickets')).rows[0].n);
    expect(all).toBeGreaterThanOrEqual(tickets.length); // and the demo's
    expect(await dirty()).toBe(all);
    expect(await rollupRows()).toBe(0);
  }, 240_000);

  it('after the first build every figure equals the live one (all metrics, dimensions, periods, org scopes)', async () => {
    const b = await refreshRollups(env.ctx, REGION, env.clock.now());
    expect(b.rebuilt).toBe(true);
    expect(await dirty()).toBe(0);
    expect(await rollupRows()).toBeGreaterThan(0);
    expect(await expectSame()).toBeGreaterThan(1000);
    // the figures do come from the rollup (its rows changed by hand change them; the live query does not move)
    const m = hotlineRateMetrics.find((x) => x.key === 'hotline.intake')!;
    const s = scopes()[0];
    const was = (await m.compute(env.ctx.db, s)).value!;
    // the last day with intake: its day row, and its month's row (whichever the period reads)
    await shiftIntake(1000);
    expect((await m.compute(env.ctx.db, s)).value).toBeGreaterThan(was);
    expect((await live.get('hotline.intake')!.compute(env.ctx.db, s)).value).toBe(was);
    await shiftIntake(-1000);
  }, 240_000);

  it('an act after the refresh counts at once: its mark keeps the ticket as it was, and the rollup answers every day', async () => {
    const m = hotlineRateMetrics.find((x) => x.key === 'hotline.intake')!;
    const l = live.get('hotline.intake')!;
    const s = scopes()[0];
    for (let i = 0; i < 4; i++) await openTicket(); // accepted today
    expect(await dirty()).toBe(4);
    expect(await m.compute(env.ctx.db, s)).toEqual(await l.compute(env.ctx.db, s));
    // a mark of an act holds the ticket, its clocks and its events as they were before the act
    const t = tickets[tickets.length - 1];
    const r = await post('dispatcher', `/api/v1/cases/${t.id}/actions`, { action: 'instant_answer', input: { answer: '已当场答复诉求人相关政策规定。' } });
    expect(r.statusCode, r.body).toBe(200);
    t.steps = [];
    const marks = (await env.ownerSql(`select old from hotline_rollup_dirty where case_id = '${t.id}' order by seq`)).rows as
      { old: Record<string, any> | null }[];
    expect(marks.map((x) => x.old === null)).toEqual([true, false]); // opened since the refresh: in no rollup row
    expect(marks[1].old).toMatchObject({ ticket: { case_id: t.id, state: 'registered', replied_at: null } });
    expect(marks[1].old!.ticket.description).toBeUndefined();
    expect(marks[1].old!.events.map((e: { action: string }) => e.action)).toEqual(['open']);
    expect(marks[1].old!.clocks.length).toBeGreaterThan(0);
    expect(await m.compute(env.ctx.db, s)).toEqual(await l.compute(env.ctx.db, s));
    // the rollup answers every day, the days the marked tickets touch too: a wrong row shows wherever it is
    const was = (await l.compute(env.ctx.db, s)).value!;
    for (const day of [`'${legalDateOf(env.clock.now())}'`,
      `(select min(day) from hotline_rollups where metric = 'intake' and line = 'hotline' and grain = 'd' and day >= '2026-01-01')`]) {
      await poison(day);
      expect((await m.compute(env.ctx.db, s)).value).toBe(was + 1000);
      await unpoison();
    }
    await refreshRollups(env.ctx, REGION, env.clock.now());
    expect(await dirty()).toBe(0);
    expect(await m.compute(env.ctx.db, s)).toEqual(await l.compute(env.ctx.db, s));
  }, 240_000);

  it('with written tickets not yet folded in, every figure equals the live one (all metrics, dimensions, periods, org scopes)', async () => {
    await drive(100);
    expect(await dirty()).toBeGreaterThan(20);
    expect(await expectSame()).toBeGreaterThan(1000);
    env.clock.advance(5 * 24 * 3_600_000); // and later, running clocks fallen due, still unfolded
    await expectSame(true);
  }, 480_000);

  it('later, without a refresh, running clocks that fell due count late in both', async () => {
    env.clock.advance(9 * 24 * 3_600_000);
    await expectSame(true);
  }, 240_000);

  it('an incremental refresh after more workflows recomputes only the touched days and equals the live figures', async () => {
    await drive(120);
    expect(await dirty()).toBeGreaterThan(0);
    const r = await refreshRollups(env.ctx, REGION, env.clock.now());
    expect(r).toMatchObject({ rebuilt: false });
    expect(r.tickets).toBeGreaterThan(0);
    expect(r.rows).toBeGreaterThan(0);
    expect(await dirty()).toBe(0);
    expect(await monthsOff()).toBe(0); // the month rows moved by the changed day rows are those of the day rows
    await expectSame(true);
  }, 240_000);

  it('a refresh interrupted before COMMIT changes nothing; the next counts nothing twice; a rebuild gives the same rows', async () => {
    await drive(60);
    const before = { rows: await rollupRows(), sums: await sums(), dirty: await dirty() };
    expect(before.dirty).toBeGreaterThan(0);
    await expect(refreshRollups(env.ctx, REGION, env.clock.now(), { failAfterCompute: true })).rejects.toThrow('interrupted');
    expect({ rows: await rollupRows(), sums: await sums(), dirty: await dirty() }).toEqual(before);
    await refreshRollups(env.ctx, REGION, env.clock.now());
    await refreshRollups(env.ctx, REGION, env.clock.now()); // nothing marked: nothing changes
    await expectSame(true);
    expect(await monthsOff()).toBe(0);
    const after = await sums();
    await refreshRollups(env.ctx, REGION, env.clock.now(), { rebuild: true });
    expect(await sums()).toEqual(after);
  }, 240_000);

  it('two refreshes at once both finish (the later on a new snapshot) and fold in what one would', async () => {
    await drive(40);
    expect(await dirty()).toBeGreaterThan(0);
    const [a, b] = await Promise.all([refreshRollups(env.ctx, REGION, env.clock.now()), refreshRollups(env.ctx, REGION, env.clock.now())]);
    expect(a.tickets + b.tickets).toBeGreaterThan(0);
    expect(await dirty()).toBe(0);
    expect(await monthsOff()).toBe(0);
    await expectSame(true);
    const after = await sums();
    await refreshRollups(env.ctx, REGION, env.clock.now(), { rebuild: true });
    expect(await sums()).toEqual(after);
  }, 240_000);
});
