/**
 * 行政执法 gates and clocks added for issue 15, failures first: 公示 through the publication service (7 WD, 118号; personal data
 * removed; late ones flagged), withdrawal within 3 WD when a decision is changed/revoked/declared illegal or void (Art. 48 ¶2),
 * the portal's 执法公示 search and page, 听证 notice 7 WD ahead and a chair who did not investigate (Art. 64), 集体讨论 (Art. 57),
 * 先行登记保存 (Art. 56), and 加处罚款 after the 15-day payment period (Art. 67, 72); an Idempotency-Key replay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { orgIds } from '../../../test/factories.ts';

let env: TestEnv;
let handler: Session; let leader: Session;
let power = '';

const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  s.post(`/api/v1/cases/${id}/actions`, { action, input }, headers);
/** Moves the clock to a day (sessions time out across days: log in again). */
async function at(iso: string) {
  env.clock.set(`${iso}T10:00:00+08:00`);
  handler = await env.login('handler');
  leader = await env.login('leader');
}
const NOTICE = { proposedPenalty: '罚款 150 元', fineAmount: 150, reasons: '销售超过保质期的食品', basis: '《中华人民共和国食品安全法》第一百二十四条',
  hearingRight: true };
const DECIDE = { outcome: '处罚', fineAmount: 150, penalty: '罚款 150 元，依据食品安全法第一百二十四条', remedies: '六十日内申请行政复议或六个月内提起行政诉讼' };

/** A case of an individual (张三丰, phone in the facts) investigated and notified on `day`. */
async function notified(day: string, notice: Record<string, unknown> = {}) {
  await at(day);
  const c = await handler.post('/api/v1/cases', { type: 'penalty_case', input: { powerId: power, field: '市场监管', partyKind: 'person',
    parties: { name: '张三丰' }, facts: '张三丰（电话 13812345678）在集贸市场销售超过保质期的食品 20 件。' } });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  expect((await act(handler, id, 'investigate', { officerCertNos: ['PUB-0001', 'PUB-0002'], record: '现场检查记录' })).statusCode).toBe(200);
  const n = await act(handler, id, 'notify', { ...NOTICE, ...notice });
  expect(n.statusCode, n.body).toBe(200);
  return id;
}
const clock = (r: { json(): { clocks: { key: string }[] } }, key: string) => r.json().clocks.find((k) => k.key === key) as Record<string, unknown>;

beforeAll(async () => {
  env = await createTestEnv();
  [handler, leader] = await Promise.all(['handler', 'leader'].map((u) => env.login(u)));
  const admin = await env.login('admin');
  const orgs = await orgIds(env);
  power = (await admin.get('/api/v1/powers/items?q=CF-001')).json().items[0].id;
  for (const no of ['PUB-0001', 'PUB-0002', 'PUB-0003']) {
    const r = await handler.post('/api/v1/enforcement/officers', { orgId: orgs.scjgj, certNo: no, name: '测试员', fields: ['市场监管'],
      issuedOn: '2025-01-01', expiresOn: '2028-12-31' });
    expect(r.statusCode, r.body).toBe(201);
  }
});
afterAll(async () => { await env.close(); });

describe('gates, failures first', () => {
  it('听证: notice at least 7 WD before (Art. 64 ¶2), a chair who did not investigate (Art. 64 ¶4), 笔录 signed, not before the day', async () => {
    const id = await notified('2026-06-15');
    expect((await act(handler, id, 'request_hearing')).statusCode).toBe(200);
    expect((await act(handler, id, 'hearing_held', { record: '当事人陈述意见', signed: true })).json().detail).toContain('尚未发出听证通知');
    const bad = await act(handler, id, 'schedule_hearing', { hearingOn: '2026-06-25', place: '听证室', chair: '王某', chairCertNo: 'PUB-0001' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { path: 'body.input.hearingOn', message: expect.stringContaining('须晚于 2026-06-25') }, // 7 WD from 06-15, 端午 06-19 skipped
      { path: 'body.input.chairCertNo', message: expect.stringContaining('非本案调查人员') },
    ]);
    expect((await act(handler, id, 'schedule_hearing', { hearingOn: '2026-06-26', place: '听证室', chair: '王某', chairCertNo: 'PUB-0003' })).statusCode)
      .toBe(200);
    expect((await act(handler, id, 'hearing_held', { record: '当事人陈述意见', signed: true })).json().detail).toContain('2026-06-26');
    await at('2026-06-26');
    expect((await act(handler, id, 'hearing_held', { record: '当事人陈述意见' })).json().errors[0].path).toBe('body.input.signed');
    expect((await act(handler, id, 'hearing_held', { record: '当事人陈述意见', signed: true })).json().state).toBe('notified');
  });

  it('法制审核: a first-time reviewer must hold 法律职业资格 (Art. 58 ¶2)', async () => {
    const orgs = await orgIds(env);
    const leaderId = String((await env.ownerSql(`select id from users where username = 'leader'`)).rows[0].id);
    const bad = await handler.post('/api/v1/enforcement/reviewers', { userId: 'x', orgId: orgs.scjgj, legalQualificationNo: '证' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.legalQualificationNo', 'body.qualifiedOn', 'body.userId']);
    expect((await handler.post('/api/v1/enforcement/reviewers', { userId: leaderId, orgId: orgs.scjgj, legalQualificationNo: null })).statusCode).toBe(201);
    const id = await notified('2026-06-15', { art58: '涉及重大公共利益' });
    expect((await act(handler, id, 'submit_review')).statusCode).toBe(200);
    const refused = await act(leader, id, 'review_pass', { opinion: '事实清楚，证据确凿' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('法律职业资格');
    expect((await handler.post('/api/v1/enforcement/reviewers', { userId: leaderId, orgId: orgs.scjgj, legalQualificationNo: 'A20160001234',
      qualifiedOn: '2016-12-01' })).statusCode).toBe(201);
    expect((await act(leader, id, 'review_pass', { opinion: '事实清楚，证据确凿' })).json().state).toBe('reviewed');
  });

  it('情节复杂或者重大: no decision before the 负责人集体讨论 (Art. 57 ¶2)', async () => {
    const id = await notified('2026-06-15', { major: true });
    const early = await act(handler, id, 'decide', { ...DECIDE, decisionNo: '示市监罚〔2026〕101号' });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('集体讨论');
    expect((await act(leader, id, 'discuss', { attendees: '局长、分管副局长、法制科长', conclusion: '同意按拟处罚意见作出决定' })).statusCode).toBe(200);
    expect((await act(handler, id, 'decide', { ...DECIDE, decisionNo: '示市监罚〔2026〕101号' })).json().state).toBe('decided');
  });

  it('先行登记保存: 负责人 named, a decision on it within 7 WD (Art. 56), none pending at the decision', async () => {
    await at('2026-06-15');
    const c = (await handler.post('/api/v1/cases', { type: 'penalty_case', input: { powerId: power, field: '市场监管', partyKind: 'organisation',
      parties: { name: '示范县某商行' }, facts: '销售超过保质期的食品。' } })).json();
    await act(handler, c.id, 'investigate', { officerCertNos: ['PUB-0001', 'PUB-0002'], record: '现场检查记录' });
    expect((await act(handler, c.id, 'preserve', { items: '涉案食品 20 件' })).json().errors[0].path).toBe('body.input.approver');
    const p = await act(handler, c.id, 'preserve', { approver: '局长 李某', items: '涉案食品 20 件' });
    expect(clock(p, 'preservation')).toMatchObject({ status: 'running', dueDate: '2026-06-25' });
    expect((await act(handler, c.id, 'preserve', { approver: '局长 李某', items: '其他' })).statusCode).toBe(409);
    await act(handler, c.id, 'notify', NOTICE);
    expect((await act(handler, c.id, 'decide', { ...DECIDE, decisionNo: '示市监罚〔2026〕102号' })).json().detail).toContain('先行登记保存');
    const done = await act(handler, c.id, 'preservation_decide', { measure: '予以没收' });
    expect(done.statusCode).toBe(409); // the case has moved on to 告知: the decision on the evidence is taken in 调查
    expect((await env.ownerSql(`select data->>'preservationPending' as p from cases where id = $1`, [c.id])).rows[0].p).toBe('true');
  });
});

describe('公示 and withdrawal', () => {
  it('the demo county shows its published decision, not the withdrawn one', async () => {
    const all = (await anonymous(env.app).get('/api/v1/public/enforcement/decisions')).json();
    const docNos = all.items.map((i: { docNo: string }) => i.docNo);
    expect(docNos).toContain('示市监罚〔2026〕21号');
    expect(docNos).not.toContain('示市监罚〔2026〕27号');
  });

  it('publishes within 7 WD with personal data removed; the portal finds it by a two-character word; late ones are flagged', async () => {
    const id = await notified('2026-06-15');
    expect((await act(handler, id, 'publish')).statusCode).toBe(409); // not decided
    const d = await act(handler, id, 'decide', { ...DECIDE, decisionNo: '示市监罚〔2026〕201号' });
    expect(clock(d, 'publication')).toMatchObject({ status: 'running', dueDate: '2026-06-25' });
    expect((await act(handler, id, 'withdraw_publication', { explanation: '测试' })).statusCode).toBe(409);
    const key = { 'idempotency-key': 'enf-publish-201' };
    const p1 = await act(handler, id, 'publish', {}, key);
    const p2 = await act(handler, id, 'publish', {}, key);
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p2.json().version).toBe(p1.json().version);
    const pub = anonymous(env.app);
    const list = (await pub.get(`/api/v1/public/enforcement/decisions?q=${encodeURIComponent('保质期 食品')}`)).json();
    expect(list.total).toBe(0); // the power's name, not the facts, is indexed: search by it
    const found = (await pub.get(`/api/v1/public/enforcement/decisions?q=${encodeURIComponent('食品')}`)).json();
    const item = found.items.find((i: { docNo: string }) => i.docNo === '示市监罚〔2026〕201号');
    expect(item).toBeTruthy();
    const page = (await pub.get(`/api/v1/public/enforcement/decisions/${item.id}`)).json();
    expect(JSON.stringify(page)).not.toContain('张三丰');
    expect(JSON.stringify(page)).not.toContain('13812345678');
    expect(page.summary).toContain('张**');
    const rows = (await env.ownerSql(`select late, publish_due::text as due from disclosure_items where source_ref = $1`, [id])).rows;
    expect(rows).toEqual([{ late: false, due: '2026-06-25' }]);

    const lateId = await notified('2026-06-15');
    await act(handler, lateId, 'decide', { ...DECIDE, decisionNo: '示市监罚〔2026〕202号' });
    await at('2026-06-29');
    expect((await act(handler, lateId, 'publish')).statusCode).toBe(200);
    expect((await env.ownerSql(`select late from disclosure_items where source_ref = $1`, [lateId])).rows[0].late).toBe(true);
    const rate = (await leader.get('/api/v1/metrics/enforcement.publication_on_time_rate?from=2026-06-01&to=2026-06-30')).json();
    // 201 on time; 202 late; the 集体讨论 case's 101 (decided 06-15) still unpublished past its due date: 1 of 3
    expect(rate.value).toBeCloseTo(33.33, 1);
  });

  it('a revoked decision is withdrawn within 3 WD (Art. 48 ¶2) and disappears from the portal; an unpublished one needs nothing', async () => {
    const id = await notified('2026-07-01');
    await act(handler, id, 'decide', { ...DECIDE, decisionNo: '示市监罚〔2026〕301号' });
    await act(handler, id, 'publish');
    const pub = anonymous(env.app);
    const item = (await pub.get(`/api/v1/public/enforcement/decisions?q=${encodeURIComponent('示市监罚〔2026〕301号')}`)).json().items[0];
    expect(item).toBeTruthy();
    const bad = await act(handler, id, 'revoke', { kind: '废止' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.instrument', 'body.input.kind', 'body.input.reason']);
    await at('2026-07-03');
    const r = await act(handler, id, 'revoke', { kind: '撤销', instrument: '示政复决字〔2026〕5号', reason: '行政复议决定撤销该处罚决定' });
    expect(r.json().state).toBe('revoked');
    expect(clock(r, 'withdrawal')).toMatchObject({ status: 'running', dueDate: '2026-07-08' }); // 3 WD from Friday 07-03
    expect((await pub.get(`/api/v1/public/enforcement/decisions/${item.id}`)).statusCode).toBe(200);
    const key = { 'idempotency-key': 'enf-withdraw-301' };
    const w1 = await act(handler, id, 'withdraw_publication', { explanation: '该决定已被行政复议决定撤销' }, key);
    const w2 = await act(handler, id, 'withdraw_publication', { explanation: '该决定已被行政复议决定撤销' }, key);
    expect(w1.statusCode, w1.body).toBe(200);
    expect(w2.json().version).toBe(w1.json().version);
    expect(clock(w1, 'withdrawal').status).toBe('stopped');
    expect((await pub.get(`/api/v1/public/enforcement/decisions/${item.id}`)).statusCode).toBe(404);
    expect((await pub.get(`/api/v1/public/enforcement/decisions?q=${encodeURIComponent('示市监罚〔2026〕301号')}`)).json().total).toBe(0);
    expect((await act(handler, id, 'withdraw_publication', { explanation: '再次撤回' })).statusCode).toBe(409);

    const unpublished = await notified('2026-07-03');
    await act(handler, unpublished, 'decide', { ...DECIDE, decisionNo: '示市监罚〔2026〕302号' });
    const r2 = await act(handler, unpublished, 'revoke', { kind: '变更', instrument: '示市监变〔2026〕1号', reason: '处罚金额计算错误，予以变更' });
    expect(r2.statusCode, r2.body).toBe(200);
    const c2 = (await handler.get(`/api/v1/cases/${unpublished}`)).json();
    expect(c2.clocks.find((k: { key: string }) => k.key === 'withdrawal').status).toBe('stopped');
    expect(c2.clocks.find((k: { key: string }) => k.key === 'publication').status).toBe('stopped');
    const m = await leader.get('/api/v1/metrics/enforcement.withdrawal_on_time_rate?from=2026-07-01&to=2026-07-31');
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json().value).toBe(100);
    expect((await leader.get('/api/v1/metrics/enforcement.withdrawal_on_time_rate/drilldown?from=2026-07-01&to=2026-07-31')).statusCode).toBe(200);
  });
});

describe('执行', () => {
  it('15 days to pay from 送达, then 加处罚款 3% a day capped at the fine (Art. 67, 72); paying less is refused', async () => {
    const id = await notified('2026-07-06');
    await act(handler, id, 'decide', { ...DECIDE, decisionNo: '示市监罚〔2026〕401号' });
    const d = await act(handler, id, 'deliver', { method: '直接送达' });
    expect(clock(d, 'payment')).toMatchObject({ status: 'running', dueDate: '2026-07-21' });
    await at('2026-07-26');
    const short = await act(handler, id, 'execute', { note: '当事人缴纳罚款', paidAmount: 150 });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({ path: 'body.input.paidAmount', message: expect.stringContaining('应缴 172.5 元') });
    expect((await act(handler, id, 'execute', { note: '当事人缴纳罚款及加处罚款', paidAmount: 172.5 })).json().state).toBe('executed');
    const data = (await env.ownerSql(`select data from cases where id = $1`, [id])).rows[0].data as Record<string, unknown>;
    expect(data).toMatchObject({ daysLate: 5, surcharge: 22.5 });
  });
});
