/**
 * 行政执法监督: the 司法局's read-only view of every penalty case (failures first: not for a 承办人), its flags (a decision past
 * 90 days, an officer whose certificate was not valid on the day — a case recorded before the certificate data was imported),
 * and a 整改通知 with its rectification clock, report, send-back and acceptance; 培训考试 sessions and the 培训考试人数 metric.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { orgIds } from '../../../test/factories.ts';

let env: TestEnv;
let handler: Session; let supervisor: Session;
let orgs: Record<string, string>;
let power = '';
beforeAll(async () => {
  env = await createTestEnv();
  handler = await env.login('handler');
  supervisor = await env.login('supervisor');
  orgs = await orgIds(env);
  power = (await (await env.login('admin')).get('/api/v1/powers/items?q=CF-001')).json().items[0].id;
  for (const no of ['SUP-0001', 'SUP-0002']) {
    expect((await handler.post('/api/v1/enforcement/officers', { orgId: orgs.scjgj, certNo: no, name: '测试员', fields: ['市场监管'],
      issuedOn: '2025-01-01', expiresOn: '2028-12-31' })).statusCode).toBe(201);
  }
});
afterAll(async () => { await env.close(); });

it('the supervision view: 403 for a 承办人; flags a decision past 90 days and an invalid certificate on the day', async () => {
  expect((await handler.get('/api/v1/enforcement/supervision')).statusCode).toBe(403);
  const c = (await handler.post('/api/v1/cases', { type: 'penalty_case', input: { powerId: power, field: '市场监管', partyKind: 'organisation',
    parties: { name: '示范县某批发部' }, facts: '销售超过保质期的食品。' } })).json();
  await handler.post(`/api/v1/cases/${c.id}/actions`, { action: 'investigate', input: { officerCertNos: ['SUP-0001', 'SUP-0002'], record: '现场检查记录' } });
  // a case recorded before the certificate data came in: its second officer's certificate was issued after the act
  await env.ownerSql(`update enforcement_officers set issued_on = '2026-07-01' where cert_no = 'SUP-0002'`);
  env.clock.set('2026-09-20T10:00:00+08:00');
  supervisor = await env.login('supervisor');
  const r = await supervisor.get('/api/v1/enforcement/supervision?flagged=true&limit=200');
  expect(r.statusCode, r.body).toBe(200);
  const row = r.json().items.find((i: { id: string }) => i.id === c.id);
  // the 调查取证 has no 音像记录 either (the county's default list requires one: recordings.test.ts)
  expect(row.flags).toEqual(['超过九十日未作出决定', '执法人员证件无效', '全过程记录缺失']);
  expect(row.invalidCertificates).toEqual(['SUP-0002']);
  expect((await supervisor.get('/api/v1/enforcement/supervision?flagged=maybe')).json().errors[0].path).toBe('query.flagged');
});

it('a 整改通知: 400 naming fields, a rectification clock (本县设定), report, send back, report again, accept', async () => {
  handler = await env.login('handler');
  const notice = (s: Session, input: Record<string, unknown>) => s.post('/api/v1/enforcement/supervision/notices', { input });
  const bad = await notice(supervisor,  { orgId: 'x', kind: '通报', findings: '' });
  expect(bad.statusCode, bad.body).toBe(400);
  expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(
    ['body.input.findings', 'body.input.kind', 'body.input.orgId', 'body.input.problem', 'body.input.requirement']);
  const input = { orgId: orgs.scjgj, kind: '整改通知', problem: '公示逾期', findings: '多件处罚决定超过七个工作日未公示', requirement: '立即补正公示并建立台账' };
  expect((await notice(handler, input)).statusCode).toBe(403);
  const key = { 'idempotency-key': 'enf-sup-1' };
  const c1 = await supervisor.post('/api/v1/enforcement/supervision/notices', { input }, key);
  const c2 = await supervisor.post('/api/v1/enforcement/supervision/notices', { input }, key);
  expect(c1.statusCode, c1.body).toBe(201);
  expect(c2.json().id).toBe(c1.json().id);
  const c = await supervisor.get(`/api/v1/cases/${c1.json().id}`);
  expect(c.json().number).toMatch(/^JD-2026-\d{6}$/);
  // 20 WD from 09-20, 国庆 skipped
  expect(c.json().clocks.find((k: { key: string }) => k.key === 'rectification')).toMatchObject({ status: 'running', dueDate: '2026-10-23' });
  const id = c.json().id;
  const act = (s: Session, action: string, input: Record<string, unknown>) => s.post(`/api/v1/cases/${id}/actions`, { action, input });
  expect((await act(handler, 'report', { measures: '已补正公示', outcome: '部分整改' })).json().state).toBe('reported');
  expect((await act(handler, 'accept', { opinion: '同意' })).statusCode).toBe(403);
  expect((await act(supervisor, 'send_back', { opinion: '台账尚未建立' })).json().state).toBe('issued');
  expect((await act(handler, 'report', { measures: '已补正公示并建立公示台账', outcome: '已整改' })).statusCode).toBe(200);
  const done = await act(supervisor, 'accept', { opinion: '整改到位' });
  expect(done.json().state).toBe('closed');
  expect(done.json().clocks.find((k: { key: string }) => k.key === 'rectification').status).toBe('stopped');
});

it('培训考试: unknown or duplicate attendees named; the 培训考试人数 metric counts each officer once', async () => {
  const staff = await env.login('handler'); // the 市场监管局's own 承办人
  const base = { orgId: orgs.scjgj, title: '2026年执法人员大学习大练兵培训考试', kind: '培训考试', heldOn: '2026-09-10', hours: 8 };
  const bad = await staff.post('/api/v1/enforcement/trainings', { ...base,
    attendees: [{ certNo: 'SUP-0001' }, { certNo: 'NOPE-0001' }, { certNo: 'SUP-0001' }] });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.attendees.1.certNo', 'body.attendees']);
  expect((await staff.post('/api/v1/enforcement/trainings', { ...base, attendees: [{ certNo: 'SUP-0001', score: 101 }] })).json().errors[0].path)
    .toBe('body.attendees.0.score');
  const ok = await staff.post('/api/v1/enforcement/trainings', { ...base, attendees: [{ certNo: 'SUP-0001', score: 92 }, { certNo: 'SUP-0002', score: 85 }] });
  expect(ok.statusCode, ok.body).toBe(201);
  expect((await staff.post('/api/v1/enforcement/trainings', { ...base, heldOn: '2026-09-15', kind: '培训', attendees: [{ certNo: 'SUP-0001' }] })).statusCode)
    .toBe(201);
  const leader = await env.login('leader');
  const m = await leader.get('/api/v1/metrics/enforcement.trained?from=2026-09-01&to=2026-09-30');
  expect(m.statusCode, m.body).toBe(200);
  expect(m.json().value).toBe(2);
  expect((await leader.get('/api/v1/metrics/enforcement.trained/drilldown?from=2026-09-01&to=2026-09-30')).json().total).toBe(2);
});
