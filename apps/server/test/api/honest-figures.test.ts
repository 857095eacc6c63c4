/**
 * Issue 10, "Honest figures", and item 12 (metrics side), through the HTTP API:
 * - a clock stopped by anything but the act it waits for is never met (终止办理 before 签收 is not 响应);
 * - an on-time rate's denominator is every item due in the period, answered or not (an overdue ticket never
 *   answered lowers 按时办结率; the same for 审批, 合法性审核, 依申请公开, the spine's 按期办结率), and 回访率 counts
 *   即时答复 among the 办结;
 * - a decision whose timeliness depends on a calendar year not loaded is counted as undecided, never late;
 * - every figure shown is a registered metric read in the caller's scope (hotline summary), and the drill-down
 *   of every ratio lists exactly the records of its numerator and of its denominator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../harness.ts';

let env: TestEnv;
let dispatcher: Session; let handler: Session; let leader: Session; let reviewer: Session;
/**
 * Who decides a licence and who extends its period: the 审批 post and the head of the 行政审批局 where the county has them
 * (issue 10 item 10: 受理与审批分岗, Art. 42 ¶1), otherwise the demo's window clerk and county leader.
 */
let decider: Session; let head: Session;
let orgs: Record<string, string>;
let services: { id: string; code: string; materials: { name: string }[] }[];

async function at(instant: string) {
  env.clock.set(new Date(instant));
  [dispatcher, handler, leader, reviewer] = await Promise.all(['dispatcher', 'handler', 'leader', 'reviewer'].map((u) => env.login(u)));
  decider = await env.login('approver').catch(() => dispatcher);
  head = await env.login('bureau').catch(() => leader);
}
beforeAll(async () => {
  env = await createTestEnv();
  const rows = (await env.ownerSql(`select code, id from orgs where region_code = '990101'`)).rows as { code: string; id: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r.id]));
  await at('2026-06-15T10:00:00+08:00');
  services = (await dispatcher.get('/api/v1/powers/services')).json();
});
afterAll(async () => { await env.close(); });

const act = async (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => {
  const r = await s.post(`/api/v1/cases/${id}/actions`, { action, input });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
async function ticket(): Promise<{ id: string; number: string }> {
  const r = await dispatcher.post('/api/v1/cases', {
    type: 'hotline_ticket',
    input: { channel: 'phone', ticketType: '投诉', categoryCode: '01.02', description: '某超市标价与结账价格不一致，多收了十元。', townshipId: orgs.cgz, parties: { name: '王五', phone: '13912345678' } },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
async function application(code: string): Promise<{ id: string; number: string }> {
  const s = services.find((x) => x.code === code)!;
  const r = await dispatcher.post('/api/v1/cases', {
    type: 'approval', input: { serviceId: s.id, channel: 'window', applicantName: '钱多多', applicantPhone: '13812345678', applicantKind: 'person', materials: s.materials.map((m) => m.name) },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
async function metric(s: Session, key: string, q: string) {
  const r = await s.get(`/api/v1/metrics/${key}?${q}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
/** The case numbers a drill-down lists (of one part of a ratio, when given). */
async function drilled(s: Session, key: string, q: string, part?: 'numerator' | 'denominator' | 'unknown'): Promise<string[]> {
  const r = await s.get(`/api/v1/metrics/${key}/drilldown?${q}&limit=500${part ? `&part=${part}` : ''}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items.map((i: { number: string }) => i.number);
}

const JUNE = 'from=2026-06-01&to=2026-06-30';
const reply = { result: '已解释说明', content: '已向诉求人解释价格构成，不属于价格违法。', contactMethod: '电话' };

describe('12345: only the act a clock waits for meets it; the denominator is what fell due', () => {
  type T = { id: string; number: string };
  let terminatedEarly: T, terminatedLate: T, unanswered: T, answered: T, instant: T;

  it('sets up tickets on 2026-06-15 (Monday; 端午 06-19 off; the 5-WD citizen clock falls due on 06-23)', async () => {
    terminatedEarly = await ticket();
    await act(dispatcher, terminatedEarly.id, 'dispatch', { leadOrgId: orgs.scjgj });
    terminatedLate = await ticket();
    await act(dispatcher, terminatedLate.id, 'dispatch', { leadOrgId: orgs.scjgj });
    unanswered = await ticket();
    await act(dispatcher, unanswered.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await act(handler, unanswered.id, 'sign');
    answered = await ticket();
    await act(dispatcher, answered.id, 'dispatch', { leadOrgId: orgs.scjgj });
    instant = await ticket();
    await act(dispatcher, instant.id, 'instant_answer', { answer: '已告知诉求人办理渠道和政策规定。' });
    // two hours later: one dispatched ticket is ended before anyone signed it (within the 24-hour 签收 limit)
    await at('2026-06-15T12:00:00+08:00');
    await act(dispatcher, terminatedEarly.id, 'terminate', { reasonCode: '诉求人撤回诉求', note: '诉求人来电撤回诉求。' });
    // the next afternoon (after the 24 hours): the other one is ended unsigned, and a ticket is signed late and answered
    await at('2026-06-16T15:00:00+08:00');
    await act(dispatcher, terminatedLate.id, 'terminate', { reasonCode: '诉求人无法联系且无法办理', note: '多次联系不上诉求人。' });
    await act(handler, answered.id, 'sign');
    await act(handler, answered.id, 'reply', reply);
    await at('2026-06-25T10:00:00+08:00');
  });

  it('响应率: a ticket ended by 终止办理 before anyone signed is not "signed on time"; one ended after the limit counts late', async () => {
    const num = await drilled(leader, 'hotline.response_rate', JUNE, 'numerator');
    const den = await drilled(leader, 'hotline.response_rate', JUNE, 'denominator');
    expect(num).not.toContain(terminatedEarly.number);
    expect(den).not.toContain(terminatedEarly.number); // the duty ended before the deadline: not counted
    expect(den).toContain(terminatedLate.number);
    expect(num).not.toContain(terminatedLate.number);
    expect(den).toContain(answered.number); // signed after the 24 hours
    expect(num).not.toContain(answered.number);
    const m = await metric(leader, 'hotline.response_rate', JUNE);
    expect([m.numerator, m.denominator]).toEqual([num.length, den.length]);
    expect(m.definition).toContain('只有签收计为响应');
  });

  it('按时办结率: an overdue ticket never answered is in the denominator (应办结) and lowers the rate', async () => {
    const num = await drilled(leader, 'hotline.on_time_rate', JUNE, 'numerator');
    const den = await drilled(leader, 'hotline.on_time_rate', JUNE, 'denominator');
    expect(den).toContain(unanswered.number);
    expect(num).not.toContain(unanswered.number);
    for (const t of [answered, instant]) { expect(num).toContain(t.number); expect(den).toContain(t.number); }
    // ended (终止办理) before its citizen deadline without an answer: the duty ended — neither on time nor late
    expect(den).not.toContain(terminatedLate.number);
    const m = await metric(leader, 'hotline.on_time_rate', JUNE);
    expect([m.numerator, m.denominator]).toEqual([num.length, den.length]);
  });

  it('the answered-only figure is a second, clearly named metric that leaves the unanswered out', async () => {
    const m = await metric(leader, 'hotline.answered_on_time_rate', JUNE);
    expect(m.label).toContain('已答复口径');
    expect(await drilled(leader, 'hotline.answered_on_time_rate', JUNE, 'denominator')).not.toContain(unanswered.number);
  });

  it('回访率 counts 即时答复 among the 办结 (denominator)', async () => {
    const den = await drilled(leader, 'hotline.callback_rate', JUNE, 'denominator');
    expect(den).toContain(instant.number);
    expect(await drilled(leader, 'hotline.callback_rate', JUNE, 'numerator')).not.toContain(instant.number);
  });

  it('the dispatcher-board counters are the hotline.open metric in the caller\'s scope, not the whole county', async () => {
    const mine = (await handler.get('/api/v1/hotline/summary')).json();
    const all = (await dispatcher.get('/api/v1/hotline/summary')).json();
    const sql = (extra: string, path: string) => env.ownerSql(`select count(*)::int as n from hotline_tickets t join cases c on c.id = t.case_id join orgs o on o.id = t.org_id
      where c.closed_at is null and (t.lead_org_path like $1 or o.path like $1) ${extra}`, [`${path}%`]);
    const path = async (code: string) => String((await env.ownerSql('select path from orgs where id = $1', [orgs[code]])).rows[0].path);
    const [scjgj, zwfwj] = [await path('scjgj'), await path('zwfwj')];
    expect(mine.toDispatch).toBe((await sql(`and t.state = 'registered'`, scjgj)).rows[0].n);
    expect(all.toDispatch).toBe((await sql(`and t.state = 'registered'`, zwfwj)).rows[0].n);
    expect(all.toDispatch).toBeGreaterThan(mine.toDispatch);
    expect(mine.overdue).toBe((await sql(`and c.due_at < '2026-06-25T10:00:00+08:00'`, scjgj)).rows[0].n);
    expect(mine.overdue).toBeGreaterThan(0);
  });
});

describe('行政审批, 合法性审核, 依申请公开 and the spine: overdue undecided items count; withdrawals are never on time', () => {
  let undecided: { id: string; number: string }, withdrawn: { id: string; number: string }, review: { id: string; number: string }, request: { number: string };
  const Q = 'from=2026-06-01&to=2026-07-31';

  it('sets up: an application accepted and never decided, one withdrawn, a review never concluded, a request never answered', async () => {
    await at('2026-06-15T10:00:00+08:00');
    undecided = await application('FW-002');
    await act(dispatcher, undecided.id, 'accept');
    withdrawn = await application('FW-004');
    await act(dispatcher, withdrawn.id, 'accept');
    await act(dispatcher, withdrawn.id, 'withdraw', { reason: '申请人书面申请撤回' });
    const orgId = orgs.scjgj;
    review = (await handler.post('/api/v1/cases', { type: 'legality_review', input: { title: '未按时审核的测试文件', draftingOrgId: orgId, docKind: '办法', summary: '用于验证逾期未出具意见的审核计入分母。' } })).json();
    await act(reviewer, review.id, 'accept');
    const r = await anonymous(env.app).post('/api/v1/public/cases', {
      type: 'disclosure_request',
      input: { orgId, channel: 'online', applicantKind: 'natural', parties: { applicant: { name: '李四', idNo: '110101198001011111', phone: '13900000000' } }, description: '2025年食品抽检不合格名单', format: '电子', via: '电子邮件' },
    });
    expect(r.statusCode, r.body).toBe(201);
    request = r.json();
    await at('2026-08-03T09:00:00+08:00');
  });

  it('按时办结率（法定/承诺）: the accepted application never decided counts late; the withdrawn one is not counted', async () => {
    for (const key of ['approvals.on_time_statutory_rate', 'approvals.on_time_promise_rate']) {
      const den = await drilled(leader, key, Q, 'denominator');
      expect(den, key).toContain(undecided.number);
      expect(await drilled(leader, key, Q, 'numerator'), key).not.toContain(undecided.number);
      expect(den, key).not.toContain(withdrawn.number);
    }
  });

  it('合法性审核按时办结率 and 依申请公开按时答复率: the overdue unanswered count late', async () => {
    expect(await drilled(leader, 'legality_review.on_time_rate', Q, 'denominator')).toContain(review.number);
    expect(await drilled(leader, 'legality_review.on_time_rate', Q, 'numerator')).not.toContain(review.number);
    expect(await drilled(leader, 'disclosure.reply_on_time_rate', Q, 'denominator')).toContain(request.number);
    expect(await drilled(leader, 'disclosure.reply_on_time_rate', Q, 'numerator')).not.toContain(request.number);
  });

  it('按期办结率 (spine): a withdrawn case is not "closed on time"; an overdue open case is in the denominator', async () => {
    const num = await drilled(leader, 'cases.closed_on_time_rate', Q, 'numerator');
    const den = await drilled(leader, 'cases.closed_on_time_rate', Q, 'denominator');
    expect(num).not.toContain(withdrawn.number);
    expect(den).not.toContain(withdrawn.number);
    for (const n of [undecided.number, review.number, request.number]) { expect(den).toContain(n); expect(num).not.toContain(n); }
  });
});

describe('a decision whose clock runs into a year whose calendar is not loaded (item 12)', () => {
  it('on time after fewer counted working days than the period; undecided (not late) when it depends on the unknown days', async () => {
    // FW-002: 20 WD statutory, extended by 10 → 30 WD from 2026-12-01; December 2026 has 22 working days after 12-01.
    await at('2026-12-01T10:00:00+08:00');
    const early = await application('FW-002');
    const late = await application('FW-002');
    for (const a of [early, late]) {
      await act(dispatcher, a.id, 'accept');
      await act(head, a.id, 'extend', { days: 10, reason: '需要现场核查并征求相关部门意见' });
    }
    await at('2026-12-28T15:00:00+08:00');
    const e = await act(decider, early.id, 'approve', { licenceNo: 'L-2026-001' });
    expect(e.clocks.find((k: { key: string }) => k.key === 'decision')).toMatchObject({ status: 'stopped', metDeadline: true });
    await at('2027-01-12T15:00:00+08:00'); // 22 known + up to 11 unknown days ≥ 30: depends on 2027's calendar
    await act(decider, late.id, 'approve', { licenceNo: 'L-2027-001' });
    const q = 'from=2026-12-01&to=2027-01-31';
    const m = await metric(leader, 'approvals.on_time_statutory_rate', q);
    expect(await drilled(leader, 'approvals.on_time_statutory_rate', q, 'numerator')).toContain(early.number);
    expect(await drilled(leader, 'approvals.on_time_statutory_rate', q, 'unknown')).toEqual([late.number]);
    expect(await drilled(leader, 'approvals.on_time_statutory_rate', q, 'denominator')).not.toContain(late.number);
    expect(m.unknown).toBe(1);
    expect(m.definition).toContain('无法判断');
  });
});

describe('every ratio: the drill-down lists exactly the records of its numerator, denominator and undecided', () => {
  it('for every registered ratio metric, over the year and within its first group', async () => {
    await at('2027-01-15T10:00:00+08:00');
    const q = 'from=2026-01-01&to=2026-12-31';
    const defs = (await leader.get('/api/v1/metrics')).json() as { key: string; parts?: { unknown?: string }; dimensions: { key: string }[] }[];
    const ratios = defs.filter((d) => d.parts);
    expect(ratios.length).toBeGreaterThan(15);
    for (const d of ratios) {
      const m = await metric(leader, d.key, q);
      const total = async (extra: string, part: string) => (await leader.get(`/api/v1/metrics/${d.key}/drilldown?${q}${extra}&part=${part}&limit=1`)).json().total;
      expect([await total('', 'numerator'), await total('', 'denominator')], d.key).toEqual([m.numerator, m.denominator]);
      if (d.parts!.unknown) expect(await total('', 'unknown'), d.key).toBe(m.unknown);
      const dim = d.dimensions[0]?.key;
      if (!dim) continue;
      const g = (await metric(leader, d.key, `${q}&groupBy=${dim}`)).groups?.[0];
      if (!g) continue;
      const extra = `&groupBy=${dim}&group=${encodeURIComponent(g.key)}`;
      expect([await total(extra, 'numerator'), await total(extra, 'denominator')], `${d.key} ${dim}=${g.key}`).toEqual([g.numerator, g.denominator]);
    }
    const bad = await leader.get(`/api/v1/metrics/hotline.intake/drilldown?${q}&part=numerator`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.part');
  }, 240_000);

  it('the public 好差评 ranking is the ratings metrics grouped by org', async () => {
    const q = 'from=2026-01-01&to=2026-12-31';
    const rank = (await anonymous(env.app).get(`/api/v1/public/ratings/ranking?${q}`)).json();
    const sat = await metric(leader, 'ratings.satisfaction_rate', `${q}&groupBy=org`);
    const count = await metric(leader, 'ratings.count', `${q}&groupBy=org`);
    expect(rank.items.length).toBe(count.groups.length);
    for (const item of rank.items) {
      const g = sat.groups.find((x: { label: string }) => x.label === item.orgName);
      expect(item).toMatchObject({ satisfaction: g.value, good: g.numerator, n: g.denominator });
    }
  });
});
