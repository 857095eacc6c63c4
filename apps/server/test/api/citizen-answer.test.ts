/**
 * The citizen's loop (issue 11): the tracking page shows the public part of the answer (declared per action as
 * `answer`), and the citizen rates from it with the same factor (number + receipt code or phone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../harness.ts';

let env: TestEnv;
let dispatcher: Session; let handler: Session;
let orgs: Record<string, string>;

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, handler] = await Promise.all(['dispatcher', 'handler'].map((u) => env.login(u)));
  const rows = (await env.ownerSql(`select code, id, name from orgs where region_code = '990101'`)).rows as { code: string; id: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r.id]));
});
afterAll(async () => { await env.close(); });

const act = async (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => {
  const r = await s.post(`/api/v1/cases/${id}/actions`, { action, input });
  expect(r.statusCode, r.body).toBe(200);
};
const PHONE = '13912340001';
/** A citizen's ticket from the portal, dispatched to 市场监管局 and replied to (with a phone typed into the reply). */
async function replied() {
  const pub = anonymous(env.app);
  const r = await pub.post('/api/v1/public/cases', {
    type: 'hotline_ticket',
    input: { ticketType: '投诉', categoryCode: '01.02', description: '超市标价与结账价格不一致，多收了十元。', townshipId: orgs.cgz, parties: { name: '李梅', phone: PHONE } },
  });
  expect(r.statusCode, r.body).toBe(201);
  const { number, trackingCode: code } = r.json();
  const id = ((await env.ownerSql('select id from cases where number = $1', [number])).rows[0] as { id: string }).id;
  await act(dispatcher, id, 'dispatch', { leadOrgId: orgs.scjgj, note: '内部：该商家去年被投诉三次' });
  await act(handler, id, 'sign');
  await act(handler, id, 'reply', { result: '已解决', content: '经查价签未更新，已责令退还差价。李梅如有疑问请拨 13800001111 联系。', contactMethod: '电话' });
  return { id, number, code };
}

describe('the answer on the tracking page', () => {
  it('without the right factor: 404 and no answer; with it: the reply text redacted, its date and unit, never internal notes', async () => {
    const { id, number, code } = await replied();
    const pub = anonymous(env.app);
    const wrong = await pub.get(`/api/v1/public/track/${number}?code=ZZZZZZZZ`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).not.toContain('责令');
    expect((await pub.post('/api/v1/public/track', { number, phone: '13900000000' })).statusCode).toBe(404);
    const t = (await pub.get(`/api/v1/public/track/${number}?code=${code}`)).json();
    expect(t.answer).toMatchObject({ action: 'reply', outcome: '已解决', orgName: '示范县市场监督管理局' });
    expect(t.answer.text).toContain('已责令退还差价');
    expect(t.answer.text).not.toContain('13800001111');
    expect(t.answer.text).not.toContain('李梅');
    const ev = (await env.ownerSql(`select occurred_at from case_events where case_id = $1 and action = 'reply'`, [id])).rows[0] as { occurred_at: Date };
    expect(t.answer.occurredAt).toBe(new Date(ev.occurred_at).toISOString());
    expect(JSON.stringify(t)).not.toContain('去年被投诉');
    // the phone given works the same
    expect((await pub.post('/api/v1/public/track', { number, phone: PHONE })).json().answer.outcome).toBe('已解决');
  });
});

describe('rating from the tracking page', () => {
  it('fails with a wrong factor and before the end, then works once with the receipt code; the rating given is shown', async () => {
    const { id, number, code } = await replied();
    const pub = anonymous(env.app);
    expect((await pub.post('/api/v1/public/ratings', { number, level: 5 })).json().errors[0].path).toBe('body.phone');
    expect((await pub.post('/api/v1/public/ratings', { number, code, level: 5 })).statusCode).toBe(409);
    await act(handler, id, 'feedback', { summary: '已退还差价。' });
    await act(dispatcher, id, 'callback', { reached: true, satisfaction: '满意', resolved: true });
    await act(dispatcher, id, 'close');
    expect((await pub.post('/api/v1/public/ratings', { number, code: 'ZZZZZZZZ', level: 5 })).statusCode).toBe(404);
    expect((await pub.post('/api/v1/public/ratings/lookup', { number, code: 'ZZZZZZZZ' })).statusCode).toBe(404);
    const look = (await pub.post('/api/v1/public/ratings/lookup', { number, code })).json();
    expect(look.open).toHaveLength(1);
    const r = await pub.post('/api/v1/public/ratings', { number, code, level: 4 });
    expect(r.statusCode, r.body).toBe(201);
    expect((await pub.post('/api/v1/public/ratings', { number, phone: PHONE, level: 5 })).statusCode).toBe(409);
    const after = (await pub.post('/api/v1/public/ratings/lookup', { number, code })).json();
    expect(after.open).toHaveLength(0);
    expect(after.ratings[0].levelLabel).toBe('满意');
  });
});

describe('portal forms: the server names bad fields in plain Chinese', () => {
  it('a missing field says "请填写<title>", a wrong kind "<title>应为…", never the validator\'s words', async () => {
    const input = { channel: 'online', parties: { applicant: { phone: 5 } } };
    const r = await anonymous(env.app).post('/api/v1/public/cases', { type: 'disclosure_request', input });
    expect(r.statusCode).toBe(400);
    const byPath = Object.fromEntries((r.json().errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
    expect(byPath['body.input.orgId']).toBe('请填写受理机关');
    expect(byPath['body.input.description']).toBe('请填写所需政府信息的名称或特征性描述');
    expect(byPath['body.input.parties.applicant.name']).toBe('请填写申请人姓名或者名称');
    expect(byPath['body.input.parties.applicant.phone']).toBe('联系电话应为文字');
    for (const m of Object.values(byPath)) expect(m).not.toMatch(/无效输入|期望|实际接收/);
  });
});

describe('the 12345 map picker: only with a tile service the county configured', () => {
  it('off by default; a template without {z}/{x}/{y} is refused; configured, the portal gets the template with its key', async () => {
    const pub = anonymous(env.app);
    expect((await pub.get('/api/v1/public/map')).json()).toEqual({ enabled: false });
    const admin = await env.login('admin');
    const cur = (await admin.get('/api/v1/settings/spine.map')).json();
    const bad = await admin.put('/api/v1/settings/spine.map', { values: { ...cur.values, tileUrl: 'http://tiles.example/{z}.png' }, version: cur.version });
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.values.tileUrl']);
    const tileUrl = 'https://t0.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}';
    const ok = await admin.put('/api/v1/settings/spine.map', { values: { ...cur.values, tileUrl, tileKey: 'abc123' }, version: cur.version });
    expect(ok.statusCode).toBe(200);
    expect((await pub.get('/api/v1/public/map')).json()).toMatchObject({
      enabled: true, tileUrl: 'https://t0.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc123', zoom: 13,
    });
  });
});
