/** County settings (hotline_settings), 退单 after 签收 within 24 h of dispatch, and 终止办理. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { HOTLINE_DEFAULTS } from './workflow.ts';

let env: TestEnv;
let dispatcher: Session; let handler: Session; let leader: Session; let township: Session; let admin: Session; let supervisor: Session;
let orgs: Record<string, string>;

async function loginAll() {
  [dispatcher, handler, leader, township, admin, supervisor] = await Promise.all(['dispatcher', 'handler', 'leader', 'township', 'admin', 'supervisor'].map((u) => env.login(u)));
}
beforeAll(async () => {
  env = await createTestEnv();
  const rows = (await env.ownerSql(`select code, id from orgs where region_code = '990101'`)).rows as { code: string; id: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r.id]));
  // the demo supervisor (司法局) also supervises the 12345 centre's tickets here
  await env.ownerSql(`insert into role_grants (user_id, role, org_id, subtree) select id, 'supervisor', $1, true from users where username = 'supervisor'`, [orgs.zwfwj]);
  await loginAll();
});
afterAll(async () => { await env.close(); });

async function open(over: Record<string, unknown> = {}) {
  const r = await dispatcher.post('/api/v1/cases', {
    type: 'hotline_ticket',
    input: { channel: 'phone', ticketType: '投诉', categoryCode: '01.02', description: '城关镇某超市标价与结账价格不一致，多收了十元。', townshipId: orgs.cgz, parties: { name: '王五', phone: '13912345678' }, ...over },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => s.post(`/api/v1/cases/${id}/actions`, { action, input });
async function ok(s: Session, id: string, action: string, input: Record<string, unknown> = {}) {
  const r = await act(s, id, action, input);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
const ticket = async (id: string) => (await env.ownerSql('select * from hotline_tickets where case_id = $1', [id])).rows[0] as Record<string, unknown>;
const clockRows = async (id: string) => (await env.ownerSql('select key, status from clocks where case_id = $1 order by key', [id])).rows as { key: string; status: string }[];
const reply = { result: '已解释说明', content: '已向诉求人解释价格构成，不属于价格违法。', contactMethod: '电话' };
const RET = { reasonCode: '不属于本单位职责', note: '该事项属乡镇管辖，建议改派城关镇。' };

describe('退单 after 签收 (安阳 Art. 50: 24 h from dispatch, unit has not replied)', () => {
  it('409 after 24 h from dispatch even if signed early, with the actions the unit still has', async () => {
    const c = await open();
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await ok(handler, c.id, 'sign');
    env.clock.advance(25 * 3_600_000);
    await loginAll();
    const r = await act(handler, c.id, 'return', RET);
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('24小时');
    expect(r.json().allowedActions).toEqual(['reply', 'request_extension']);
    expect((await ticket(c.id)).state).toBe('handling');
  });

  it('409 once the unit has replied (after 重办 the ticket is back in 办理中 but the unit answered already)', async () => {
    const c = await open();
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await ok(handler, c.id, 'sign');
    await ok(handler, c.id, 'reply', reply);
    expect((await act(handler, c.id, 'return', RET)).statusCode).toBe(409); // 已答复: not an allowed action at all
    await ok(handler, c.id, 'feedback', { summary: '已向诉求人解释。' });
    await ok(dispatcher, c.id, 'callback', { reached: true, satisfaction: '不满意', resolved: false });
    await ok(dispatcher, c.id, 'redo', { reason: '诉求人认为未解决，重新核查。' });
    const r = await act(handler, c.id, 'return', RET);
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('已答复');
  });

  it('400 names every bad field; 403 for the 协办 unit; then the 主办 unit returns a signed ticket and the dispatcher rules', async () => {
    const c = await open();
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj, assistOrgIds: [orgs.cgz] });
    await ok(handler, c.id, 'sign');
    const bad = await act(handler, c.id, 'return', { reasonCode: '不想办', note: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.note', 'body.input.reasonCode']);
    expect((await act(township, c.id, 'return', RET)).statusCode).toBe(403);
    env.clock.advance(20 * 3_600_000);
    await loginAll();
    const r = await ok(handler, c.id, 'return', RET);
    expect(r.state).toBe('returned');
    const list = await dispatcher.get('/api/v1/hotline/tickets?view=returns');
    expect(list.json().items.map((i: { number: string }) => i.number)).toContain(c.number);
    // the dispatcher's ruling still decides: 驳回 sends it back to the unit, which signs again
    await ok(dispatcher, c.id, 'reject_return', { ruling: '价格标示属市场监管职责，请继续办理。' });
    await ok(handler, c.id, 'sign');
    await ok(handler, c.id, 'reply', reply);
    expect(await ticket(c.id)).toMatchObject({ return_count: 1, state: 'replied' });
  });
});

describe('终止办理 (潍坊 Art. 21)', () => {
  it('401, 400 every field, 403/404 for other roles, 409 on a closed ticket', async () => {
    const c = await open();
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    expect((await act(anonymous(env.app), c.id, 'terminate', { reasonCode: '其他', note: '诉求人撤回。' })).statusCode).toBe(401);
    const bad = await act(dispatcher, c.id, 'terminate', { reasonCode: '不想办', note: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.note', 'body.input.reasonCode']);
    expect((await act(handler, c.id, 'terminate', { reasonCode: '其他', note: '不想办理此事。' })).statusCode).toBe(403);
    const x = await open();
    await ok(dispatcher, x.id, 'instant_answer', { answer: '已告知诉求人办理渠道。' });
    const closed = await act(dispatcher, x.id, 'terminate', { reasonCode: '诉求人撤回诉求', note: '诉求人来电撤回。' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().allowedActions).toEqual([]);
  });

  it('a supervisor ends a ticket in 办理中: every clock stops, the case is closed, the public sees the reason, replay is idempotent', async () => {
    const c = await open();
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await ok(handler, c.id, 'sign');
    expect((await clockRows(c.id)).filter((k) => k.status !== 'stopped').map((k) => k.key).sort()).toEqual(['citizen', 'unit']);
    const h = { 'idempotency-key': 'hotline-terminate-0001' };
    const body = { action: 'terminate', input: { reasonCode: '属于诉讼仲裁复议等法定途径', note: '诉求人已就同一事项提起诉讼，依法告知。' } };
    const a = await supervisor.post(`/api/v1/cases/${c.id}/actions`, body, h);
    expect(a.statusCode, a.body).toBe(200);
    const b = await supervisor.post(`/api/v1/cases/${c.id}/actions`, body, h);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(a.json()).toMatchObject({ state: 'terminated' });
    expect(a.json().closedAt).toBeTruthy();
    expect((await clockRows(c.id)).every((k) => k.status === 'stopped')).toBe(true);
    const t = await ticket(c.id);
    expect(t).toMatchObject({ state: 'terminated', replied_at: null, replied_in_time: null });
    expect(t.closed_at).toBeTruthy();
    const u = (await env.ownerSql('select status, description from hotline_updates where case_id = $1 order by id desc limit 1', [c.id])).rows[0] as { status: string; description: string };
    expect(u).toEqual({ status: 'CLOSED', description: '终止办理：属于诉讼仲裁复议等法定途径' });
    const after = await act(handler, c.id, 'reply', reply);
    expect(after.statusCode).toBe(409);
    expect(after.json().allowedActions).toEqual([]);
  });

  it('metrics: a terminated ticket counts in 受理量 and 终止办理量, not in 办结率; an answer given in time before 终止办理 stays on time', async () => {
    const q = 'from=2026-06-01&to=2026-12-31';
    const m = async (key: string) => { const r = await leader.get(`/api/v1/metrics/hotline.${key}?${q}`); expect(r.statusCode, r.body).toBe(200); return r.json(); };
    const before = { intake: await m('intake'), term: await m('terminated'), onTime: await m('on_time_rate'), done: await m('completion_rate') };
    const c = await open();
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await ok(handler, c.id, 'sign');
    await ok(handler, c.id, 'reply', reply);
    const mid = await m('on_time_rate');
    expect([mid.numerator, mid.denominator]).toEqual([(before.onTime.numerator ?? 0) + 1, (before.onTime.denominator ?? 0) + 1]);
    await ok(dispatcher, c.id, 'terminate', { reasonCode: '诉求人无法联系且无法办理', note: '多次联系不上诉求人，无法回访核实。' });
    expect((await m('intake')).value).toBe(before.intake.value + 1);
    expect((await m('terminated')).value).toBe(before.term.value + 1);
    // the citizen clock was met by the answer (the act it waited for); ending the ticket afterwards does not undo it
    expect([(await m('on_time_rate')).numerator, (await m('on_time_rate')).denominator]).toEqual([mid.numerator, mid.denominator]);
    expect((await m('completion_rate')).denominator ?? 0).toBe(before.done.denominator ?? 0);
    // ended before anyone answered, before its deadline: neither on time nor late
    const x = await open();
    await ok(dispatcher, x.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await ok(dispatcher, x.id, 'terminate', { reasonCode: '诉求人撤回诉求', note: '诉求人来电撤回诉求。' });
    expect((await m('on_time_rate')).denominator).toBe(mid.denominator);
  });
});

describe('county settings (the spine settings facility, module hotline)', () => {
  const URL = '/api/v1/settings/hotline';
  it('401, 403 for non-admins, 400 names every bad field; defaults are the documented local defaults', async () => {
    expect((await anonymous(env.app).get(URL)).statusCode).toBe(401);
    expect((await dispatcher.get(URL)).statusCode).toBe(403);
    expect((await leader.put(URL, { values: { ...HOTLINE_DEFAULTS } })).statusCode).toBe(403);
    const bad = await admin.put(URL, { values: { maxRedo: -1, duplicateDays: 0, extensionApprover: 'handler' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.values.duplicateDays', 'body.values.extensionApprover', 'body.values.maxRedo']);
    const big = await admin.put(URL, { values: { maxRedo: 9, duplicateDays: 1.5 } });
    expect(big.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.values.duplicateDays', 'body.values.extensionApprover', 'body.values.maxRedo']);
    const g = await admin.get(URL);
    expect(g.statusCode).toBe(200);
    expect(g.json()).toMatchObject({ regionCode: '990101', values: { maxRedo: 1, duplicateDays: 30, extensionApprover: 'leader' }, source: 'default', version: 0, history: [] });
    expect(g.json().sources.maxRedo).toContain('济南');
    expect(Object.keys(g.json().schema.properties)).toEqual(['maxRedo', 'duplicateDays', 'extensionApprover']);
  });

  it('admin saves (audited, versioned, 409 on a stale version) and the workflow follows: approver, 重办 limit, 并单 look-back', async () => {
    const s = await admin.put(URL, { values: { maxRedo: 0, duplicateDays: 7, extensionApprover: 'supervisor' }, version: 0, reason: '县热线办通知' });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ values: { maxRedo: 0, duplicateDays: 7, extensionApprover: 'supervisor' }, source: 'county', version: 1 });
    const stale = await admin.put(URL, { values: { maxRedo: 2, duplicateDays: 7, extensionApprover: 'supervisor' }, version: 0 });
    expect(stale.statusCode).toBe(409);
    const audit = (await env.ownerSql(`select detail from audit_log where action = 'settings.save' and target_id = 'hotline'`)).rows as { detail: { before: { maxRedo: number }; after: { maxRedo: number } } }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ before: { maxRedo: 1, extensionApprover: 'leader' }, after: { maxRedo: 0, extensionApprover: 'supervisor' } });
    // 延期 now approved by the supervisor, the leader is refused
    const c = await open();
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await ok(handler, c.id, 'sign');
    await ok(handler, c.id, 'request_extension', { days: 2, reason: '需要调取销售记录。' });
    const no = await act(leader, c.id, 'approve_extension', { days: 2, reason: '同意' });
    expect(no.statusCode).toBe(403);
    expect(no.json().detail).toContain('热线设置');
    await ok(supervisor, c.id, 'approve_extension', { days: 2, reason: '同意延期2个工作日' });
    // no 重办 at all (maxRedo 0): a negative callback is closed with a reason
    await ok(handler, c.id, 'reply', reply);
    await ok(handler, c.id, 'feedback', { summary: '已向诉求人解释说明。' });
    await ok(dispatcher, c.id, 'callback', { reached: true, satisfaction: '不满意', resolved: false });
    const redo = await act(dispatcher, c.id, 'redo', { reason: '诉求人不满意，重新核查。' });
    expect(redo.statusCode).toBe(409);
    expect(redo.json().detail).toContain('0 次');
    await ok(dispatcher, c.id, 'close', {});
    // 并单 look-back follows the county's days
    const d = await dispatcher.post('/api/v1/hotline/duplicates', { description: '城关镇某超市标价与结账价格不一致，多收了十元。' });
    expect(d.json()[0].reason).toContain('近7日');
    // back to the defaults; both versions stay in the history
    const back = await admin.put(URL, { values: { ...HOTLINE_DEFAULTS }, version: 1 });
    expect(back.json()).toMatchObject({ values: HOTLINE_DEFAULTS, version: 2 });
    expect((await admin.get(URL)).json().history.map((h: { version: number; reason: string | null }) => [h.version, h.reason])).toEqual([[2, null], [1, '县热线办通知']]);
  });
});
