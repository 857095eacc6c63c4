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
async function loginAll() {
  [handler, township, dispatcher, reviewer] = await Promise.all(['handler', 'township', 'dispatcher', 'reviewer'].map((u) => env.login(u)));
}
const pub = (method: 'GET' | 'POST', url: string, payload?: unknown) => env.app.inject({ method, url: `/api/v1${url}`, payload: payload as never });
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => s.post(`/api/v1/cases/${id}/actions`, { action, input });


/** A 规范性文件 draft of the handler's org, open for comment from `startOn` to `endOn`. */
async function consultingDraft(title: string, startOn: string, endOn: string): Promise<string> {
  const orgId = (await handler.get('/api/v1/auth/session')).json().user.orgId as string;
  const c = await handler.post('/api/v1/cases', { type: 'normative_document', input: {
    title, issuerOrgId: orgId, docKind: '办法', category: '市场监管', affectsMarket: false,
    draft: `第一条 为规范管理，根据有关法律法规，制定${title}。第二条 本办法自公布之日起施行。`, explanation: `${title}的起草背景、依据和主要内容说明。`,
    bases: [{ lawTitle: '中华人民共和国行政许可法', article: '第十二条' }] } });
  expect(c.statusCode, c.body).toBe(201);
  const open = await act(handler, c.json().id, 'open_comment', { startOn, endOn });
  expect(open.statusCode, open.body).toBe(200);
  return c.json().id as string;
}

let caseId = '';
beforeAll(async () => {
  env = await createTestEnv();
  await loginAll();
  caseId = await consultingDraft('示范县共享单车停放管理办法', plus(today(), 1), plus(today(), 11));
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
    // showing a shown comment (or hiding a hidden one) changes nothing and records nothing
    expect((await handler.post(`/api/v1/consultations/comments/${ad.id}/show`)).statusCode).toBe(409);
    expect((await handler.post(`/api/v1/consultations/comments/${ad.id}/hide`, { reason: '广告，与草案无关' })).statusCode).toBe(200);
    expect((await handler.post(`/api/v1/consultations/comments/${ad.id}/hide`, { reason: '广告，与草案无关' })).statusCode).toBe(409);
    // an Idempotency-Key replay returns the first answer and records it once; the same key for another answer is refused
    const key = { 'idempotency-key': 'answer-real-comment-1' };
    const answered = await handler.post(`/api/v1/consultations/comments/${real.id}/answer`, { answer: '部分采纳', reason: '在第二条划定停放区，其余另行规定。' }, key);
    expect(answered.statusCode, answered.body).toBe(200);
    const replay = await handler.post(`/api/v1/consultations/comments/${real.id}/answer`, { answer: '部分采纳', reason: '在第二条划定停放区，其余另行规定。' }, key);
    expect(replay.json()).toEqual(answered.json());
    expect((await handler.post(`/api/v1/consultations/comments/${real.id}/answer`, { answer: '采纳', reason: '全部采纳。' }, key)).statusCode).toBe(422);
    const answers = await env.ctx.db.selectFrom('auditLog').select('action').where('targetId', '=', caseId)
      .where('action', '=', 'consultation.comment.answer').execute();
    expect(answers).toHaveLength(1);
    expect((await pub('GET', `/public/normative/consultations/${caseId}`)).json().comments[0].answer).toBeNull();
  });

  it('the 采纳情况 publishes each answer and counts them; afterwards nothing changes (409); every change is audited', async () => {
    const closed = await act(handler, caseId, 'close_comment', { adoption: '共收到有效意见1条，部分采纳，详见逐条答复。' });
    expect(closed.statusCode, closed.body).toBe(200);
    const page = (await pub('GET', `/public/normative/consultations/${caseId}`)).json();
    expect(page.open).toBe(false);
    expect(page.comments).toEqual([expect.objectContaining({ answer: '部分采纳', answerReason: '在第二条划定停放区，其余另行规定。' })]);
    const data = (await env.ctx.db.selectFrom('cases').select('data').where('id', '=', caseId).executeTakeFirstOrThrow()).data as { comment: object };
    expect(data.comment).toMatchObject({ received: 1, adopted: 1, hidden: 1 });
    expect(page.hiddenCount).toBe(1);
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

describe('an answer and the 采纳情况 at the same moment', () => {
  it('the published counts always match the answers: an answer racing the close either lands before the tally or is refused (409)', async () => {
    const orgId = (await handler.get('/api/v1/auth/session')).json().user.orgId as string;
    for (let round = 0; round < 4; round++) {
      const c = await handler.post('/api/v1/cases', { type: 'normative_document', input: {
        title: `示范县停车收费管理办法（第${round + 1}稿）`, issuerOrgId: orgId, docKind: '办法', category: '市场监管', affectsMarket: false,
        draft: '第一条 为规范停车收费，根据有关法律法规，制定本办法。第二条 本办法自公布之日起施行。', explanation: '起草背景、依据和主要内容说明。',
        bases: [{ lawTitle: '中华人民共和国价格法', article: '第十八条' }] } });
      const id = c.json().id as string;
      expect((await act(handler, id, 'open_comment', { startOn: today(), endOn: plus(today(), 10) })).statusCode).toBe(200);
      expect((await pub('POST', `/public/normative/consultations/${id}/comments`, { body: '建议夜间停车免费，方便居民。' })).statusCode).toBe(201);
      const cid = (await handler.get(`/api/v1/consultations/cases/${id}/comments`)).json().items[0].id as string;
      expect((await handler.post(`/api/v1/consultations/comments/${cid}/answer`, { answer: '不采纳', reason: '夜间免费影响周转。' })).statusCode).toBe(200);
      env.clock.advance(11 * DAY); await loginAll();
      const [answer, close] = await Promise.all([
        handler.post(`/api/v1/consultations/comments/${cid}/answer`, { answer: '采纳', reason: '改为夜间减半收费。' }),
        act(handler, id, 'close_comment', { adoption: '共收到意见1条，采纳情况逐条说明如下。' })]);
      expect(close.statusCode, close.body).toBe(200);
      expect([200, 409]).toContain(answer.statusCode);
      const data = (await env.ctx.db.selectFrom('cases').select('data').where('id', '=', id).executeTakeFirstOrThrow()).data;
      const adopted = (data as { comment: { adopted: number } }).comment.adopted;
      const now = await env.ctx.db.selectFrom('consultationComments').select('answer').where('id', '=', cid).executeTakeFirstOrThrow();
      expect(adopted, `answer ${answer.statusCode}`).toBe(now.answer === '采纳' ? 1 : 0);
    }
  });
});

describe('公开征求意见 with phone verification (a county setting, off by default)', () => {
  let id = '';
  const codeSentTo = async (caseId: string) => {
    const r = await env.ownerSql(
      `select body from notifications where case_id = $1 and template = 'consultation-code' order by created_at desc limit 1`, [caseId]);
    return /验证码为 (\d{6})/.exec(String(r.rows[0]?.body ?? ''))?.[1] ?? '';
  };
  beforeAll(async () => { id = await consultingDraft('示范县犬只管理办法', today(), plus(today(), 10)); });

  it('409 for a code while the county does not require one; then 400 names the phone and the code; a wrong code is counted; '
    + 'the right one is used once', async () => {
    expect((await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13612345678' })).statusCode).toBe(409);
    const admin = await env.login('admin');
    const cur = (await admin.get('/api/v1/settings/spine.consultations')).json();
    expect(cur.values).toMatchObject({ phoneVerification: false, codeMinutes: 10 });
    const set = await admin.put('/api/v1/settings/spine.consultations', { values: { ...cur.values, phoneVerification: true }, version: cur.version });
    expect(set.statusCode, set.body).toBe(200);

    expect((await pub('GET', `/public/normative/consultations/${id}`)).json().phoneVerification).toBe(true);
    const none = await pub('POST', `/public/normative/consultations/${id}/comments`, { body: '建议规定遛狗必须牵绳。' });
    expect(none.statusCode).toBe(400);
    expect(paths(none)).toEqual(['body.code', 'body.phone']);
    expect(paths(await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '123' }))).toEqual(['body.phone']);
    expect((await pub('POST', '/public/consultations/00000000-0000-4000-8000-000000000000/phone-code', { phone: '13612345678' })).statusCode).toBe(404);
    const sent = await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13612345678' });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json().sentTo).toBe('136****5678');
    expect((await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13612345678' })).statusCode).toBe(429);
    const code = await codeSentTo(id);
    expect(code).toMatch(/^\d{6}$/);
    const stored = await env.ownerSql(`select phone_index, code_hash from consultation_phone_codes where case_id = $1`, [id]);
    expect(JSON.stringify(stored.rows)).not.toContain(code);
    expect(JSON.stringify(stored.rows)).not.toContain('13612345678');

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const miss = await pub('POST', `/public/normative/consultations/${id}/comments`, { body: '建议规定遛狗必须牵绳。', phone: '13612345678', code: wrong });
    expect(paths(miss)).toEqual(['body.code']);
    expect(miss.json().errors[0].message).toContain('还可尝试 4 次');
    const otherPhone = await pub('POST', `/public/normative/consultations/${id}/comments`, { body: '建议规定遛狗必须牵绳。', phone: '13612340000', code });
    expect(paths(otherPhone)).toEqual(['body.code']);
    const ok = await pub('POST', `/public/normative/consultations/${id}/comments`, { body: '建议规定遛狗必须牵绳。', phone: '13612345678', code });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await pub('POST', `/public/normative/consultations/${id}/comments`, { body: '同一验证码再提一条意见。', phone: '13612345678', code });
    expect(paths(again)).toEqual(['body.code']);
    const shown = (await pub('GET', `/public/normative/consultations/${id}`)).json().comments;
    expect(shown).toHaveLength(1);
  });

  it('five wrong codes use the code up; a code expires after the county minutes', async () => {
    env.clock.advance(61_000);
    expect((await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13712345678' })).statusCode).toBe(202);
    const code = await codeSentTo(id);
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) await pub('POST', `/public/normative/consultations/${id}/comments`, { body: '猜测验证码的意见。', phone: '13712345678', code: wrong });
    const locked = await pub('POST', `/public/normative/consultations/${id}/comments`, { body: '猜测验证码的意见。', phone: '13712345678', code });
    expect(locked.statusCode).toBe(400);
    expect(locked.json().errors[0].message).toContain('错误次数过多');
    env.clock.advance(61_000);
    expect((await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13712345678' })).statusCode).toBe(202);
    const fresh = await codeSentTo(id);
    env.clock.advance(10 * 60_000 + 1000);
    const late = await pub('POST', `/public/normative/consultations/${id}/comments`, { body: '过期验证码的意见。', phone: '13712345678', code: fresh });
    expect(late.json().errors[0].message).toContain('已过期');
  });

  it('guesses sent at once cannot pass the 5 tries: each try is counted before the code is compared', async () => {
    env.clock.advance(61_000);
    expect((await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13812345678' })).statusCode).toBe(202);
    const code = await codeSentTo(id);
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const rs = await Promise.all(guesses.map((g) =>
      pub('POST', `/public/normative/consultations/${id}/comments`, { body: '并发猜测验证码的意见。', phone: '13812345678', code: g })));
    expect(rs.every((r) => r.statusCode === 400)).toBe(true);
    expect(rs.filter((r) => String(r.json().errors[0].message).includes('不正确'))).toHaveLength(5);
    const row = await env.ownerSql(`select attempts from consultation_phone_codes where case_id = $1 order by created_at desc limit 1`, [id]);
    expect(Number(row.rows[0]!.attempts)).toBe(5);
    const locked = await pub('POST', `/public/normative/consultations/${id}/comments`, { body: '并发猜测验证码的意见。', phone: '13812345678', code });
    expect(locked.json().errors[0].message).toContain('错误次数过多');
  });

  it('requests for one number sent at once get one code (the minute and the daily cap are checked under a lock per number)', async () => {
    env.clock.advance(61_000);
    const rs = await Promise.all(Array.from({ length: 6 }, () => pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13512345678' })));
    expect(rs.map((r) => r.statusCode).sort()).toEqual([202, 429, 429, 429, 429, 429]);
  });

  it('a number gets at most 10 codes a day, over every consultation (no brute force by asking a new code each minute, no SMS flood)', async () => {
    for (let i = 0; i < 10; i++) {
      env.clock.advance(61_000);
      const r = await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13912345678' });
      expect(r.statusCode, r.body).toBe(202);
    }
    env.clock.advance(61_000);
    const capped = await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13912345678' });
    expect(capped.statusCode).toBe(429);
    expect(capped.headers['content-type']).toContain('application/problem+json');
    expect(capped.json().detail).toContain('今天');
    expect((await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13912340000' })).statusCode).toBe(202);
    env.clock.advance(DAY);
    expect((await pub('POST', `/public/consultations/${id}/phone-code`, { phone: '13912345678' })).statusCode).toBe(202);
  });
});
