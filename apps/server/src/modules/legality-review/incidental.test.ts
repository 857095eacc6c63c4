/**
 * 规范性文件附带审查 (行政复议法 Art. 56–60): every clock with its unit — 30日 to handle (natural days, the last day rolled past a
 * holiday), 7 WD to transfer, 3 WD to notify the 制定机关, 10 WD for its answer, 60日 for the transferee's reply — and the
 * Art. 59 outcomes. Failures first. The harness starts on 2026-06-15 (Monday; 端午 06-19–06-21 off).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, legalDateOf } from '@yifa/contracts';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let reviewer: Session; let handler: Session; let leader: Session;
let issuerOrgId = '';
const DAY = 24 * 3600_000;
beforeAll(async () => {
  env = await createTestEnv();
  [reviewer, handler, leader] = await Promise.all(['reviewer', 'handler', 'leader'].map((u) => env.login(u)));
  issuerOrgId = (await handler.get('/api/v1/auth/session')).json().user.orgId;
});
afterAll(async () => { await env.close(); });

type Clock = { key: string; ruleKey: string; status: string; dueDate: string | null; sourced: boolean; basis: string; metDeadline: boolean | null };
/** Time passes: sessions time out after 30 minutes, so everyone logs in again. */
async function advance(ms: number) {
  env.clock.advance(ms);
  [reviewer, handler, leader] = await Promise.all(['reviewer', 'handler', 'leader'].map((u) => env.login(u)));
}
const met = { status: 'stopped', metDeadline: true };
const INPUT = {
  reviewCaseRef: '示复〔2026〕12号', origin: '申请人一并提出附带审查申请（第五十六条）', documentTitle: '示范县食品小作坊登记管理办法', issuer: '示范县市场监督管理局',
  clauses: '第八条、第十二条', receivedOn: '2026-06-15',
};
const paths = (r: { json: () => { errors?: { path: string }[] } }) => (r.json().errors ?? []).map((e) => e.path).sort();
async function open(over: Record<string, unknown> = {}) {
  const r = await handler.post('/api/v1/cases', { type: 'incidental_review', input: { ...INPUT, issuerOrgId, ...over } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; clocks: Clock[]; state: string };
}
const act = (id: string, action: string, input: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  reviewer.post(`/api/v1/cases/${id}/actions`, { action, input }, headers);
const clock = (c: { clocks: Clock[] }, key: string) => c.clocks.find((k) => k.key === key);

describe('附带审查: failures first', () => {
  it('400 naming every bad field; 403 for a leader (a 承办人 registers it)', async () => {
    const bad = await handler.post('/api/v1/cases', { type: 'incidental_review', input: { reviewCaseRef: '', origin: '路过', documentTitle: '办法',
      issuer: '', receivedOn: '2026-02-30' } });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['body.input.clauses', 'body.input.documentTitle', 'body.input.issuer', 'body.input.origin', 'body.input.receivedOn',
      'body.input.reviewCaseRef']);
    expect((await leader.post('/api/v1/cases', { type: 'incidental_review', input: INPUT })).statusCode).toBe(403);
  });

  it('no decision before the 复议机关 decides to handle it; a decision names its Art. 59 conclusion and opinion', async () => {
    const c = await open();
    const early = await act(c.id, 'decide', { conclusion: '相关条款合法', opinion: '经审查，相关条款符合上位法规定。' });
    expect(early.statusCode).toBeGreaterThanOrEqual(400);
    expect(early.statusCode).toBeLessThan(500);
    await act(c.id, 'handle');
    await act(c.id, 'notify', { noticeNo: '示复通〔2026〕3号' });
    await act(c.id, 'answer_received', { summary: '制定机关认为相关条款有上位法依据。' });
    const r = await act(c.id, 'decide', { conclusion: '不知道', opinion: '短' });
    expect(r.statusCode).toBe(400);
    expect(paths(r)).toEqual(['body.input.conclusion', 'body.input.opinion']);
    const t = await act(c.id, 'transfer', { transferee: '示范市人民政府', reason: '无权处理' });
    expect(t.statusCode).toBeGreaterThanOrEqual(400);
  });
});

describe('附带审查: the clocks of Art. 56–60', () => {
  it('on receipt: 30日 to handle (ND, 第五十六条) and 7 WD to transfer (第八十八条: 七日 = 工作日, 端午 skipped)', async () => {
    const c = await open();
    expect(clock(c, 'handle')).toMatchObject({ ruleKey: 'incidental.handle', status: 'running', dueDate: '2026-07-15', sourced: true });
    expect(clock(c, 'handle')!.basis).toContain('第五十六条');
    expect(clock(c, 'transfer')).toMatchObject({ ruleKey: 'incidental.transfer', status: 'running', dueDate: '2026-06-25' });
    expect(clock(c, 'transfer')!.basis).toContain('第八十八条');
  });

  it('30日 ending on a holiday ends on the next working day (民事诉讼法 期间, via 第八十八条)', async () => {
    const c = await open({ receivedOn: '2026-04-05' }); // + 30 = 05-05, in the 劳动节 holiday (05-01–05-05)
    expect(clock(c, 'handle')!.dueDate).toBe('2026-05-06');
  });

  it('handled: 3 WD to notify the 制定机关, then 10 WD for its answer (第五十八条); the decision stops the 30-day clock, Art. 59 outcome', async () => {
    const c = await open();
    await advance(DAY);
    const h = await act(c.id, 'handle');
    expect(h.statusCode, h.body).toBe(200);
    expect(clock(h.json(), 'transfer')).toMatchObject(met);
    expect(clock(h.json(), 'notice')).toMatchObject({ ruleKey: 'incidental.notice', status: 'running', dueDate: '2026-06-22' });
    await advance(2 * DAY);
    const n = await act(c.id, 'notify', { noticeNo: '示复通〔2026〕4号' });
    expect(n.statusCode, n.body).toBe(200);
    expect(clock(n.json(), 'notice')).toMatchObject(met);
    expect(clock(n.json(), 'answer')).toMatchObject({ ruleKey: 'incidental.answer', status: 'running', dueDate: '2026-07-03' });
    const a = await act(c.id, 'answer_received', { summary: '制定机关答复：第八条系依据上位法制定。' });
    expect(clock(a.json(), 'answer')).toMatchObject(met);
    const key = `fd-decide-${c.id}`;
    const input = { conclusion: '相关条款违反上位法', opinion: '第八条增设的许可条件违反《中华人民共和国行政许可法》第十六条，应予纠正。', correctionDue: '2026-08-31' };
    const d = await act(c.id, 'decide', input, { 'idempotency-key': key });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().state).toBe('decided');
    expect(clock(d.json(), 'handle')).toMatchObject(met);
    expect(d.json().data).toMatchObject({ conclusion: '相关条款违反上位法', outcome: '决定停止该条款的执行，并责令制定机关予以纠正（第五十九条）' });
    const again = await act(c.id, 'decide', input, { 'idempotency-key': key });
    expect(again.json().version).toBe(d.json().version);
  });

  it('the 制定机关 does not answer: the answer clock runs late and the 复议机关 may still decide', async () => {
    const c = await open();
    await act(c.id, 'handle');
    await act(c.id, 'notify', { noticeNo: '示复通〔2026〕5号' });
    await advance(30 * DAY);
    const v = (await reviewer.get(`/api/v1/cases/${c.id}`)).json();
    expect(clock(v, 'answer')).toMatchObject({ status: 'running', level: 'red' });
    expect((clock(v, 'answer') as unknown as { remaining: number }).remaining).toBeLessThan(0);
    const d = await act(c.id, 'decide', { conclusion: '相关条款合法', opinion: '经审查，相关条款符合上位法规定，在复议决定书中一并告知。' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().data.outcome).toBe('在行政复议决定书中一并告知（第五十九条）');
  });

  it('transferred: both receipt clocks stop; the transferee has 60日 to reply (第六十条)', async () => {
    const today = legalDateOf(env.clock.now());
    const c = await open({ origin: '行政复议机关审查中认为依据不合法（第五十七条）', receivedOn: today });
    const t = await act(c.id, 'transfer', { transferee: '示范市人民政府', reason: '该文件由市政府制定，本机关无权处理。' });
    expect(t.statusCode, t.body).toBe(200);
    expect(t.json().state).toBe('transferred');
    expect(clock(t.json(), 'transfer')).toMatchObject(met);
    expect(clock(t.json(), 'handle')!.status).not.toBe('running');
    const reply = clock(t.json(), 'reply')!;
    expect(reply).toMatchObject({ ruleKey: 'incidental.reply', status: 'running', dueDate: addDays(today, 60) });
    const r = await act(c.id, 'reply_received', { opinion: '市政府已决定修改该条款。' });
    expect(r.json().state).toBe('replied');
  });
});
