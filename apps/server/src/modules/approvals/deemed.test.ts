/**
 * 《行政许可法》第三十二条第一款第（四）项 (deemed acceptance) and 第四十二条第二款 (统一/联合/集中办理: 45 WD,
 * +15 WD by 本级人民政府负责人), through the HTTP API and the module's job. Dates come from /calendar/due.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@yifa/contracts';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { allJobs, runJob } from '../../platform/jobs/runner.ts';
import type { Job } from '../../platform/jobs/runner.ts';

let env: TestEnv;
let job: Job;
type Service = { id: string; code: string; powerId: string; orgId: string; materials: { name: string }[]; promisedDays: number; statutoryDays: number; jointMode: string | null };
let services: Service[];
const svc = (code: string) => services.find((s) => s.code === code)!;
type ClockV = { key: string; ruleKey: string; status: string; totalLength: number; dueDate: string; metDeadline: boolean | null };
const clockOf = (v: { clocks: ClockV[] }, key: string) => v.clocks.find((c) => c.key === key)!;
const applicant = { applicantName: '钱多多', applicantPhone: '13812345678', applicantKind: 'person' };

beforeAll(async () => {
  env = await createTestEnv();
  job = allJobs(env.ctx).find((j) => j.name === 'approvals-deemed-acceptance')!;
  services = (await (await env.login('dispatcher')).get('/api/v1/powers/services')).json();
});
afterAll(async () => { await env.close(); });

/** Set the clock and log in again (sessions idle out after 30 minutes). */
async function at(instant: string, who = 'dispatcher'): Promise<Session> {
  env.clock.set(new Date(instant));
  return env.login(who);
}
async function dueFrom(s: Session, from: string, amount: number): Promise<string> {
  const r = await s.get(`/api/v1/calendar/due?from=${from}&amount=${amount}&unit=workdays`);
  expect(r.statusCode).toBe(200);
  return r.json().due as string;
}
const open = async (s: Session, code: string) => {
  const r = await s.post('/api/v1/cases', { type: 'approval', input: { serviceId: svc(code).id, channel: 'window', ...applicant, materials: svc(code).materials.map((m) => m.name) } });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
};
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => s.post(`/api/v1/cases/${id}/actions`, { action, input });
const view = async (s: Session, id: string) => (await s.get(`/api/v1/cases/${id}`)).json();

describe('Art. 32: 五日内未一次告知补正，自收到申请材料之日起即为受理', () => {
  const received = '2026-06-15'; // a Monday; the 端午节 holiday (06-19..06-21) falls inside the 5 WD
  let intakeDue = '';
  let a = ''; // left alone: deemed by the job
  let b = ''; // 受理 by staff after the deadline
  let c = ''; // a 补正 round: the check restarts on the day the supplement arrives

  it('the demo seed shows a deemed acceptance and a running 联合办理 application', async () => {
    const r = await env.ownerSql(`select c.data->>'itemCode' as code, c.state from case_events e join cases c on c.id = e.case_id where e.action = 'deem_accept'`);
    expect(r.rows).toEqual([{ code: 'FW-009', state: 'reviewing' }]);
    const j = await env.ownerSql(`select c.state, k.rule_key from cases c join clocks k on k.case_id = c.id and k.key = 'decision' where c.data->>'itemCode' = 'FW-012'`);
    expect(j.rows).toEqual([{ state: 'reviewing', rule_key: 'approvals.decision.joint' }]);
  });

  it('the intake check ends on the 5th working day after receipt, skipping the holiday', async () => {
    const clerk = await at(`${received}T10:00:00+08:00`);
    intakeDue = await dueFrom(clerk, received, 5);
    expect(intakeDue).toBe('2026-06-23');
    a = await open(clerk, 'FW-002');
    b = await open(clerk, 'FW-004');
    c = await open(clerk, 'FW-001');
    expect(clockOf(await view(clerk, a), 'intake').dueDate).toBe(intakeDue);
    expect((await act(clerk, c, 'notify_correction', { items: ['经营场所平面图'] })).statusCode).toBe(200);
  });

  it('failures first: no user may record a deemed acceptance; on the last day of the check nothing is deemed', async () => {
    const clerk = await at(`${intakeDue}T18:00:00+08:00`);
    const v = await view(clerk, a);
    expect(v.abilities.actions.map((x: { name: string }) => x.name)).not.toContain('deem_accept');
    const user = await act(clerk, a, 'deem_accept');
    expect(user.statusCode).toBe(403);
    await runJob(env.ctx, job, env.clock.now());
    expect((await view(clerk, a)).state).toBe('received');
    const admin = await env.login('admin');
    expect((await act(admin, a, 'deem_accept')).statusCode).toBe(403);
  });

  it('after the deadline and before the job ran: 补正 and 不予受理 are refused (409, Art. 32), 受理 counts from the day of receipt', async () => {
    const clerk = await at(`${addDays(intakeDue, 1)}T09:00:00+08:00`);
    const corr = await act(clerk, a, 'notify_correction', { items: ['场所平面图'] });
    expect(corr.statusCode).toBe(409);
    expect(corr.json().detail).toContain('第三十二条');
    expect(corr.json().allowedActions.sort()).toEqual(['accept', 'withdraw']);
    const refuse = await act(clerk, a, 'refuse', { reason: '申请事项依法不属于本行政机关职权范围', note: '已告知向市级部门申请。' });
    expect(refuse.statusCode).toBe(409);

    const r = await act(clerk, b, 'accept', { note: '材料齐全' });
    expect(r.statusCode).toBe(200);
    const v = r.json();
    expect(v.state).toBe('reviewing');
    expect(v.data.deemedAcceptedOn).toBe(received);
    expect(clockOf(v, 'intake')).toMatchObject({ status: 'stopped', metDeadline: false });
    expect(clockOf(v, 'decision')).toMatchObject({ status: 'running', ruleKey: 'approvals.decision', dueDate: await dueFrom(clerk, received, svc('FW-004').statutoryDays) });
    expect(clockOf(v, 'promise').dueDate).toBe(await dueFrom(clerk, received, svc('FW-004').promisedDays));
    const last = v.timeline[v.timeline.length - 1];
    expect(last.input).toMatchObject({ deemedAcceptedOn: received, note: '材料齐全' });
    expect(last.input.deemed).toContain('第三十二条');
  });

  it('the job records the deemed acceptance from the day of receipt, citing Art. 32; a rerun changes nothing', async () => {
    const clerk = await at(`${addDays(intakeDue, 1)}T10:00:00+08:00`);
    const first = await runJob(env.ctx, job, env.clock.now());
    expect(first).toMatchObject({ failed: [] });
    expect(Number(first!.deemed)).toBeGreaterThanOrEqual(1);
    const v = await view(clerk, a);
    expect(v.state).toBe('reviewing');
    expect(v.data.deemedAcceptedOn).toBe(received);
    const last = v.timeline[v.timeline.length - 1];
    expect(last).toMatchObject({ action: 'deem_accept', label: '逾期未告知视为受理', public: true });
    expect(last.actorName).toContain('系统');
    expect(last.input.deemed).toContain('第三十二条');
    expect(clockOf(v, 'intake')).toMatchObject({ status: 'stopped', metDeadline: false });
    expect(clockOf(v, 'decision')).toMatchObject({ status: 'running', totalLength: svc('FW-002').statutoryDays, dueDate: await dueFrom(clerk, received, svc('FW-002').statutoryDays) });
    expect(clockOf(v, 'promise').dueDate).toBe(await dueFrom(clerk, received, svc('FW-002').promisedDays));
    // The case waiting for 补正 materials is not deemed: its check is paused.
    expect((await view(clerk, c)).state).toBe('correcting');

    const again = await runJob(env.ctx, job, env.clock.now());
    expect(again).toMatchObject({ candidates: 0, deemed: 0 });
    expect((await view(clerk, a)).version).toBe(v.version);

    const corr = await act(clerk, a, 'notify_correction', { items: ['场所平面图'] });
    expect(corr.statusCode).toBe(409);
    expect(corr.json().detail).toContain('第三十二条');
    expect(corr.json().allowedActions).not.toContain('notify_correction');
    expect(corr.json().allowedActions).toContain('site_inspection');
    const pub = await env.app.inject({ method: 'GET', url: `/api/v1/public/track/${v.number}?code=${v.trackingCode}` });
    expect(pub.json().timeline.map((t: { label: string }) => t.label)).toContain('逾期未告知视为受理');
  });

  it('after a 补正 round the day the supplement arrived is the day of receipt', async () => {
    const arrived = '2026-06-25';
    let clerk = await at(`${arrived}T10:00:00+08:00`);
    expect((await act(clerk, c, 'materials_submitted', { channel: 'online', materials: ['经营场所平面图'] })).statusCode).toBe(200);
    const due = await dueFrom(clerk, arrived, 5);
    clerk = await at(`${due}T17:00:00+08:00`);
    await runJob(env.ctx, job, env.clock.now());
    expect((await view(clerk, c)).state).toBe('received');
    clerk = await at(`${addDays(due, 1)}T09:00:00+08:00`);
    await runJob(env.ctx, job, env.clock.now());
    const v = await view(clerk, c);
    expect(v.state).toBe('reviewing');
    expect(v.data.deemedAcceptedOn).toBe(arrived);
    expect(clockOf(v, 'decision').dueDate).toBe(await dueFrom(clerk, arrived, svc('FW-001').statutoryDays));
  });
});

describe('Art. 42 ¶2: 统一、联合、集中办理 — 45 WD, +15 WD by 本级人民政府负责人', () => {
  let itemId = '';
  let caseId = '';
  const base = () => {
    const j = svc('FW-012');
    return { powerId: j.powerId, orgId: j.orgId, code: 'FW-JOINT-1', name: '餐饮店开办联合审批', promisedDays: 15, materials: [{ name: '联合审批申请表' }], baselineMaterials: 4 };
  };

  it('failures first: 21 WD without a joint mode, 46 WD with one and an unknown mode are refused, naming the field', async () => {
    const admin = await at('2026-07-01T09:00:00+08:00', 'admin');
    const plain = await admin.post('/api/v1/powers/services', { ...base(), statutoryDays: 21 });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.statutoryDays']);
    expect(plain.json().errors[0].message).toContain('第四十二条第一款');
    const tooLong = await admin.post('/api/v1/powers/services', { ...base(), statutoryDays: 46, jointMode: '联合办理' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.statutoryDays']);
    const mode = await admin.post('/api/v1/powers/services', { ...base(), statutoryDays: 45, jointMode: '一起办' });
    expect(mode.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.jointMode']);
  });

  it('45 WD with 联合办理 is accepted; the guide shows the mode and the limit', async () => {
    const admin = await env.login('admin');
    const ok = await admin.post('/api/v1/powers/services', { ...base(), statutoryDays: 45, jointMode: '联合办理' });
    expect(ok.statusCode).toBe(201);
    itemId = ok.json().id;
    const guide = (await env.app.inject({ method: 'GET', url: `/api/v1/public/services/${itemId}` })).json();
    expect(guide).toMatchObject({ statutoryDays: 45, jointMode: '联合办理' });
    services = (await admin.get('/api/v1/powers/services')).json();
  });

  it('受理 starts the 45-WD joint clock from the day of acceptance', async () => {
    const clerk = await env.login('dispatcher');
    caseId = await open(clerk, 'FW-JOINT-1');
    // A timely 受理 cannot be backdated: the field only the guard fills is dropped from user input.
    const r = await act(clerk, caseId, 'accept', { deemedAcceptedOn: '2026-06-01' });
    expect(r.statusCode).toBe(200);
    expect(r.json().data.deemedAcceptedOn).toBeUndefined();
    const d = clockOf(r.json(), 'decision');
    expect(d).toMatchObject({ ruleKey: 'approvals.decision.joint', totalLength: 45, dueDate: await dueFrom(clerk, '2026-07-01', 45) });
    expect(clockOf(r.json(), 'promise')).toMatchObject({ ruleKey: 'approvals.promise.joint', totalLength: 15 });
  });

  it('a department head may extend an ordinary item but not a joint one (403); the county leader up to 15 WD, 16 refused', async () => {
    const admin = await env.login('admin');
    const orgId = svc('FW-JOINT-1').orgId;
    // A new user: a password of their own (not the published demo one), changed after the first login (issue 10 #20).
    const u = await admin.post('/api/v1/users', {
      username: 'spj.head', displayName: '审批局长', orgId, password: 'Spj#Head2026x', grants: [{ role: 'leader', orgId, subtree: false }],
    });
    expect(u.statusCode).toBe(201);
    const head = await env.login('spj.head', 'Spj#Head2026x');
    expect((await head.post('/api/v1/auth/password', { currentPassword: 'Spj#Head2026x', newPassword: 'Spj#Head2026y' })).statusCode).toBe(204);
    const denied = await act(head, caseId, 'extend', { days: 5, reason: '联合踏勘需补充核实' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().detail).toContain('本级人民政府负责人');
    const clerk = await env.login('dispatcher');
    const ordinary = await open(clerk, 'FW-002');
    await act(clerk, ordinary, 'accept');
    expect((await act(head, ordinary, 'extend', { days: 5, reason: '需进一步核实' })).statusCode).toBe(200);

    const leader = await env.login('leader');
    const sixteen = await act(leader, caseId, 'extend', { days: 16, reason: '联合踏勘需补充核实' });
    expect(sixteen.statusCode).toBe(400);
    expect(sixteen.json().errors[0].path).toBe('body.input.days');
    expect((await act(leader, caseId, 'extend', { days: 10, reason: '联合踏勘需补充核实' })).statusCode).toBe(200);
    const over = await act(leader, caseId, 'extend', { days: 6, reason: '仍需核实' });
    expect(over.statusCode).toBe(400); // 10 + 6 > 15
    expect(over.json().errors[0].path).toBe('body.input.days');
    const fifteen = await act(leader, caseId, 'extend', { days: 5, reason: '仍需核实' });
    expect(fifteen.statusCode).toBe(200);
    expect(clockOf(fifteen.json(), 'decision')).toMatchObject({ totalLength: 60, dueDate: await dueFrom(leader, '2026-07-01', 60) });
  });
});
