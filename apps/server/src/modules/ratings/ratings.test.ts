import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { addDays, legalDateOf, startOfLegalDate } from '@yifa/contracts';
import { allJobs, runJob } from '../../platform/jobs/runner.ts';
import { defaultRatingsJob } from './store.ts';

let env: TestEnv;
let clerk: Session;
let services: { id: string; code: string; materials: { name: string }[] }[];
const svc = (code: string) => services.find((s) => s.code === code)!;

beforeAll(async () => {
  env = await createTestEnv();
  clerk = await env.login('dispatcher');
  services = (await clerk.get('/api/v1/powers/services')).json();
});
afterAll(async () => { await env.close(); });

const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => s.post(`/api/v1/cases/${id}/actions`, { action, input });
let seq = 0;
/** Open and finish a 特种设备使用登记 (held by 市场监管局) for an applicant; returns number and phone. */
async function finished(code = 'FW-009', opts: { channel?: 'window' | 'online'; finish?: boolean } = {}) {
  const phone = `1360000${String(1000 + seq++)}`;
  const r = await clerk.post('/api/v1/cases', { type: 'approval', input: { serviceId: svc(code).id, channel: opts.channel ?? 'window', applicantName: '孙评价', applicantPhone: phone, materials: svc(code).materials.map((m) => m.name) } });
  const id = r.json().id as string;
  if (opts.finish !== false) {
    await act(clerk, id, 'accept');
    await act(await env.login('approver'), id, 'approve', { licenceNo: `TS-${seq}` });
    await act(clerk, id, 'deliver', { method: '邮寄送达' });
  }
  return { id, number: r.json().number as string, phone };
}

describe('rating a finished 办件 on the portal', () => {
  it('400 naming every field, 404 on a wrong phone, 409 before the case ends, then one rating per handling', async () => {
    const pub = anonymous(env.app);
    const open = await finished('FW-009', { finish: false });
    const bad = await pub.post('/api/v1/public/ratings', { number: '', phone: '12', level: 6 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.level', 'body.number', 'body.phone']);
    expect((await pub.post('/api/v1/public/ratings', { number: open.number, phone: '13999999999', level: 5 })).statusCode).toBe(404);
    expect((await pub.post('/api/v1/public/ratings', { number: open.number, phone: open.phone, level: 5 })).statusCode).toBe(409);
    const done = await finished();
    const look = (await pub.post('/api/v1/public/ratings/lookup', { number: done.number, phone: done.phone })).json();
    expect(look.open).toHaveLength(1);
    const r = await pub.post('/api/v1/public/ratings', { number: done.number, phone: done.phone, level: 5, comment: '很方便' }, { 'idempotency-key': 'rate-key-0001' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ levelLabel: '非常满意', rectificationNumber: null });
    const replay = await pub.post('/api/v1/public/ratings', { number: done.number, phone: done.phone, level: 5, comment: '很方便' }, { 'idempotency-key': 'rate-key-0001' });
    expect(replay.json().id).toBe(r.json().id);
    const twice = await pub.post('/api/v1/public/ratings', { number: done.number, phone: done.phone, level: 1 });
    expect(twice.statusCode).toBe(409);
  });
});

describe('staff-recorded ratings (窗口评价器, 12345)', () => {
  it('400 per field, 404 for an unknown number, 403 for a reviewer-only viewer, 409 before the case ends', async () => {
    const bad = await clerk.post('/api/v1/ratings', { caseNumber: '', level: 0, channel: 'fax' });
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.caseNumber', 'body.channel', 'body.level']);
    expect((await clerk.post('/api/v1/ratings', { caseNumber: 'SP-2026-999999', level: 5, channel: 'window' })).statusCode).toBe(404);
    const open = await finished('FW-009', { finish: false });
    expect((await clerk.post('/api/v1/ratings', { caseNumber: open.number, level: 5, channel: 'window' })).statusCode).toBe(409);
    const done = await finished();
    const sup = await env.login('supervisor');
    // A supervisor records no ratings anywhere: refused before the case is even looked up (route access, issue 10 #17).
    expect((await sup.post('/api/v1/ratings', { caseNumber: done.number, level: 5, channel: 'window' })).statusCode).toBe(403);
    const ok = await clerk.post('/api/v1/ratings', { caseNumber: done.number, level: 4, channel: 'window' });
    expect(ok.statusCode).toBe(201);
    const row = await env.ownerSql('select channel, active, real_name from ratings_ratings where id = $1', [ok.json().id]);
    expect(row.rows[0]).toEqual({ channel: 'window', active: true, real_name: false });
  });
});

describe('差评: verification, rectification, feedback, 申诉复核', () => {
  let done: { number: string; phone: string; id: string };
  let rectId = '';
  it('不满意 opens a 差评整改 case with a 1-WD verification and a 15-WD rectification clock (configurable, unsourced)', async () => {
    done = await finished();
    const r = await anonymous(env.app).post('/api/v1/public/ratings', { number: done.number, phone: done.phone, level: 2, comment: '补正告知不清楚，多跑了一趟' });
    expect(r.json().rectificationNumber).toMatch(/^CP-2026-/);
    const handler = await env.login('handler');
    const list = (await handler.get('/api/v1/ratings?bad=true')).json();
    const row = list.find((x: { caseNumber: string }) => x.caseNumber === done.number);
    expect(row).toMatchObject({ level: 2, realName: true, rectificationState: 'verifying' });
    rectId = row.rectificationCaseId;
    const v = (await handler.get(`/api/v1/cases/${rectId}`)).json();
    const clocks = Object.fromEntries(v.clocks.map((c: { key: string; totalLength: number; sourced: boolean }) => [c.key, [c.totalLength, c.sourced]]));
    expect(clocks).toEqual({ verify: [1, false], rectify: [15, false] });
  });

  it('the handler verifies and rectifies; the evaluator rates the rectification; a supervisor sees it in the 差评 ledger', async () => {
    const handler = await env.login('handler');
    const early = await act(handler, rectId, 'rectify', { measures: '培训', feedback: '已整改' });
    expect(early.statusCode).toBe(409);
    const cb = await act(handler, rectId, 'callback', { contacted: true, method: '电话', findings: '情况属实，告知单不完整。' });
    expect(cb.json().state).toBe('rectifying');
    const pub = anonymous(env.app);
    const ratingId = (await pub.post('/api/v1/public/ratings/lookup', { number: done.number, phone: done.phone })).json().ratings[0].id;
    expect((await pub.post(`/api/v1/public/ratings/${ratingId}/followup`, { number: done.number, phone: done.phone, level: 4 })).statusCode).toBe(409);
    const fx = await act(handler, rectId, 'rectify', { measures: '修订一次性告知单，开展窗口培训。', feedback: '已修订告知单，向您致歉。' });
    expect(fx.json()).toMatchObject({ state: 'rectified', terminal: true });
    const look = (await pub.post('/api/v1/public/ratings/lookup', { number: done.number, phone: done.phone })).json();
    expect(look.ratings[0]).toMatchObject({ canRateRectification: true, rectification: { state: 'rectified', feedback: '已修订告知单，向您致歉。' } });
    expect((await pub.post(`/api/v1/public/ratings/${ratingId}/followup`, { number: done.number, phone: done.phone, level: 4 })).json().levelLabel).toBe('满意');
    expect((await pub.post(`/api/v1/public/ratings/${ratingId}/followup`, { number: done.number, phone: done.phone, level: 4 })).statusCode).toBe(409);
    const sup = await env.login('supervisor');
    const ledger = (await sup.get('/api/v1/ratings?bad=true')).json();
    expect(ledger.find((x: { caseNumber: string }) => x.caseNumber === done.number)).toMatchObject({ rectificationState: 'rectified', followupLevel: 4 });
  });

  it('申诉复核: only a supervisor decides; upheld ratings leave the metrics, dismissed ones go back to rectification', async () => {
    const pub = anonymous(env.app);
    const a = await finished();
    const b = await finished();
    for (const x of [a, b]) await pub.post('/api/v1/public/ratings', { number: x.number, phone: x.phone, level: 1, comment: '恶意' });
    const handler = await env.login('handler');
    const ledger = (await handler.get('/api/v1/ratings?bad=true')).json();
    const rc = (n: string) => ledger.find((x: { caseNumber: string }) => x.caseNumber === n).rectificationCaseId as string;
    for (const x of [a, b]) {
      await act(handler, rc(x.number), 'callback', { contacted: true, method: '电话', findings: '评价人表示误操作。' });
      const ap = await act(handler, rc(x.number), 'appeal', { grounds: '误评', explanation: '评价人电话确认为误操作，办件按时办结。' });
      expect(ap.json().state).toBe('appealing');
    }
    expect((await act(handler, rc(a.number), 'uphold', { reason: '确属误评' })).statusCode).toBe(403);
    const sup = await env.login('supervisor');
    const leader = await env.login('leader');
    const before = (await leader.get('/api/v1/metrics/ratings.bad_count?from=2026-06-15&to=2026-06-15')).json();
    expect(before.value).toBeGreaterThanOrEqual(3);
    const up = await act(sup, rc(a.number), 'uphold', { reason: '经核实确属误评，予以剔除' });
    expect(up.json()).toMatchObject({ state: 'excluded', terminal: true });
    const dis = await act(sup, rc(b.number), 'dismiss', { reason: '证据不足，继续整改' });
    expect(dis.json().state).toBe('rectifying');
    const after = (await leader.get('/api/v1/metrics/ratings.bad_count?from=2026-06-15&to=2026-06-15')).json();
    expect(after.value).toBe(before.value - 1);
    const excluded = await env.ownerSql('select excluded, excluded_reason from ratings_ratings r join cases c on c.id = r.case_id where c.number = $1', [a.number]);
    expect(excluded.rows[0]).toMatchObject({ excluded: true });
    expect(String(excluded.rows[0].excluded_reason)).toContain('误评');
  });
});

describe('rateable case types and default ratings', () => {
  it('the configurable list decides which finished cases are offered (hotline_ticket by default)', async () => {
    const admin = await env.login('admin');
    const s = (await admin.get('/api/v1/settings/ratings')).json();
    expect(s.values.rateableTypes).toEqual(['approval', 'hotline_ticket']);
    expect((await admin.put('/api/v1/settings/ratings', { values: { rateableTypes: ['Bad Type'], defaultAfterDays: 0 } })).json().errors.map((e: { path: string }) => e.path).sort())
      .toEqual(['body.values.defaultAfterDays', 'body.values.rateableTypes.0']);
    expect((await clerk.put('/api/v1/settings/ratings', { values: { rateableTypes: [], defaultAfterDays: 7 } })).statusCode).toBe(403);
    expect((await admin.put('/api/v1/settings/ratings', { values: { rateableTypes: ['hotline_ticket'], defaultAfterDays: 7 } })).statusCode).toBe(200);
    const x = await finished();
    expect((await env.ownerSql('select count(*)::int as n from ratings_invitations where case_id = $1', [x.id])).rows[0].n).toBe(0);
    await admin.put('/api/v1/settings/ratings', { values: { rateableTypes: ['approval', 'hotline_ticket'], defaultAfterDays: 7 } });
  });

  it('unrated handlings get a default rating after the configured days, kept apart from active ratings', async () => {
    const x = await finished();
    env.clock.advance(8 * 24 * 3600_000);
    const admin = await env.login('admin');
    expect((await clerk.post('/api/v1/ratings/defaults')).statusCode).toBe(401); // idle session
    const r = (await admin.post('/api/v1/ratings/defaults')).json();
    expect(r.defaulted).toBeGreaterThan(0);
    const row = await env.ownerSql('select active, level from ratings_ratings r join cases c on c.id = r.case_id where c.number = $1', [x.number]);
    expect(row.rows).toEqual([{ active: false, level: 4 }]);
    expect((await anonymous(env.app).post('/api/v1/public/ratings', { number: x.number, phone: x.phone, level: 5 })).statusCode).toBe(409);
  });

  it('the periodic job (declared in the manifest) applies the configured waiting period on the injected clock', async () => {
    const job = allJobs(env.ctx).find((j) => j.name === 'ratings-defaults');
    expect(job).toBe(defaultRatingsJob);
    const admin = await env.login('admin');
    clerk = await env.login('dispatcher');
    const s = (await admin.get('/api/v1/settings/ratings')).json();
    expect((await admin.put('/api/v1/settings/ratings', { values: { ...s.values, defaultAfterDays: 3 } })).statusCode).toBe(200);
    const x = await finished();
    const y = await finished();
    const stateOf = async (n: string) => (await env.ownerSql('select i.status, r.active, r.level from ratings_invitations i join cases c on c.id = i.case_id left join ratings_ratings r on r.invitation_id = i.id where c.number = $1', [n])).rows;
    // y is rated actively: the job must leave it alone.
    expect((await anonymous(env.app).post('/api/v1/public/ratings', { number: y.number, phone: y.phone, level: 2 })).statusCode).toBe(201);
    // Three days later the period (3 natural days after the day it ended) has not passed: nothing for x.
    const endedOn = env.clock.now();
    const r0 = await runJob(env.ctx, job!, new Date(endedOn.getTime() + 3 * 24 * 3600_000));
    expect(r0).not.toBeNull();
    expect(await stateOf(x.number)).toEqual([{ status: 'open', active: null, level: null }]);
    // The job takes its time from the injected clock/argument, not from the wall clock.
    const at = new Date(endedOn.getTime() + 4 * 24 * 3600_000);
    const cutoff = startOfLegalDate(addDays(legalDateOf(at), -3));
    const expected = (await env.ownerSql(`select count(*)::int as n from ratings_invitations where status = 'open' and created_at < $1`, [cutoff])).rows[0].n;
    expect(expected).toBeGreaterThan(0);
    const r1 = await runJob(env.ctx, job!, at);
    expect(r1!.defaulted).toBe(expected);
    expect(await stateOf(x.number)).toEqual([{ status: 'rated', active: false, level: 4 }]);
    expect(await stateOf(y.number)).toEqual([{ status: 'rated', active: true, level: 2 }]);
    const rated = (await env.ownerSql('select r.rated_at from ratings_ratings r join cases c on c.id = r.case_id where c.number = $1', [x.number])).rows[0];
    expect(new Date(rated.rated_at as string).toISOString()).toBe(at.toISOString());
    // Idempotent: a second run finds nothing left; the run is recorded.
    expect((await runJob(env.ctx, job!, at))!.defaulted).toBe(0);
    expect((await env.ownerSql(`select last_result from job_runs where name = 'ratings-defaults'`)).rows[0].last_result).toMatchObject({ defaulted: 0 });
    await admin.put('/api/v1/ratings/settings', { rateableTypes: s.rateableTypes, superviseOrgId: s.superviseOrgId, defaultAfterDays: 7 });
  });
});

describe('好差评 metrics on generated data', () => {
  it('评价数, 主动评价率, 满意率, 差评数, 整改率, 整改按时率, 实名差评回访率 by channel — computed independently', async () => {
    env.clock.set(new Date('2026-09-07T09:00:00+08:00'));
    clerk = await env.login('dispatcher');
    const plan: { level: number; channel: 'online' | 'window' | 'hotline'; realName: boolean; callback: boolean; rectify: 'on_time' | 'late' | 'no' }[] = [
      { level: 5, channel: 'online', realName: true, callback: false, rectify: 'no' },
      { level: 4, channel: 'window', realName: false, callback: false, rectify: 'no' },
      { level: 3, channel: 'online', realName: true, callback: false, rectify: 'no' },
      { level: 2, channel: 'online', realName: true, callback: true, rectify: 'on_time' },
      { level: 1, channel: 'window', realName: true, callback: true, rectify: 'late' },
      { level: 2, channel: 'window', realName: false, callback: false, rectify: 'no' },
      { level: 5, channel: 'hotline', realName: false, callback: false, rectify: 'no' },
    ];
    const made: { number: string; phone: string }[] = [];
    for (const p of plan) {
      const x = await finished();
      made.push(x);
      if (p.channel === 'online') await anonymous(env.app).post('/api/v1/public/ratings', { number: x.number, phone: x.phone, level: p.level });
      else await clerk.post('/api/v1/ratings', { caseNumber: x.number, level: p.level, channel: p.channel, ...(p.realName ? { raterName: '孙评价', raterPhone: x.phone } : {}) });
    }
    let handler = await env.login('handler');
    const ledger = (await handler.get('/api/v1/ratings?bad=true&from=2026-09-01&to=2026-09-30')).json();
    const rcOf = (n: string) => ledger.find((x: { caseNumber: string }) => x.caseNumber === n)?.rectificationCaseId as string;
    for (const [i, p] of plan.entries()) if (p.callback) await act(handler, rcOf(made[i].number), 'callback', { contacted: true, method: '电话', findings: '已核实情况。' });
    for (const [i, p] of plan.entries()) if (p.rectify === 'on_time') await act(handler, rcOf(made[i].number), 'rectify', { measures: '整改措施已落实。', feedback: '已反馈。' });
    env.clock.set(new Date('2026-10-20T09:00:00+08:00')); // > 15 WD later
    handler = await env.login('handler');
    for (const [i, p] of plan.entries()) if (p.rectify === 'late') await act(handler, rcOf(made[i].number), 'rectify', { measures: '整改措施已落实。', feedback: '已反馈。' });
    const l = await env.login('leader');
    const q = '?from=2026-09-01&to=2026-09-30';
    const get = async (k: string, extra = '') => (await l.get(`/api/v1/metrics/ratings.${k}${q}${extra}`)).json();
    const bad = plan.filter((p) => p.level <= 2);
    expect((await get('count')).value).toBe(plan.length);
    const act_ = await get('active_rate');
    expect([act_.numerator, act_.denominator]).toEqual([plan.length, plan.length]);
    const sat = await get('satisfaction_rate');
    expect([sat.numerator, sat.denominator]).toEqual([plan.filter((p) => p.level >= 3).length, plan.length]);
    expect((await get('bad_count')).value).toBe(bad.length);
    const rr = await get('rectification_rate');
    expect([rr.numerator, rr.denominator]).toEqual([bad.filter((p) => p.rectify !== 'no').length, bad.length]);
    // 整改按时率: every 差评 whose 15-WD rectification period ended in September counts, rectified or not (issue 10):
    // the one never rectified lowers the rate like the one rectified late.
    const ot = await get('rectification_on_time_rate');
    expect([ot.numerator, ot.denominator]).toEqual([bad.filter((p) => p.rectify === 'on_time').length, bad.length]);
    const late = (await l.get(`/api/v1/metrics/ratings.rectification_on_time_rate/drilldown${q}&part=denominator&limit=50`)).json();
    expect(late.items.filter((i: { outcome: string }) => i.outcome === '逾期').map((i: { caseNumber: string }) => i.caseNumber).sort())
      .toEqual(plan.map((p, i) => ({ p, n: made[i].number })).filter((x) => x.p.level <= 2 && x.p.rectify !== 'on_time').map((x) => x.n).sort());
    const cbr = await get('realname_callback_rate');
    expect([cbr.numerator, cbr.denominator]).toEqual([bad.filter((p) => p.realName && p.callback).length, bad.filter((p) => p.realName).length]);
    const byChannel = await get('satisfaction_rate', '&groupBy=channel');
    const win = byChannel.groups.find((g: { key: string }) => g.key === '窗口评价器');
    expect([win.numerator, win.denominator]).toEqual([plan.filter((p) => p.channel === 'window' && p.level >= 3).length, plan.filter((p) => p.channel === 'window').length]);
    const rank = (await anonymous(env.app).get('/api/v1/public/ratings/ranking?from=2026-09-01&to=2026-09-30')).json();
    expect(rank.items[0]).toMatchObject({ rank: 1, n: plan.length, bad: bad.length });
  });
});
