import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';

/** The console's inbox (issue 11): unread count, read-all, and the staff alerts workflows declare (派单, 退单, 督办, 延期待审批). */
let env: TestEnv;
let dispatcher: Session; let handler: Session; let township: Session; let leader: Session;
let orgs: Record<string, string>;

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, handler, township, leader] = await Promise.all(['dispatcher', 'handler', 'township', 'leader'].map((u) => env.login(u)));
  const rows = (await env.ownerSql(`select code, id from orgs where region_code = '990101'`)).rows as { code: string; id: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r.id]));
});
afterAll(async () => { await env.close(); });

async function open(): Promise<{ id: string; number: string; orgId: string }> {
  const r = await dispatcher.post('/api/v1/cases', {
    type: 'hotline_ticket',
    input: { channel: 'phone', ticketType: '投诉', categoryCode: '01.02', description: '城关镇某超市标价与结账价格不一致，多收了十元。', townshipId: orgs.cgz,
      parties: { name: '王五', phone: '13912345678' } },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
async function act(s: Session, id: string, action: string, input: Record<string, unknown> = {}, key?: string) {
  const r = await s.post(`/api/v1/cases/${id}/actions`, { action, input }, key ? { 'idempotency-key': key } : {});
  expect(r.statusCode, r.body).toBe(200);
}
const unread = async (s: Session) => {
  const r = await s.get('/api/v1/notifications/unread-count');
  expect(r.statusCode, r.body).toBe(200);
  return r.json().unread as number;
};
const inbox = async (s: Session) => (await s.get('/api/v1/notifications?unread=true')).json() as { id: string; title: string; caseId: string | null }[];
/** A case's alerts in order: `to` is the unit (org id) or, for an alert to a role's holders, the user. */
const alertsOf = async (caseId: string) => (await env.ownerSql(`select coalesce(org_id, user_id) as to, title from notifications
  where case_id = $1 and dedupe_key like 'alert:%' order by split_part(dedupe_key, ':', 3)::int, 1`, [caseId])).rows as { to: string; title: string }[];
const userId = async (username: string) => (await env.ownerSql(`select id from users where username = $1`, [username])).rows[0].id as string;

describe('unread count and read-all: failures first', () => {
  it('401 without login', async () => {
    expect((await anonymous(env.app).get('/api/v1/notifications/unread-count')).statusCode).toBe(401);
    expect((await anonymous(env.app).post('/api/v1/notifications/read-all', {})).statusCode).toBe(401);
  });

  it('another unit\'s and another user\'s notices are neither counted, listed, read nor marked by read-all', async () => {
    const userId = (await env.ownerSql(`select id from users where username = 'dispatcher'`)).rows[0].id as string;
    await env.ownerSql(`insert into notifications (user_id, channel, title, body, created_at) values ($1, 'inapp', '给调度员本人', '私人', now())`, [userId]);
    await env.ownerSql(`insert into notifications (org_id, channel, title, body, created_at) values ($1, 'inapp', '给城关镇', '镇', now())`, [orgs.cgz]);
    const before = await unread(handler);
    expect((await inbox(handler)).some((n) => n.title === '给调度员本人' || n.title === '给城关镇')).toBe(false);
    const theirs = (await env.ownerSql(`select id from notifications where title = '给城关镇'`)).rows[0].id as string;
    expect((await handler.post(`/api/v1/notifications/${theirs}/read`, {})).statusCode).toBe(404);
    const all = await handler.post('/api/v1/notifications/read-all', {});
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().marked).toBe(before);
    expect(await unread(handler)).toBe(0);
    // still unread for their owners
    expect((await inbox(township)).some((n) => n.title === '给城关镇')).toBe(true);
    expect((await inbox(dispatcher)).some((n) => n.title === '给调度员本人')).toBe(true);
    const t = await unread(township);
    expect(t).toBeGreaterThan(0);
    await township.post('/api/v1/notifications/read-all', {});
    expect(await unread(township)).toBe(0);
  });
});

describe('staff alerts declared on acts (ActionDef.alert)', () => {
  it('派单 writes one notice for the lead unit only; a replay with the same Idempotency-Key writes none', async () => {
    await handler.post('/api/v1/notifications/read-all', {});
    await township.post('/api/v1/notifications/read-all', {});
    const c = await open();
    const key = `dispatch-${c.id}`;
    await act(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj, assistOrgIds: [orgs.cgz] }, key);
    await act(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj, assistOrgIds: [orgs.cgz] }, key);
    expect(await alertsOf(c.id)).toEqual([{ to: orgs.scjgj, title: `新派工单待签收 ${c.number}` }]);
    expect(await unread(handler)).toBe(1);
    expect(await unread(township)).toBe(0);
    const [n] = await inbox(handler);
    expect(n.caseId).toBe(c.id);
    expect((await handler.post(`/api/v1/notifications/${n.id}/read`, {})).statusCode).toBe(200);
    expect(await unread(handler)).toBe(0);
  });

  it('退单 notifies the centre that owns the ticket; 督办 the unit; 申请延期 the approvers', async () => {
    const c = await open();
    await act(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await act(handler, c.id, 'return', { reasonCode: '不属于本单位职责', note: '不属于本局职责范围。' });
    await act(dispatcher, c.id, 'redispatch', { leadOrgId: orgs.cgz, ruling: '属地管理，改派城关镇。' });
    await act(leader, c.id, 'supervise', { reason: '群众多次反映，请加快办理。' });
    await act(township, c.id, 'sign');
    await act(township, c.id, 'request_extension', { days: 2, reason: '需要联合执法核查。' });
    const owner = c.orgId;
    expect((await alertsOf(c.id)).map((a) => [a.to, a.title.split(' ')[0]])).toEqual([
      [orgs.scjgj, '新派工单待签收'], [owner, '退单待审核'], [orgs.cgz, '新派工单待签收'], [orgs.cgz, '督办'], [owner, '延期申请待审批'],
    ]);
  });
});

describe('a unit\'s notice is read by each member for themselves', () => {
  it('one clerk reading the unit\'s notice does not hide it from the other; read-all marks only the caller\'s', async () => {
    const admin = await env.login('admin');
    const r = await admin.post('/api/v1/users', { username: 'scjgj2', displayName: '钱承办', orgId: orgs.scjgj, password: 'Second-Clerk#2026',
      grants: [{ role: 'handler', orgId: orgs.scjgj }] });
    expect(r.statusCode, r.body).toBe(201);
    const second = await env.loginFirstTime('scjgj2', 'Second-Clerk#2026');
    await handler.post('/api/v1/notifications/read-all', {});
    await second.post('/api/v1/notifications/read-all', {});
    const c = await open();
    await act(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    expect(await unread(handler)).toBe(1);
    expect(await unread(second)).toBe(1);
    const [n] = await inbox(handler);
    expect((await handler.post(`/api/v1/notifications/${n.id}/read`, {})).statusCode).toBe(200);
    expect((await handler.post(`/api/v1/notifications/${n.id}/read`, {})).statusCode).toBe(200); // twice is harmless
    expect(await unread(handler)).toBe(0);
    expect(await unread(second)).toBe(1);
    const listed = (await second.get('/api/v1/notifications')).json() as { id: string; readAt: string | null }[];
    expect(listed.find((x) => x.id === n.id)!.readAt).toBeNull();
    expect((await handler.get('/api/v1/notifications')).json().find((x: { id: string }) => x.id === n.id).readAt).not.toBeNull();
    const all = await second.post('/api/v1/notifications/read-all', {});
    expect(all.json().marked).toBe(1);
    expect(await unread(second)).toBe(0);
    expect((await second.post('/api/v1/notifications/read-all', {})).json().marked).toBe(0);
  });
});

describe('alerts to the holders of a role (StaffAlert.role)', () => {
  it('a draft sent for 合法性审核 tells the justice bureau\'s reviewers, not the sender', async () => {
    const reviewer = await env.login('reviewer');
    const r = await handler.post('/api/v1/cases', { type: 'legality_review', input: { kind: '其他涉法事务', title: '关于某某事项的合法性审查',
      draftingOrgId: orgs.scjgj, summary: '请对该事项是否符合法律规定进行审查。' } });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json() as { id: string; number: string };
    expect(await alertsOf(c.id)).toEqual([{ to: await userId('reviewer'), title: `合法性审核待受理 ${c.number}` }]);
    expect((await inbox(reviewer)).some((n) => n.caseId === c.id)).toBe(true);
    expect((await inbox(handler)).some((n) => n.caseId === c.id)).toBe(false);
  });

  it('no one holds the role over the unit (no 法制审核 post at 市场监管局): the unit is told, so the alert is not lost', async () => {
    const admin = await env.login('admin');
    const off = await handler.post('/api/v1/enforcement/officers', { orgId: orgs.scjgj, certNo: 'INBOX-0001', name: '甲执法员', fields: ['市场监管'],
      issuedOn: '2025-01-01', expiresOn: '2028-12-31', trainingHours: 40 });
    const off2 = await handler.post('/api/v1/enforcement/officers', { orgId: orgs.scjgj, certNo: 'INBOX-0002', name: '乙执法员', fields: ['市场监管'],
      issuedOn: '2025-01-01', expiresOn: '2028-12-31', trainingHours: 40 });
    expect([off.statusCode, off2.statusCode], off.body).toEqual([201, 201]);
    const power = (await admin.get('/api/v1/powers/items?q=CF-001')).json().items[0].id as string;
    const o = await handler.post('/api/v1/cases', { type: 'penalty_case', input: { powerId: power, field: '市场监管', partyKind: 'organisation',
      parties: { name: '示范县某某食品有限公司' }, facts: '销售超过保质期的食品 20 件。' } });
    expect(o.statusCode, o.body).toBe(201);
    const c = o.json() as { id: string; number: string; orgId: string };
    await act(handler, c.id, 'investigate', { officerCertNos: ['INBOX-0001', 'INBOX-0002'], record: '现场检查记录' });
    await act(handler, c.id, 'notify', { proposedPenalty: '罚款 8000 元', fineAmount: 8000, reasons: '销售超过保质期的食品',
      basis: '《中华人民共和国食品安全法》第一百二十四条', hearingRight: true, art58: '涉及重大公共利益' });
    await act(handler, c.id, 'submit_review');
    expect((await alertsOf(c.id)).at(-1)).toEqual({ to: c.orgId, title: `案件待法制审核 ${c.number}` });
  });
});

describe('the unit\'s own 12345 queues (view=to_sign, view=handling)', () => {
  it('a bad view is 400; a handler sees only tickets their unit leads; the dispatcher\'s own queue is empty', async () => {
    expect((await handler.get('/api/v1/hotline/tickets?view=mine')).statusCode).toBe(400);
    const mineToSign = await open();
    const other = await open();
    await act(dispatcher, mineToSign.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await act(dispatcher, other.id, 'dispatch', { leadOrgId: orgs.cgz, assistOrgIds: [orgs.scjgj] });
    const ids = async (s: Session, view: string) =>
      ((await s.get(`/api/v1/hotline/tickets?view=${view}&limit=500`)).json().items as { id: string }[]).map((i) => i.id);
    const toSign = await ids(handler, 'to_sign');
    expect(toSign).toContain(mineToSign.id);
    expect(toSign).not.toContain(other.id);
    expect(await ids(township, 'to_sign')).toContain(other.id);
    expect(await ids(dispatcher, 'to_sign')).toEqual([]);
    await act(handler, mineToSign.id, 'sign');
    expect(await ids(handler, 'to_sign')).not.toContain(mineToSign.id);
    expect(await ids(handler, 'handling')).toContain(mineToSign.id);
  });
});

describe('approvals waiting', () => {
  it('受理 of a licence application tells the agency\'s approvers (each, not the whole unit) a decision waits', async () => {
    const approver = await env.login('approver');
    const services = (await dispatcher.get('/api/v1/powers/services')).json() as { id: string; code: string; materials: { name: string }[] }[];
    const svc = services.find((s) => s.code === 'FW-001')!;
    const r = await dispatcher.post('/api/v1/cases', { type: 'approval', input: {
      serviceId: svc.id, channel: 'window', applicantName: '钱多多', applicantPhone: '13812345678', applicantKind: 'person',
      materials: svc.materials.map((m) => m.name) } });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json() as { id: string; number: string; orgId: string };
    expect(await alertsOf(c.id)).toEqual([]);
    await act(dispatcher, c.id, 'accept');
    expect(await alertsOf(c.id)).toEqual([{ to: await userId('approver'), title: `许可申请待审查决定 ${c.number}` }]);
    expect((await inbox(approver)).some((n) => n.caseId === c.id)).toBe(true);
    // the dispatcher who accepted it, and anyone else in the building without the role, is not told
    expect((await inbox(dispatcher)).some((n) => n.caseId === c.id)).toBe(false);
  });
});
