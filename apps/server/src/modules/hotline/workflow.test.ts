import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { projectTicketInTrx } from './ticket.ts';

let env: TestEnv;
let dispatcher: Session; let handler: Session; let leader: Session; let township: Session; let admin: Session;
let orgs: Record<string, string>;

async function loginAll() {
  [dispatcher, handler, leader, township, admin] = await Promise.all(['dispatcher', 'handler', 'leader', 'township', 'admin'].map((u) => env.login(u)));
}
beforeAll(async () => {
  env = await createTestEnv();
  await loginAll();
  const rows = (await env.ownerSql(`select code, id from orgs where region_code = '990101'`)).rows as { code: string; id: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r.id]));
});
afterAll(async () => { await env.close(); });

const intake = (over: Record<string, unknown> = {}) => ({
  type: 'hotline_ticket',
  input: { channel: 'phone', ticketType: '投诉', categoryCode: '01.02', description: '城关镇某超市标价与结账价格不一致，多收了十元。', townshipId: orgs.cgz, parties: { name: '王五', phone: '13912345678' }, ...over },
});
async function open(over: Record<string, unknown> = {}) {
  const r = await dispatcher.post('/api/v1/cases', intake(over));
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
const clocks = async (id: string) => Object.fromEntries(((await env.ownerSql('select key, status, rule_key, due_at, met_deadline, entries from clocks where case_id = $1', [id])).rows as { key: string }[]).map((r) => [r.key, r])) as unknown as Record<string, { status: string; rule_key: string; due_at: Date; met_deadline: boolean | null; entries: { kind: string }[] }>;

describe('intake: failures first', () => {
  it('401 without login; 400 names every bad field, including the 派单目录 required facts', async () => {
    expect((await anonymous(env.app).post('/api/v1/cases', intake())).statusCode).toBe(401);
    const r = await dispatcher.post('/api/v1/cases', { type: 'hotline_ticket', input: { ticketType: '抱怨', categoryCode: '', description: '短', parties: { phone: '123' }, lat: 30 } });
    expect(r.statusCode).toBe(400);
    const paths = r.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.input.categoryCode', 'body.input.description', 'body.input.parties.phone', 'body.input.ticketType']);
    // cross-field rules: coordinates come in pairs; a named caller leaves a phone
    const pair = await dispatcher.post('/api/v1/cases', intake({ lat: 30, parties: {} }));
    expect(pair.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.long', 'body.input.parties.phone']);
    const f = await dispatcher.post('/api/v1/cases', intake({ categoryCode: '01.01', attributes: {} }));
    expect(f.statusCode).toBe(400);
    expect(f.json().errors).toEqual([{ path: 'body.input.attributes.shop', message: '请填写商户名称' }]);
    const unknown = await dispatcher.post('/api/v1/cases', intake({ categoryCode: '01', townshipId: orgs.scjgj }));
    expect(unknown.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.categoryCode', 'body.input.townshipId']);
    const list = await dispatcher.post('/api/v1/cases', intake({ categoryCode: '03.01', attributes: { source: 'aliens' } }));
    expect(list.json().errors[0].path).toBe('body.input.attributes.source');
  });

  it('403 for roles that may not take calls; staff cannot fake the Open311 channel', async () => {
    expect((await handler.post('/api/v1/cases', intake())).statusCode).toBe(403);
    expect((await leader.post('/api/v1/cases', intake())).statusCode).toBe(403);
    const r = await dispatcher.post('/api/v1/cases', intake({ channel: 'open311' }));
    expect(r.json().errors[0].path).toBe('body.input.channel');
  });

  it('a call opens a ticket: number, 5-WD citizen clock and 24-h dispatch clock, personal data encrypted and masked', async () => {
    const c = await open();
    expect(c.number).toMatch(/^RX-2026-\d{6}$/);
    expect(c.state).toBe('registered');
    const k = await clocks(c.id);
    expect(k.citizen.rule_key).toBe('hotline.citizen');
    expect(k.dispatch.rule_key).toBe('hotline.dispatch.normal');
    // 2026-06-15 (Mon) + 5 working days, 06-19 is 端午节 (国办发明电〔2025〕7号) → Tue 06-23.
    expect(new Date(k.citizen.due_at).toISOString()).toBe('2026-06-23T15:59:59.999Z');
    expect(JSON.stringify(c)).not.toContain('13912345678');
    expect(c.parties[0].phoneMasked ?? c.parties[0].phone).toMatch(/139\*{4}5678/);
    const stored = await env.ownerSql('select input::text from case_events where case_id = $1', [c.id]);
    expect(JSON.stringify(stored.rows)).not.toContain('13912345678');
    const t = await ticket(c.id);
    expect(t.line).toBe('hotline');
    expect(t.phone_index).toBeTruthy();
    // a complex category gets 15 WD; an urgent ticket a 1-hour dispatch limit
    const x = await open({ categoryCode: '02.03', urgency: 'urgent', description: '城关镇某小区顶楼业主私自加盖一层。' });
    const kx = await clocks(x.id);
    expect(kx.citizen.rule_key).toBe('hotline.citizen.complex');
    expect(kx.dispatch.rule_key).toBe('hotline.dispatch.urgent');
  });

  it('举报 makes the reporter confidential; the 书记县长信箱 is its own line', async () => {
    const c = await open({ ticketType: '举报', categoryCode: '01.01', attributes: { shop: '某作坊' } });
    const p = await env.ownerSql('select role, confidential from case_parties where case_id = $1', [c.id]);
    expect(p.rows[0]).toMatchObject({ role: '举报人', confidential: true });
    const m = await open({ channel: 'mailbox', ticketType: '建议', categoryCode: '05.01', description: '建议在城东新建一所幼儿园，缓解入园难。' });
    expect((await ticket(m.id)).line).toBe('mailbox');
  });

  it('a new ticket\'s row, written from what the engine holds, is the row its projection reads back from the case', async () => {
    const ids = [
      (await open()).id, (await open({ urgency: 'urgent', anonymous: true, parties: {} })).id,
      (await open({ ticketType: '举报', categoryCode: '01.01', attributes: { shop: '某作坊' }, parties: { name: '赵六', phone: '13812345678' } })).id,
      (await open({ channel: 'mailbox', ticketType: '建议', categoryCode: '05.01', description: '建议在城东新建一所幼儿园，缓解入园难。' })).id,
    ];
    const portal = (await anonymous(env.app).post('/api/v1/public/cases', intake({ parties: { phone: '13712345678' } }))).json().number as string;
    ids.push((await env.ownerSql('select id from cases where number = $1', [portal])).rows[0].id as string);
    // …and it has one mark for the rollups, with no state before (a re-projection adds none), and the Open311 update
    // '已受理' was written once, with it
    const marks = async (id: string) => (await env.ownerSql('select old from hotline_rollup_dirty where case_id = $1', [id])).rows;
    for (const id of ids) {
      const written = await ticket(id);
      expect(await marks(id), id).toEqual([{ old: null }]);
      await env.ctx.db.transaction().execute((trx) => projectTicketInTrx(env.ctx, trx, id));
      expect(await ticket(id), id).toEqual(written);
      expect(await marks(id), id).toEqual([{ old: null }]);
      expect((await env.ownerSql('select status, description from hotline_updates where case_id = $1', [id])).rows)
        .toEqual([{ status: 'OPEN', description: '已受理' }]);
    }
  });

  it('portal submission (public) returns the number and the due date at once; the channel is forced to web', async () => {
    const r = await anonymous(env.app).post('/api/v1/public/cases', intake({ channel: 'phone' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().number).toMatch(/^RX-/);
    expect(r.json().clocks.find((k: { label: string }) => k.label.startsWith('诉求办理时限')).dueDate).toBe('2026-06-23');
    expect(JSON.stringify(r.json())).not.toContain('13912345678');
    const row = (await env.ownerSql('select channel from hotline_tickets where number = $1', [r.json().number])).rows[0];
    expect(row.channel).toBe('web');
  });
});

describe('transitions', () => {
  it('即时答复 closes a 咨询 at once and counts as answered in time', async () => {
    const c = await open({ ticketType: '咨询', categoryCode: '04.02', description: '咨询养老保险缴费时间和方式。' });
    const v = await ok(dispatcher, c.id, 'instant_answer', { answer: '每年1月至12月均可缴纳，可通过税务APP办理。' });
    expect(v.state).toBe('closed');
    const t = await ticket(c.id);
    expect(t).toMatchObject({ instant: true, replied_in_time: true });
    expect((await act(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj })).statusCode).toBe(409);
  });

  it('派单 → 签收 → 答复 → 反馈 → 回访 → 办结; only the 主办 unit signs and replies; 409 lists allowed actions', async () => {
    const c = await open();
    const bad = await act(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj, assistOrgIds: [orgs.scjgj] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.input.assistOrgIds');
    expect((await act(handler, c.id, 'dispatch', { leadOrgId: orgs.scjgj })).statusCode).toBe(404);
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj, assistOrgIds: [orgs.cgz] });
    // 协办 (城关镇) sees it but may not sign for the 主办
    expect((await township.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(200);
    const ts = await act(township, c.id, 'sign');
    expect(ts.statusCode).toBe(403);
    expect(ts.json().detail).toContain('主办单位');
    const early = await act(handler, c.id, 'reply', { result: '已解决', content: '已经处理完毕并告知。', contactMethod: '电话' });
    expect(early.statusCode).toBe(409);
    expect(early.json().allowedActions).toEqual(expect.arrayContaining(['sign', 'return']));
    env.clock.advance(2 * 3_600_000);
    await loginAll();
    await ok(handler, c.id, 'sign');
    const badReply = await act(handler, c.id, 'reply', { result: '好', content: '短', contactMethod: '飞鸽' });
    expect(badReply.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.contactMethod', 'body.input.content', 'body.input.result']);
    await ok(handler, c.id, 'reply', { result: '已解决', content: '经查超市价签未及时更新，已责令整改并退还差价。', contactMethod: '电话' });
    await ok(handler, c.id, 'feedback', { summary: '已答复诉求人，超市已整改。' });
    const cbBad = await act(dispatcher, c.id, 'callback', { reached: true });
    expect(cbBad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.resolved', 'body.input.satisfaction']);
    await ok(dispatcher, c.id, 'callback', { reached: true, satisfaction: '满意', resolved: true });
    expect((await act(dispatcher, c.id, 'redo', { reason: '诉求人满意但仍要求重办' })).statusCode).toBe(409);
    const v = await ok(dispatcher, c.id, 'close');
    expect(v.state).toBe('closed');
    const t = await ticket(c.id);
    expect(t).toMatchObject({ signed_in_time: true, replied_in_time: true, satisfaction: '满意', resolved: true, callback_reached: true, state: 'closed' });
    const k = await clocks(c.id);
    expect(k.citizen.status).toBe('stopped');
    expect(k.unit.status).toBe('stopped');
    expect(k.sign.status).toBe('stopped');
  });

  it('退单 within 24 h; dispatcher rules: 改派 (new unit gets its own clock, citizen clock never stops) or 驳回退单', async () => {
    const c = await open();
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    const bad = await act(handler, c.id, 'return', { reasonCode: '不想办', note: '' });
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.note', 'body.input.reasonCode']);
    env.clock.advance(3 * 3_600_000);
    await loginAll();
    const before = await clocks(c.id);
    await ok(handler, c.id, 'return', { reasonCode: '不属于本单位职责', note: '该事项属乡镇管辖，建议改派城关镇。', suggestedOrgId: orgs.cgz });
    const list = await dispatcher.get('/api/v1/hotline/tickets?view=returns');
    expect(list.json().items.map((i: { number: string }) => i.number)).toContain(c.number);
    expect((await act(dispatcher, c.id, 'redispatch', { leadOrgId: orgs.cgz })).json().errors[0].path).toBe('body.input.ruling');
    await ok(dispatcher, c.id, 'redispatch', { leadOrgId: orgs.cgz, ruling: '同意退单，改派城关镇。' });
    const after = await clocks(c.id);
    expect(after.citizen.entries.length).toBe(before.citizen.entries.length);
    expect(new Date(after.citizen.due_at).getTime()).toBe(new Date(before.citizen.due_at).getTime());
    expect(after.unit.entries.map((e) => e.kind)).toEqual(['start', 'restart']);
    // the market bureau no longer holds it
    expect((await handler.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    // township returns too, dispatcher rejects the return: the unit must handle it
    await ok(township, c.id, 'return', { reasonCode: '职责交叉需协调', note: '涉及市场监管执法，乡镇无执法权。' });
    await ok(dispatcher, c.id, 'reject_return', { ruling: '价格标示属乡镇市场巡查职责，先行处理，必要时联合执法。' });
    await ok(township, c.id, 'sign');
    const t = await ticket(c.id);
    expect(t.return_count).toBe(2);
    // a return after 24 h is refused
    const late = await open();
    await ok(dispatcher, late.id, 'dispatch', { leadOrgId: orgs.scjgj });
    env.clock.advance(25 * 3_600_000);
    await loginAll();
    const r = await act(handler, late.id, 'return', { reasonCode: '不属于本单位职责', note: '不属于市场监管职责。' });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('24小时');
  });

  it('延期: requested by the unit, approved by the leader, bounded by +5 WD; 不予延期 leaves the date', async () => {
    const c = await open();
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await ok(handler, c.id, 'sign');
    await ok(handler, c.id, 'request_extension', { days: 3, reason: '需要调取三个月的销售记录。' });
    expect((await act(handler, c.id, 'approve_extension', { days: 3, reason: '同意' })).statusCode).toBe(403);
    const due0 = (await clocks(c.id)).citizen.due_at;
    await ok(leader, c.id, 'approve_extension', { days: 3, reason: '同意延期3个工作日' });
    const due1 = (await clocks(c.id)).citizen.due_at;
    expect(new Date(due1).getTime()).toBeGreaterThan(new Date(due0).getTime());
    await ok(handler, c.id, 'request_extension', { days: 3, reason: '仍需继续调查取证。' });
    const over = await act(leader, c.id, 'approve_extension', { days: 3, reason: '同意' });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0].path).toBe('body.input.days');
    await ok(leader, c.id, 'reject_extension', { reason: '延期总计不得超过5个工作日' });
    expect((await clocks(c.id)).citizen.due_at).toEqual(due1);
  });

  it('督办 by leader/supervisor with a reason; lists for overdue and red cards', async () => {
    const c = await open();
    expect((await act(leader, c.id, 'supervise', {})).json().errors[0].path).toBe('body.input.reason');
    expect((await act(handler, c.id, 'supervise', { reason: '请加快' })).statusCode).toBe(404);
    await ok(leader, c.id, 'supervise', { reason: '群众反映强烈，请加快办理。' });
    expect((await ticket(c.id)).supervised).toBe(true);
    const s = await dispatcher.get('/api/v1/hotline/tickets?view=supervised');
    expect(s.json().items.map((i: { number: string }) => i.number)).toContain(c.number);
    const bad = await dispatcher.get('/api/v1/hotline/tickets?view=purple&limit=0');
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.limit', 'query.view']);
  });

  it('回访 不满意 → 重办 once (new clock), second negative callback must be closed with a reason', async () => {
    const c = await open();
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await ok(handler, c.id, 'sign');
    await ok(handler, c.id, 'reply', { result: '已解释说明', content: '已向诉求人解释价格构成，不属于价格违法。', contactMethod: '电话' });
    await ok(handler, c.id, 'feedback', { summary: '已向诉求人解释。' });
    await ok(dispatcher, c.id, 'callback', { reached: true, satisfaction: '不满意', resolved: false });
    const noNote = await act(dispatcher, c.id, 'close', {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].path).toBe('body.input.note');
    await ok(dispatcher, c.id, 'redo', { reason: '诉求人认为未解决，重新核查。' });
    expect((await clocks(c.id)).redo.status).toBe('running');
    await ok(handler, c.id, 'reply', { result: '已解决', content: '重新核查后已督促商家退还差价十元。', contactMethod: '电话' });
    expect((await clocks(c.id)).redo.status).toBe('stopped');
    await ok(handler, c.id, 'feedback', { summary: '已退还差价。' });
    await ok(dispatcher, c.id, 'callback', { reached: true, satisfaction: '基本满意', resolved: false });
    const again = await act(dispatcher, c.id, 'redo', { reason: '仍未解决，再次重办。' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('上限');
    await ok(dispatcher, c.id, 'close', { note: '已重办一次，商家已退款。' });
    expect(await ticket(c.id)).toMatchObject({ redo_count: 1, satisfaction: '基本满意', resolved: false });
  });

  it('并单: duplicate suggestions by phone and by similar text; the duplicate follows its master', async () => {
    const master = await open({ description: '城关镇人民路井盖缺失，晚上行人容易掉进去，非常危险。', categoryCode: '02.01', attributes: { road: '人民路' }, parties: { phone: '13711112222' } });
    expect((await handler.post('/api/v1/hotline/duplicates', { phone: '13711112222' })).statusCode).toBe(403);
    const byPhone = await dispatcher.post('/api/v1/hotline/duplicates', { phone: '13711112222' });
    expect(byPhone.json().map((d: { number: string }) => d.number)).toContain(master.number);
    const byText = await dispatcher.post('/api/v1/hotline/duplicates', { description: '人民路井盖缺失，行人晚上容易掉进去', townshipId: orgs.cgz });
    expect(byText.json()[0]).toMatchObject({ number: master.number });
    expect((await dispatcher.post('/api/v1/hotline/duplicates', { description: '学校门口早高峰堵车严重', townshipId: orgs.cgz })).json().map((d: { number: string }) => d.number)).not.toContain(master.number);
    const dup = await open({ description: '人民路井盖丢了，晚上很危险。', categoryCode: '02.01', attributes: { road: '人民路' }, parties: { phone: '13733334444' } });
    const self = await act(dispatcher, dup.id, 'merge', { masterNumber: dup.number });
    expect(self.json().errors[0].path).toBe('body.input.masterNumber');
    expect((await act(dispatcher, dup.id, 'merge', { masterNumber: 'RX-2026-999999' })).statusCode).toBe(400);
    await ok(dispatcher, dup.id, 'merge', { masterNumber: master.number });
    // following the master is the platform's own step (a system action): refused to people
    expect((await act(dispatcher, dup.id, 'follow_master', { masterNumber: master.number })).statusCode).toBe(403);
    await ok(dispatcher, master.id, 'instant_answer', { answer: '已通知交通运输局当日补装井盖。' });
    const d = await dispatcher.get(`/api/v1/cases/${dup.id}`);
    expect(d.json().state).toBe('closed');
    expect((await ticket(dup.id)).merged_into).toBe(master.id);
  });

  it('idempotent replay of an action', async () => {
    const c = await open();
    const h = { 'idempotency-key': 'hotline-dispatch-0001' };
    const a = await dispatcher.post(`/api/v1/cases/${c.id}/actions`, { action: 'dispatch', input: { leadOrgId: orgs.scjgj } }, h);
    const b = await dispatcher.post(`/api/v1/cases/${c.id}/actions`, { action: 'dispatch', input: { leadOrgId: orgs.scjgj } }, h);
    expect(a.statusCode).toBe(200);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().version).toBe(a.json().version);
  });
});

describe('派单目录 and 知识库', () => {
  it('catalog search by Chinese, pinyin initials and keyword; only admins edit it', async () => {
    const byZh = await anonymous(env.app).get('/api/v1/hotline/catalog?q=' + encodeURIComponent('噪声'));
    expect(byZh.json().map((c: { code: string }) => c.code)).toEqual(['03.01']);
    const byPy = await dispatcher.get('/api/v1/hotline/catalog?q=dlps');
    expect(byPy.json().map((c: { code: string }) => c.code)).toEqual(['02.01']);
    expect((await dispatcher.get('/api/v1/hotline/catalog?q=' + encodeURIComponent('欠薪'))).json()[0].code).toBe('04.01');
    expect((await dispatcher.post('/api/v1/hotline/catalog', { code: '09.01', name: '测试事项' })).statusCode).toBe(403);
    const bad = await admin.post('/api/v1/hotline/catalog', { code: '09 01', name: '', parentCode: '99', orgId: orgs.scjgj, facts: [{ code: 'x', label: '类型', datatype: 'singlevaluelist' }] });
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.code', 'body.name']);
    const bad2 = await admin.post('/api/v1/hotline/catalog', { code: '09.01', name: '测试事项', parentCode: '99', orgId: orgs.scjgj, facts: [{ code: 'x', label: '类型', datatype: 'singlevaluelist' }] });
    expect(bad2.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.facts.0.values', 'body.limitRule', 'body.parentCode']);
    const saved = await admin.post('/api/v1/hotline/catalog', { code: '09', name: '文化旅游' });
    expect(saved.statusCode).toBe(201);
    await admin.post('/api/v1/hotline/catalog', { code: '09.01', name: '景区服务', parentCode: '09', orgId: orgs.xzfb, limitRule: 'hotline.citizen' });
    const leaf = (await dispatcher.get('/api/v1/hotline/catalog?q=jqfw')).json();
    expect(leaf[0]).toMatchObject({ code: '09.01', groupName: '文化旅游', leaf: true, limit: { length: 5, unit: 'workdays', sourced: false } });
  });

  it('knowledge base: search, versioned revisions, version conflict', async () => {
    const s = await dispatcher.get('/api/v1/hotline/kb?q=' + encodeURIComponent('养老保险缴费'));
    expect(s.json()[0].question).toContain('养老保险');
    expect((await dispatcher.post('/api/v1/hotline/kb', { question: '问题问题', answer: '答复答复答复答复答复' })).statusCode).toBe(403);
    const bad = await admin.post('/api/v1/hotline/kb', { question: '短', answer: '短' });
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.answer', 'body.question']);
    const c = await admin.post('/api/v1/hotline/kb', { question: '不动产登记要带什么材料？', answer: '申请人身份证明、不动产权属来源证明、登记申请书等，详见县不动产登记中心公告。', keywords: '不动产,登记' });
    expect(c.statusCode).toBe(201);
    const id = c.json().id;
    const r = await admin.put(`/api/v1/hotline/kb/${id}`, { version: 1, question: '不动产登记要带什么材料？', answer: '申请人身份证明、权属来源证明、登记申请书；委托办理的还需授权委托书。', keywords: '不动产,登记' });
    expect(r.json().version).toBe(2);
    expect((await admin.put(`/api/v1/hotline/kb/${id}`, { version: 1, question: '不动产登记要带什么材料？', answer: '旧版本上的修订，应被拒绝。。。' })).statusCode).toBe(409);
    const v = await dispatcher.get(`/api/v1/hotline/kb/${id}/versions`);
    expect(v.json().map((x: { version: number }) => x.version)).toEqual([2, 1]);
    expect((await dispatcher.get('/api/v1/hotline/kb?q=' + encodeURIComponent('授权委托书'))).json()[0].answer).toContain('授权委托书');
  });
});

describe('portal rating', () => {
  it('the citizen rates with number + phone; wrong phone is a 404; only when awaiting callback', async () => {
    const c = await open({ parties: { phone: '13955556666' } });
    const pub = anonymous(env.app);
    const bad = await pub.post('/api/v1/hotline/public/rate', { number: c.number, phone: '1', satisfaction: '很好' });
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.phone', 'body.resolved', 'body.satisfaction']);
    expect((await pub.post('/api/v1/hotline/public/rate', { number: c.number, phone: '13955556666', satisfaction: '满意', resolved: true })).statusCode).toBe(409);
    await ok(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj });
    await ok(handler, c.id, 'sign');
    await ok(handler, c.id, 'reply', { result: '已解决', content: '已督促商家整改并退还差价。', contactMethod: '短信' });
    await ok(handler, c.id, 'feedback', { summary: '已答复诉求人。' });
    expect((await pub.post('/api/v1/hotline/public/rate', { number: c.number, phone: '13900000000', satisfaction: '满意', resolved: true })).statusCode).toBe(404);
    const r = await pub.post('/api/v1/hotline/public/rate', { number: c.number, phone: '13955556666', satisfaction: '基本满意', resolved: true });
    expect(r.statusCode, r.body).toBe(200);
    expect(await ticket(c.id)).toMatchObject({ satisfaction: '基本满意', resolved: true, state: 'called_back' });
  });
});
