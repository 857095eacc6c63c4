/**
 * 公开征求意见, the shared capability (platform/consultations) through a 规范性文件 draft, failures first: not visible before
 * its period, who may see and answer the comments (401, 403, 404), every bad field named, moderation with a reason, no answer
 * to a hidden comment, no 采纳情况 while a comment is unanswered, answers public only once the 采纳情况 is, nothing changes
 * after it, and each change audited. Personal data a citizen types into the text is masked on the portal.
 */
import { legalDateOf } from '@yifa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../harness.ts';

let env: TestEnv;
let handler: Session; let township: Session; let dispatcher: Session; let reviewer: Session;
const DAY = 24 * 3600_000;
const today = () => legalDateOf(env.clock.now());
const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const paths = (r: { json: () => { errors?: { path: string }[] } }) => (r.json().errors ?? []).map((e) => e.path).sort();
async function loginAll() { [handler, township, dispatcher, reviewer] = await Promise.all(['handler', 'township', 'dispatcher', 'reviewer'].map((u) => env.login(u))); }
const pub = (method: 'GET' | 'POST', url: string, payload?: unknown) => env.app.inject({ method, url: `/api/v1${url}`, payload: payload as never });
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => s.post(`/api/v1/cases/${id}/actions`, { action, input });

let caseId = '';
beforeAll(async () => {
  env = await createTestEnv();
  await loginAll();
  const orgId = (await handler.get('/api/v1/auth/session')).json().user.orgId as string;
  const c = await handler.post('/api/v1/cases', { type: 'normative_document', input: {
    title: '示范县共享单车停放管理办法', issuerOrgId: orgId, docKind: '办法', category: '市场监管', affectsMarket: false,
    draft: '第一条 为规范共享单车停放，根据有关法律法规，制定本办法。第二条 本办法自公布之日起施行。', explanation: '起草背景、依据和主要内容说明。',
    bases: [{ lawTitle: '中华人民共和国道路交通安全法', article: '第五十九条' }] } });
  expect(c.statusCode, c.body).toBe(201);
  caseId = c.json().id;
  const open = await act(handler, caseId, 'open_comment', { startOn: plus(today(), 1), endOn: plus(today(), 11) });
  expect(open.statusCode, open.body).toBe(200);
});
afterAll(async () => { await env.close(); });

describe('公开征求意见 (shared)', () => {
  it('404 before the period starts, on the page and for a comment; then a comment is taken and masked on the portal', async () => {
    expect((await pub('GET', `/public/normative/consultations/${caseId}`)).statusCode).toBe(404);
    expect((await pub('POST', `/public/normative/consultations/${caseId}/comments`, { body: '提前提交的意见内容。' })).statusCode).toBe(404);
    env.clock.advance(DAY); await loginAll();
    const a = await pub('POST', `/public/normative/consultations/${caseId}/comments`,
      { body: '建议划定停放区，我叫赵大宝，身份证510101199001011234，电话13712345678。', name: '赵大宝', phone: '13712345678' });
    expect(a.statusCode, a.body).toBe(201);
    expect((await pub('POST', `/public/normative/consultations/${caseId}/comments`, { body: '加我微信买便宜单车，广告。' })).statusCode).toBe(201);
    const page = (await pub('GET', `/public/normative/consultations/${caseId}`)).json();
    expect(page.open).toBe(true);
    expect(page.daysLeft).toBe(10);
    const text = JSON.stringify(page.comments);
    for (const secret of ['赵大宝', '510101199001011234', '13712345678']) expect(text).not.toContain(secret);
  });

  it('401 without a session; 404 for a unit that does not hold the case; 403 without the permission to answer', async () => {
    expect((await anonymous(env.app).get(`/api/v1/consultations/cases/${caseId}/comments`)).statusCode).toBe(401);
    expect((await township.get(`/api/v1/consultations/cases/${caseId}/comments`)).statusCode).toBe(404);
    const list = (await handler.get(`/api/v1/consultations/cases/${caseId}/comments`)).json();
    expect(list).toMatchObject({ total: 2, closed: false, unanswered: 2 });
    const id = list.items[0].id as string;
    expect((await township.post(`/api/v1/consultations/comments/${id}/answer`, { answer: '采纳', reason: '已经修改草案。' })).statusCode).toBe(404);
    expect((await dispatcher.post(`/api/v1/consultations/comments/${id}/answer`, { answer: '采纳', reason: '已经修改草案。' })).statusCode).toBe(403);
    expect((await reviewer.post(`/api/v1/consultations/comments/${id}/hide`, { reason: '与草案无关的广告' })).statusCode).toBe(403);
    expect((await handler.post('/api/v1/consultations/comments/00000000-0000-4000-8000-000000000000/answer', { answer: '采纳', reason: '已经修改草案。' })).statusCode)
      .toBe(404);
  });

  it('400 names every bad field; a hidden comment is not answered (409) until shown again; no 采纳情况 while one is unanswered', async () => {
    const items = (await handler.get(`/api/v1/consultations/cases/${caseId}/comments`)).json().items as { id: string; body: string }[];
    const real = items.find((c) => c.body.startsWith('建议'))!;
    const ad = items.find((c) => c.body.includes('广告'))!;
    const bad = await handler.post(`/api/v1/consultations/comments/${real.id}/answer`, { answer: '同意', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(paths(bad)).toEqual(['body.answer', 'body.reason']);
    expect(paths(await handler.post(`/api/v1/consultations/comments/${ad.id}/hide`, {}))).toEqual(['body.reason']);
    expect((await handler.post(`/api/v1/consultations/comments/${ad.id}/hide`, { reason: '广告，与草案无关' })).statusCode).toBe(200);
    expect((await handler.post(`/api/v1/consultations/comments/${ad.id}/answer`, { answer: '不采纳', reason: '与草案无关。' })).statusCode).toBe(409);
    const page = (await pub('GET', `/public/normative/consultations/${caseId}`)).json();
    expect(page.comments).toHaveLength(1);

    env.clock.advance(11 * DAY); await loginAll();
    const closing = await act(handler, caseId, 'close_comment', { adoption: '共收到有效意见1条，已采纳，详见逐条答复。' });
    expect(closing.statusCode).toBe(409);
    expect(closing.json().detail).toContain('1 条公众意见未答复');
    expect((await pub('POST', `/public/normative/consultations/${caseId}/comments`, { body: '期限届满后提交的意见。' })).statusCode).toBe(409);
    expect((await handler.post(`/api/v1/consultations/comments/${ad.id}/show`)).statusCode).toBe(200);
    expect((await handler.post(`/api/v1/consultations/comments/${ad.id}/hide`, { reason: '广告，与草案无关' })).statusCode).toBe(200);
    const answered = await handler.post(`/api/v1/consultations/comments/${real.id}/answer`, { answer: '部分采纳', reason: '在第二条划定停放区，其余另行规定。' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await pub('GET', `/public/normative/consultations/${caseId}`)).json().comments[0].answer).toBeNull();
  });

  it('the 采纳情况 publishes each answer and counts them; afterwards nothing changes (409); every change is audited', async () => {
    const closed = await act(handler, caseId, 'close_comment', { adoption: '共收到有效意见1条，部分采纳，详见逐条答复。' });
    expect(closed.statusCode, closed.body).toBe(200);
    const page = (await pub('GET', `/public/normative/consultations/${caseId}`)).json();
    expect(page.open).toBe(false);
    expect(page.comments).toEqual([expect.objectContaining({ answer: '部分采纳', answerReason: '在第二条划定停放区，其余另行规定。' })]);
    const data = (await env.ctx.db.selectFrom('cases').select('data').where('id', '=', caseId).executeTakeFirstOrThrow()).data as { comment: object };
    expect(data.comment).toMatchObject({ received: 1, adopted: 1 });
    const items = (await handler.get(`/api/v1/consultations/cases/${caseId}/comments`)).json();
    expect(items.closed).toBe(true);
    for (const c of items.items as { id: string }[]) {
      expect((await handler.post(`/api/v1/consultations/comments/${c.id}/answer`, { answer: '采纳', reason: '改为全部采纳。' })).statusCode).toBe(409);
      expect((await handler.post(`/api/v1/consultations/comments/${c.id}/show`)).statusCode).toBe(409);
    }
    const audit = await env.ctx.db.selectFrom('auditLog').select(['action']).where('targetId', '=', caseId).execute();
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'consultation.comment.hide')).toHaveLength(2);
    expect(actions).toContain('consultation.comment.show');
    expect(actions).toContain('consultation.comment.answer');
    expect(actions.filter((a) => a === 'normative.comment')).toHaveLength(2);
  });
});
