/**
 * 政府法律顾问、公职律师 and the 专家库 (issue 13): the roster with its audit, assignment to a 合法性审查 case, the declaration of
 * no conflict of interest or the recusal, the signed opinion on the 审核意见书, and the metrics (法律顾问人数 14 in the seed,
 * opinions and on-time per advisor). Failures first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { docxText } from '../../../test/docx.ts';
import { CHECKLISTS } from '../legality-review/workflow.ts';

let env: TestEnv;
let admin: Session; let reviewer: Session; let handler: Session; let leader: Session;
let draftingOrgId = '';
beforeAll(async () => {
  env = await createTestEnv();
  [admin, reviewer, handler, leader] = await Promise.all(['admin', 'reviewer', 'handler', 'leader'].map((u) => env.login(u)));
  draftingOrgId = (await handler.get('/api/v1/auth/session')).json().user.orgId;
});
afterAll(async () => { await env.close(); });

const paths = (r: { json: () => { errors?: { path: string }[] } }) => (r.json().errors ?? []).map((e) => e.path).sort();
const COUNSEL = { kind: '政府法律顾问', name: '钱正', unit: '示范县正义律师事务所', contractFrom: '2026-01-01', contractTo: '2026-12-31', procurement: '竞争性谈判' };
async function accepted(title: string) {
  const c = await handler.post('/api/v1/cases', { type: 'legality_review', input: { title, draftingOrgId, docKind: '办法', summary: '用于验证法律顾问的指派和签署意见。' } });
  expect(c.statusCode, c.body).toBe(201);
  expect((await reviewer.post(`/api/v1/cases/${c.json().id}/actions`, { action: 'accept' })).statusCode).toBe(200);
  return c.json().id as string;
}
const act = (id: string, action: string, input: Record<string, unknown>, headers?: Record<string, string>) =>
  reviewer.post(`/api/v1/cases/${id}/actions`, { action, input }, headers);

describe('法律顾问与专家库: failures first', () => {
  it('403 for a handler; 400 naming every bad field (聘期 and 选聘方式 for a 政府法律顾问, fields for an expert)', async () => {
    expect((await handler.post('/api/v1/advisors', COUNSEL)).statusCode).toBe(403);
    const r = await admin.post('/api/v1/advisors', { kind: '政府法律顾问', name: '钱', unit: '', contractFrom: '2026-06-01', procurement: '抽签' });
    expect(r.statusCode).toBe(400);
    expect(paths(r)).toEqual(['body.name', 'body.procurement', 'body.unit']);
    const noTerm = await admin.post('/api/v1/advisors', { ...COUNSEL, contractTo: null, procurement: null });
    expect(paths(noTerm)).toEqual(['body.contractTo', 'body.procurement']);
    const expert = await admin.post('/api/v1/advisors', { kind: '合法性审查专家', name: '专家甲', unit: '示范学院' });
    expect(paths(expert)).toEqual(['body.expertise']);
  });

  it('assignment: an unknown or ended advisor is refused; no signature without the no-conflict declaration; a recusal frees the case', async () => {
    const id = await accepted('示范县农贸市场管理办法（送审稿）');
    const unknown = await act(id, 'assign_advisor', { advisorId: '00000000-0000-4000-8000-000000000000' });
    expect(paths(unknown)).toEqual(['body.input.advisorId']);
    const ended = (await admin.post('/api/v1/advisors', { ...COUNSEL, name: '孙旧', contractFrom: '2024-01-01', contractTo: '2025-12-31' })).json();
    const e = await act(id, 'assign_advisor', { advisorId: ended.id });
    expect(e.statusCode).toBe(400);
    expect(e.json().errors[0].message).toContain('不在聘期内');
    const a = (await admin.post('/api/v1/advisors', { ...COUNSEL, name: '钱甲' })).json();
    expect((await act(id, 'assign_advisor', { advisorId: a.id })).statusCode).toBe(200);
    const early = await act(id, 'advisor_sign', { opinion: '该办法内容合法，建议通过审核。' });
    expect(paths(early)).toEqual(['body.input.opinion']);
    expect(early.json().errors[0].message).toContain('无利益冲突声明');
    expect((await act(id, 'advisor_declare', { declaration: '存在利益冲突，申请回避', note: '曾代理相关市场主体。' })).statusCode).toBe(200);
    expect((await act(id, 'assign_advisor', { advisorId: a.id })).json().errors[0].message).toContain('已在本件中回避');
    const list = (await leader.get(`/api/v1/advisors/assignments?caseId=${id}`)).json().items;
    expect(list).toMatchObject([{ name: '钱甲', declaration: '存在利益冲突，申请回避' }]);
  });
});

describe('法律顾问与专家库: roster, signed opinion, metrics', () => {
  it('the roster: create and renew with audit; the seed has 14 政府法律顾问 (法律顾问人数), by 选聘方式', async () => {
    const a = await reviewer.post('/api/v1/advisors', { ...COUNSEL, name: '钱乙' }, { 'idempotency-key': 'advisor-create-1' });
    expect(a.statusCode, a.body).toBe(201);
    const replay = await reviewer.post('/api/v1/advisors', { ...COUNSEL, name: '钱乙' }, { 'idempotency-key': 'advisor-create-1' });
    expect(replay.json().id).toBe(a.json().id);
    const put = await admin.put(`/api/v1/advisors/${a.json().id}`, { ...COUNSEL, name: '钱乙', status: 'ended', version: 1 });
    expect(put.statusCode, put.body).toBe(200);
    const audit = await env.ownerSql(`select action from audit_log where target_id = $1 order by id`, [a.json().id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['advisors.create', 'advisors.update']);
    const experts = (await leader.get(`/api/v1/advisors?kind=${encodeURIComponent('合法性审查专家')}&expertise=${encodeURIComponent('土地')}`)).json();
    expect(experts.items.map((x: { name: string }) => x.name)).toEqual(['高远']);
    const m = await leader.get('/api/v1/metrics/advisors.count?from=2026-01-01&to=2026-06-15&groupBy=procurement');
    expect(m.statusCode, m.body).toBe(200);
    // the seed's 14 and this file's other in-post counsel (钱甲; 钱乙 ended, 孙旧's term over)
    expect(m.json().value).toBe(15);
  });

  it('an advisor declares no conflict and signs; the 审核意见书 carries the opinion; opinions and on-time per advisor', async () => {
    const id = await accepted('示范县城市绿化管理办法（送审稿）');
    const a = (await admin.post('/api/v1/advisors', { ...COUNSEL, name: '钱丙' })).json();
    await act(id, 'assign_advisor', { advisorId: a.id });
    await act(id, 'advisor_declare', { declaration: '无利益冲突' });
    const s = await act(id, 'advisor_sign', { opinion: '第七条的罚款数额超出上位法幅度，应予修改。' }, { 'idempotency-key': `sign-${id}` });
    expect(s.statusCode, s.body).toBe(200);
    expect((await act(id, 'advisor_sign', { opinion: '第七条的罚款数额超出上位法幅度，应予修改。' }, { 'idempotency-key': `sign-${id}` })).statusCode).toBe(200);
    expect((await leader.get(`/api/v1/advisors/assignments?caseId=${id}`)).json().items).toMatchObject([{ name: '钱丙', declaration: '无利益冲突' }]);
    env.clock.advance(8 * 24 * 3600_000);
    reviewer = await env.login('reviewer');
    const checklist = CHECKLISTS['规范性文件'].items.map((item) => ({ item, answer: '符合' }));
    const c = await act(id, 'conclude', { conclusion: '修改后合法', checklist, changes: '修改第七条。', opinionNo: '示司审〔2026〕41号', opinion: '经审核，修改第七条后合法。' });
    expect(c.statusCode, c.body).toBe(200);
    const d = await reviewer.post(`/api/v1/cases/${id}/documents`, { kind: 'legality-review.opinion' });
    expect(d.statusCode, d.body).toBe(201);
    const text = docxText((await reviewer.get(`/api/v1/documents/${d.json().id}/file`)).rawPayload);
    expect(text).toContain('政府法律顾问钱丙（示范县正义律师事务所）签署意见：第七条的罚款数额超出上位法幅度，应予修改。');
    const lead = await env.login('leader');
    const ops = (await lead.get('/api/v1/metrics/advisors.opinions?from=2026-01-01&to=2026-12-31&groupBy=advisor')).json();
    expect(ops.groups).toEqual(expect.arrayContaining([expect.objectContaining({ key: '钱丙（示范县正义律师事务所）', value: 1 })]));
    const rate = (await lead.get('/api/v1/metrics/advisors.on_time_rate?from=2026-01-01&to=2026-12-31')).json();
    expect(rate).toMatchObject({ value: 100 });
    expect(rate.denominator).toBeGreaterThanOrEqual(2); // the seed's signed opinion and this one
  });
});
