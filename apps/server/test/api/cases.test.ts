import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../harness.ts';

let env: TestEnv;
let handler: Session; let reviewer: Session; let leader: Session; let township: Session;
let draftingOrgId: string;

async function loginAll() {
  [handler, reviewer, leader, township] = await Promise.all(['handler', 'reviewer', 'leader', 'township'].map((u) => env.login(u)));
}
beforeAll(async () => {
  env = await createTestEnv();
  await loginAll();
  draftingOrgId = (await handler.get('/api/v1/auth/session')).json().user.orgId;
});
afterAll(async () => { await env.close(); });

const newReview = (over: Record<string, unknown> = {}) => ({
  type: 'legality_review',
  input: { title: '示范县测试管理办法', draftingOrgId, docKind: '办法', summary: '本办法规定了测试事项的管理要求和法律责任。', ...over },
});

async function open(s = handler, over = {}) {
  const r = await s.post('/api/v1/cases', newReview(over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('cases: failures first', () => {
  it('400 names every bad field of the create input', async () => {
    const r = await handler.post('/api/v1/cases', { type: 'legality_review', input: { title: 'x', docKind: '小说', summary: '' } });
    expect(r.statusCode).toBe(400);
    const paths = r.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.input.docKind', 'body.input.draftingOrgId', 'body.input.summary', 'body.input.title']);
    expect(r.json().errors[0].message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('400 for a page position (cursor) that no page gave, never a query with an invalid date', async () => {
    for (const cursor of ['garbage', '12|x', 'NaN|00000000-0000-0000-0000-000000000000', '1e999|00000000-0000-0000-0000-000000000000']) {
      const r = await handler.get(`/api/v1/cases?cursor=${encodeURIComponent(cursor)}`);
      expect(r.statusCode, cursor).toBe(400);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(['query.cursor']);
    }
    const first = (await handler.get('/api/v1/cases?limit=1')).json();
    expect(first.nextCursor).toBeTruthy();
    const second = await handler.get(`/api/v1/cases?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(second.statusCode).toBe(200);
    expect(second.json().items[0].id).not.toBe(first.items[0].id);
  });

  it('400 for an unknown case type and for bad query, params and body at once', async () => {
    expect((await handler.post('/api/v1/cases', { type: 'nope', input: {} })).json().errors[0].path).toBe('body.type');
    const r = await handler.get('/api/v1/cases?limit=0&level=purple');
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.level', 'query.limit']);
  });

  it('403 when the user may not create for that org; 404 when the case is not visible', async () => {
    const r = await township.post('/api/v1/cases', newReview());
    expect(r.statusCode).toBe(403);
    const c = await open();
    // township (城关镇) cannot see a review of the market bureau's document.
    expect((await township.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect((await township.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' })).statusCode).toBe(404);
    // leader sees it county-wide but may not act on it: 403.
    expect((await leader.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(200);
    expect((await leader.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' })).statusCode).toBe(403);
    // the drafting handler may not accept (reviewer's action): 403 naming the role.
    const h = await handler.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' });
    expect(h.statusCode).toBe(403);
  });

  it('409 names the allowed actions', async () => {
    const c = await open();
    const r = await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'conclude', input: {} });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('transition_not_allowed');
    expect(r.json().allowedActions.sort()).toEqual(['accept', 'return']);
    expect(r.json().detail).toContain('已报送');
  });

  it('400 names every bad field of an action input', async () => {
    const c = await open();
    await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' });
    const r = await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'conclude', input: { conclusion: '也许', opinionNo: '3号', opinion: '短' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.conclusion', 'body.input.opinion', 'body.input.opinionNo']);
  });

  it('409 version_conflict when the client saw an old version', async () => {
    const c = await open();
    const r = await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept', version: 7 });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('version_conflict');
  });
});

describe('cases: the happy path', () => {
  // Tests move the injected clock by days; sessions idle out after 30 minutes, so log in afresh.
  beforeEach(loginAll);
  it('create → accept → pause for materials → resume → conclude, with clocks and timeline', async () => {
    const c = await open();
    expect(c.number).toMatch(/^HF-2026-\d{6}$/);
    expect(c.state).toBe('submitted');
    expect(c.orgs.map((o: { role: string }) => o.role).sort()).toEqual(['assist', 'owner']);
    const accepted = (await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' })).json();
    expect(accepted.state).toBe('reviewing');
    const clock = accepted.clocks.find((k: { key: string }) => k.key === 'review');
    expect(clock).toMatchObject({ status: 'running', dueDate: '2026-07-07', level: 'normal', sourced: true }); // 2026-06-15 + 15 WD, 端午 06-19 skipped
    expect(clock.explanation.join('')).toContain('端午节放假');
    env.clock.advance(24 * 3600_000);
    await loginAll();
    const paused = (await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'request_materials', input: { items: '起草说明' } })).json();
    expect(paused.clocks[0].status).toBe('paused');
    env.clock.advance(7 * 24 * 3600_000);
    await loginAll();
    const resumed = (await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'materials_received', input: {} })).json();
    expect(resumed.clocks[0].status).toBe('running');
    expect(resumed.clocks[0].dueDate > clock.dueDate).toBe(true);
    // 115号: 一般不少于5个工作日 of review (补充材料 time excluded) and the checklist answered item by item (legality-review/review.ts).
    env.clock.advance(7 * 24 * 3600_000);
    await loginAll();
    const checklist = (await handler.get('/api/v1/legality-review/checklists')).json()['规范性文件'].items.map((item: string) => ({ item, answer: '符合' }));
    const done = (await reviewer.post(`/api/v1/cases/${c.id}/actions`, {
      action: 'conclude', input: { conclusion: '合法', checklist, opinionNo: '示司审〔2026〕99号', opinion: '经审核，该文件制定主体适格，内容合法。' },
    })).json();
    expect(done.state).toBe('concluded');
    expect(done.terminal).toBe(true);
    expect(done.clocks[0]).toMatchObject({ status: 'stopped', metDeadline: true });
    expect(done.timeline.map((e: { action: string }) => e.action)).toEqual(['open', 'accept', 'request_materials', 'materials_received', 'conclude']);
    expect(done.abilities.actions).toEqual([]);
  });

  it('the queue is ordered by deadline and shows only what the user may act on', async () => {
    const r = (await reviewer.get('/api/v1/cases?actionable=true&open=true')).json();
    const dues = r.items.map((i: { dueAt: string | null }) => i.dueAt ?? '9999');
    expect([...dues].sort()).toEqual(dues);
    // the reviewer's open states: 合法性审查, and 附带审查 (legality-review/incidental.ts)
    const acting = ['submitted', 'reviewing', 'supplementing', 'received', 'notifying', 'answering', 'deciding', 'transferred'];
    expect(r.items.every((i: { state: string }) => acting.includes(i.state))).toBe(true);
    expect(r.counts.red).toBeGreaterThanOrEqual(1); // the seeded overdue review
  });

  it('replaying an Idempotency-Key returns the first result and does nothing twice', async () => {
    const key = 'create-key-123456';
    const a = await handler.post('/api/v1/cases', newReview(), { 'idempotency-key': key });
    const b = await handler.post('/api/v1/cases', newReview(), { 'idempotency-key': key });
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const differ = await handler.post('/api/v1/cases', newReview({ title: '另一个文件名称' }), { 'idempotency-key': key });
    expect(differ.statusCode).toBe(422);
    const act = { action: 'accept' };
    const x = await reviewer.post(`/api/v1/cases/${a.json().id}/actions`, act, { 'idempotency-key': 'accept-key-123456' });
    const y = await reviewer.post(`/api/v1/cases/${a.json().id}/actions`, act, { 'idempotency-key': 'accept-key-123456' });
    expect(x.statusCode).toBe(200);
    expect(y.statusCode).toBe(200);
    expect(y.json().version).toBe(x.json().version);
    expect(y.json().timeline.length).toBe(2);
  });

  it('a different request under a used Idempotency-Key is 422 even when it is also invalid (the key is judged first)', async () => {
    const key = 'create-key-invalid-after';
    expect((await handler.post('/api/v1/cases', newReview(), { 'idempotency-key': key })).statusCode).toBe(201);
    const r = await handler.post('/api/v1/cases', { type: 'legality_review', input: { title: 'x' } }, { 'idempotency-key': key });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('idempotency_mismatch');
  });

  it('a replay answers what the first request got, even when the same request made now would be refused', async () => {
    // a township of this test's own, dissolved after the first request: a new ticket naming it is refused, the replay is not
    const [t] = (await env.ownerSql(`select region_code, path from orgs where kind = 'township' and dissolved_on is null limit 1`)).rows;
    const parent = String(t.path).split('/').filter(Boolean).slice(0, -1);
    const [town] = (await env.ownerSql(`insert into orgs (code, kind, region_code, name, path, established_on)
      values ('idem-town', 'township', $1, '幂等镇', '/tmp/', '2020-01-01') returning id`, [t.region_code])).rows;
    await env.ownerSql(`update orgs set path = $1 where id = $2`, [`/${[...parent, town.id].join('/')}/`, town.id]);
    const dispatcher = await env.login('dispatcher');
    const ticket = { type: 'hotline_ticket', input: { channel: 'phone', ticketType: '求助', categoryCode: '01.02',
      description: '幂等镇某超市标价与结账价格不一致。', townshipId: town.id, parties: { name: '王五', phone: '13900001111' } } };
    const first = await dispatcher.post('/api/v1/cases', ticket, { 'idempotency-key': 'idem-town-ticket-1' });
    expect(first.statusCode, first.body).toBe(201);
    await env.ownerSql(`update orgs set dissolved_on = '2020-06-01' where id = $1`, [town.id]);
    const fresh = await dispatcher.post('/api/v1/cases', ticket, { 'idempotency-key': 'idem-town-ticket-2' });
    expect(fresh.statusCode).toBe(400);
    expect(fresh.json().errors.map((e: { path: string }) => e.path)).toContain('body.input.townshipId');
    const again = await dispatcher.post('/api/v1/cases', ticket, { 'idempotency-key': 'idem-town-ticket-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const n = await env.ownerSql(`select count(*)::int as n from cases where data->>'townshipId' = $1`, [town.id]);
    expect(n.rows[0].n).toBe(1);
  });

  it('two concurrent actions on one case: one wins, the other gets 409, nothing is lost', async () => {
    const c = await open();
    const [r1, r2] = await Promise.all([
      reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' }),
      reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'return', input: { reason: '报送材料不齐全', note: '缺少起草说明' } }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const v = (await reviewer.get(`/api/v1/cases/${c.id}`)).json();
    expect(v.version).toBe(2);
    expect(v.timeline.length).toBe(2);
  });

  it('the public tracking page shows the timeline and due date, never personal data', async () => {
    const c = await open();
    const staffView = (await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' })).json();
    const r = await anonymous(env.app).get(`/api/v1/public/track/${c.number.toLowerCase()}?code=${staffView.trackingCode.toLowerCase()}`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.timeline.map((t: { label: string }) => t.label)).toEqual(['报送审核', '受理']);
    expect(body.clocks[0].dueDate).toBe(staffView.clocks[0].dueDate);
    expect(JSON.stringify(body)).not.toContain('周承办');
    expect((await anonymous(env.app).get(`/api/v1/public/track/HF-1999-000001?code=${staffView.trackingCode}`)).statusCode).toBe(404);
  });

  it('case types ship their workflow with JSON Schemas for the forms', async () => {
    const types = (await handler.get('/api/v1/case-types')).json();
    const t = types.find((x: { type: string }) => x.type === 'legality_review');
    expect(t.create.allowed).toBe(true);
    expect(t.create.schema.properties.title.title).toBe('文件名称');
    expect(t.actions.conclude.schema.required).toContain('opinionNo');
  });
});
