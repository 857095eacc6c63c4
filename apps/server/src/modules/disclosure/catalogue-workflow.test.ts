/**
 * The 公开目录 item's life runs through the engine (case type disclosure_item): failures first (404, 403, 409 for every
 * illegal transition with the allowed actions, 400 per field), two reviewers publishing at once (exactly one succeeds),
 * Idempotency-Key replays, an item drafted before the workflow existed (0.1), items other modules published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { publishInTrx } from '../../platform/publication/publication.ts';

let env: TestEnv;
let handler: Session; let leader: Session; let supervisor: Session; let township: Session; let reviewer: Session;
let scjgj: string;
beforeAll(async () => {
  env = await createTestEnv();
  scjgj = String((await env.ownerSql(`select id from orgs where code = '990101-scjgj'`)).rows[0]!.id);
  // a second reviewer for the 市场监管局 (its 负责人), and a user who sees its items but does not manage them (a dispatcher there)
  await env.ownerSql(`insert into role_grants (user_id, role, org_id, subtree) select id, 'leader', $1, false from users where username = 'supervisor'`, [scjgj]);
  await env.ownerSql(`insert into role_grants (user_id, role, org_id, subtree) select id, 'dispatcher', $1, false from users where username = 'reviewer'`, [scjgj]);
  [handler, leader, supervisor, township, reviewer] = await Promise.all(['handler', 'leader', 'supervisor', 'township', 'reviewer'].map((u) => env.login(u)));
});
afterAll(async () => { await env.close(); });
/** The receipt's code for a case, where the portal asks for one (the right one: the record is refused for what it is). */
const trackingCode = (caseId: string) => (env.ctx.crypto as { trackingCode?: (id: string) => string }).trackingCode?.(caseId) ?? 'AAAAAAAA';

const ITEM = { title: '示范县市场监管局2026年双随机抽查计划', summary: '全年抽查事项、比例和频次', category: 'art20_14', formedOn: '2026-06-10' };
async function draft(over: Record<string, unknown> = {}) {
  const r = await handler.post('/api/v1/disclosure/items', { orgId: scjgj, ...ITEM, ...over });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; caseId: string; caseNumber: string; status: string };
}
const history = async (id: string) => ((await handler.get(`/api/v1/disclosure/items/${id}`)).json().history as { action: string }[]).map((h) => h.action);
const events = async (caseId: string) => ((await env.ownerSql('select action from case_events where case_id = $1 order by seq', [caseId])).rows as { action: string }[]).map((r) => r.action);

describe('failures first', () => {
  it('404 for an unknown item and for one the user cannot see; 403 for a user who sees it but does not manage the catalogue', async () => {
    const it0 = await draft();
    expect((await handler.post('/api/v1/disclosure/items/00000000-0000-4000-8000-000000000000/submit')).statusCode).toBe(404);
    expect((await township.post(`/api/v1/disclosure/items/${it0.id}/submit`)).statusCode).toBe(404);
    const r = await reviewer.post(`/api/v1/disclosure/items/${it0.id}/submit`);
    expect(r.statusCode).toBe(403);
    expect(await history(it0.id)).toEqual(['draft']);
  });

  it('409 for every illegal transition, naming the actions allowed now', async () => {
    const it0 = await draft();
    const review = await leader.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: true, opinion: '同意公开' });
    expect(review.statusCode).toBe(409);
    expect(review.json().allowedActions).toEqual(['submit']);
    for (const [path, body] of [['revise', { changedOn: '2026-06-12', reason: '更正' }], ['withdraw', { reason: '有误' }]] as const) {
      const r = await handler.post(`/api/v1/disclosure/items/${it0.id}/${path}`, body);
      expect(r.statusCode, path).toBe(409);
      expect(r.json().allowedActions).toEqual(['submit']);
    }
    expect((await handler.post(`/api/v1/disclosure/items/${it0.id}/submit`)).statusCode).toBe(200);
    const twice = await handler.post(`/api/v1/disclosure/items/${it0.id}/submit`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().allowedActions).toEqual(['publish', 'reject']);
    expect((await leader.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: true, opinion: '经保密审查，同意公开' })).statusCode).toBe(200);
    expect((await handler.post(`/api/v1/disclosure/items/${it0.id}/submit`)).json().allowedActions).toEqual(['revise', 'withdraw']);
    expect((await leader.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: false, opinion: '再看看' })).statusCode).toBe(409);
    expect((await handler.post(`/api/v1/disclosure/items/${it0.id}/withdraw`, { reason: '内容有误' })).statusCode).toBe(200);
    const after = await handler.post(`/api/v1/disclosure/items/${it0.id}/revise`, { changedOn: '2026-06-12', reason: '更正' });
    expect(after.statusCode).toBe(409);
    expect(after.json().allowedActions).toEqual([]);
    expect(await history(it0.id)).toEqual(['draft', 'submit', 'publish', 'withdraw']);
  });

  it('400 names every bad field of each action; the drafter may not do the 保密审查 (403)', async () => {
    const it0 = await draft();
    await handler.post(`/api/v1/disclosure/items/${it0.id}/submit`);
    const bad = await leader.post(`/api/v1/disclosure/items/${it0.id}/review`, { opinion: '' });
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.approve', 'body.opinion']);
    const own = await handler.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: false, opinion: '自己审自己' });
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toContain('起草人以外');
    await leader.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: true, opinion: '同意公开' });
    const rev = await handler.post(`/api/v1/disclosure/items/${it0.id}/revise`, { title: 'x', category: 'art99' });
    expect(rev.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.category', 'body.changedOn', 'body.reason', 'body.title']);
    expect((await handler.post(`/api/v1/disclosure/items/${it0.id}/withdraw`, {})).json().errors.map((e: { path: string }) => e.path)).toEqual(['body.reason']);
    // the generic case API gives the same 400, named inside its input
    const g = await handler.post(`/api/v1/cases/${it0.caseId}/actions`, { action: 'withdraw', input: {} });
    expect(g.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.input.reason']);
  });
});

describe('the catalogue item as a case', () => {
  it('every step is a case event with its audit record; the item is its projection; the case page offers the next steps', async () => {
    const it0 = await draft({ docNo: '示市监〔2026〕12号' });
    expect(it0.caseNumber).toMatch(/^ML-2026-\d{6}$/);
    await handler.post(`/api/v1/disclosure/items/${it0.id}/submit`);
    const view = (await leader.get(`/api/v1/cases/${it0.caseId}`)).json();
    expect(view.typeLabel).toBe('主动公开信息');
    expect(view.stateLabel).toBe('保密审查中');
    expect(view.abilities.actions.map((a: { name: string; confirm?: string }) => [a.name, !!a.confirm])).toEqual([['publish', true], ['reject', false]]);
    expect(view.facts.map((f: { label: string }) => f.label)).toEqual(expect.arrayContaining(['索引号', '公开类别', '文号']));
    // the publish goes through the generic case API as well: the catalogue follows
    const pub = await leader.post(`/api/v1/cases/${it0.caseId}/actions`, { action: 'publish', input: { opinion: '经保密审查，同意公开' } });
    expect(pub.statusCode, pub.body).toBe(200);
    const item = (await handler.get(`/api/v1/disclosure/items/${it0.id}`)).json();
    expect(item).toMatchObject({ status: 'published', publishedOn: '2026-06-15', late: false, secrecyReview: { approve: true, opinion: '经保密审查，同意公开' } });
    expect(await events(it0.caseId)).toEqual(['open', 'submit', 'publish']);
    const audit = (await env.ownerSql(`select action from audit_log where target_id = $1 order by id`, [it0.caseId])).rows.map((r) => r.action);
    expect(audit).toEqual(['case.open', 'case.submit', 'case.publish']);
    // not a 案件 the public tracks; the item itself is on the portal
    expect((await anonymous(env.app).get(`/api/v1/public/track/${it0.caseNumber}?code=${trackingCode(it0.caseId)}`)).statusCode).toBe(404);
    expect((await anonymous(env.app).get(`/api/v1/public/disclosure/items/${it0.id}`)).statusCode).toBe(200);
  });

  it('a revision changes only what it names and restarts the 20 WD from the change date', async () => {
    const it0 = await draft({ body: '正文第一版', attachments: [] });
    await handler.post(`/api/v1/disclosure/items/${it0.id}/submit`);
    await leader.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: true, opinion: '同意公开' });
    const rev = await handler.post(`/api/v1/disclosure/items/${it0.id}/revise`, { title: '示范县市场监管局2026年双随机抽查计划（修订）', changedOn: '2026-06-12', reason: '增加抽查事项' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json()).toMatchObject({ title: '示范县市场监管局2026年双随机抽查计划（修订）', summary: ITEM.summary, body: '正文第一版', formedOn: '2026-06-12', version: 2, late: false });
    expect(rev.json().publishDue).toBe('2026-07-13'); // 20 WD from Fri 06-12, 06-19 端午 not counted
  });

  it('the spine counts no catalogue item as a filed 案件', async () => {
    const before = (await leader.get('/api/v1/metrics/cases.filed')).json().value;
    await draft();
    expect((await leader.get('/api/v1/metrics/cases.filed')).json().value).toBe(before);
  });
});

describe('two reviewers, replays', () => {
  it('two reviewers publish the same item at once: exactly one succeeds, the other gets 409', async () => {
    const it0 = await draft();
    await handler.post(`/api/v1/disclosure/items/${it0.id}/submit`);
    const [a, b] = await Promise.all([
      leader.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: true, opinion: '领导：同意公开' }),
      supervisor.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: true, opinion: '负责人：同意公开' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await history(it0.id)).toEqual(['draft', 'submit', 'publish']);
    expect(await events(it0.caseId)).toEqual(['open', 'submit', 'publish']);
  });

  it('an Idempotency-Key replays the first answer and does nothing twice (create and action)', async () => {
    const h = { 'idempotency-key': 'catalogue-create-0001' };
    const body = { orgId: scjgj, ...ITEM, title: '示范县市场监管局行政处罚裁量基准' };
    const a = await handler.post('/api/v1/disclosure/items', body, h);
    const b = await handler.post('/api/v1/disclosure/items', body, h);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    expect((await env.ownerSql(`select count(*)::int as n from disclosure_items where title = $1`, [body.title])).rows[0]!.n).toBe(1);
    const k = { 'idempotency-key': 'catalogue-submit-0001' };
    const s1 = await handler.post(`/api/v1/disclosure/items/${a.json().id}/submit`, undefined, k);
    const s2 = await handler.post(`/api/v1/disclosure/items/${a.json().id}/submit`, undefined, k);
    expect([s1.statusCode, s2.statusCode]).toEqual([200, 200]);
    expect(s2.headers['idempotent-replayed']).toBe('true');
    expect(await history(a.json().id)).toEqual(['draft', 'submit']);
    // the same key for another request is refused
    expect((await handler.post(`/api/v1/disclosure/items/${a.json().id}/withdraw`, { reason: '换个键' }, k)).statusCode).toBe(422);
  });
});

describe('items from before the workflow (0.1) and items other modules published', () => {
  /** A row as yifa 0.1 wrote it: no case. */
  async function legacy(status: 'draft' | 'review' | 'published', title: string) {
    const handlerId = (await env.ownerSql(`select id from users where username = 'handler'`)).rows[0]!.id;
    const r = await env.ownerSql(`insert into disclosure_items (region_code, org_id, index_no, title, summary, category, formed_on, publish_due, status, created_by, created_at, updated_at, published_on, late)
      values ('990101', $1, $2, $3, '旧版本起草', 'art20_2', '2026-05-06', '2026-06-02', $4, $5, '2026-05-20T10:00:00+08:00', '2026-05-20T10:00:00+08:00', $6, $7) returning id`,
    [scjgj, `990101-scjgj/2026-9${Math.floor(Math.random() * 9000 + 1000)}`, title, status, handlerId, status === 'published' ? '2026-05-21' : null, status === 'published' ? false : null]);
    return String(r.rows[0]!.id);
  }

  it('a draft from 0.1 gets its case on its first action, dated when it was drafted; the drafter still may not review it', async () => {
    const id = await legacy('draft', '旧系统起草的机构职能信息');
    const s = await handler.post(`/api/v1/disclosure/items/${id}/submit`);
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().caseNumber).toMatch(/^ML-2026-/);
    const c = (await env.ownerSql(`select c.id, c.state, c.created_at from cases c join disclosure_items i on i.case_id = c.id where i.id = $1`, [id])).rows[0] as { id: string; state: string; created_at: Date };
    expect(c.state).toBe('review');
    expect(new Date(c.created_at).toISOString()).toBe('2026-05-20T02:00:00.000Z');
    const ev = (await env.ownerSql('select action, actor_name, input from case_events where case_id = $1 order by seq', [c.id])).rows as { action: string; actor_name: string; input: { adopted?: unknown } }[];
    expect(ev.map((e) => e.action)).toEqual(['open', 'submit']);
    expect(ev[0]!.actor_name).toContain('政务公开');
    expect(ev[0]!.input.adopted).toEqual({ table: 'disclosure_items', id });
    expect((await handler.post(`/api/v1/disclosure/items/${id}/review`, { approve: true, opinion: '自审' })).statusCode).toBe(403);
    const pub = await leader.post(`/api/v1/disclosure/items/${id}/review`, { approve: true, opinion: '同意公开' });
    expect(pub.json()).toMatchObject({ status: 'published', publishedOn: '2026-06-15', late: true });
    expect(await history(id)).toEqual(['submit', 'publish']);
  });

  it('an item in 保密审查 from 0.1: two reviewers at once open one case and publish once', async () => {
    const id = await legacy('review', '旧系统待审查的收费信息');
    const [a, b] = await Promise.all([
      leader.post(`/api/v1/disclosure/items/${id}/review`, { approve: true, opinion: '同意' }),
      supervisor.post(`/api/v1/disclosure/items/${id}/review`, { approve: true, opinion: '同意' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await env.ownerSql(`select count(*)::int as n from case_events e join disclosure_items i on i.case_id = e.case_id where i.id = $1 and e.action = 'publish'`, [id])).rows[0]!.n).toBe(1);
    expect((await env.ownerSql(`select count(*)::int as n from cases where data->>'indexNo' = (select index_no from disclosure_items where id = $1)`, [id])).rows[0]!.n).toBe(1);
  });

  it('a published item from 0.1 is revised and withdrawn through its adopted case', async () => {
    const id = await legacy('published', '旧系统已公开的办公地址');
    expect((await handler.post(`/api/v1/disclosure/items/${id}/submit`)).json().allowedActions).toEqual(['revise', 'withdraw']);
    expect((await handler.post(`/api/v1/disclosure/items/${id}/withdraw`, { reason: '机构搬迁' })).json()).toMatchObject({ status: 'withdrawn' });
    // one withdrawn in 0.1 stays withdrawn: 409, and no case is opened for it
    const gone = await legacy('published', '旧系统已撤回的信息');
    await env.ownerSql(`update disclosure_items set status = 'withdrawn' where id = $1`, [gone]);
    const r = await handler.post(`/api/v1/disclosure/items/${gone}/revise`, { changedOn: '2026-06-12', reason: '更正' });
    expect(r.statusCode).toBe(409);
    expect(r.json().allowedActions).toEqual([]);
    expect((await env.ownerSql(`select case_id from disclosure_items where id = $1`, [gone])).rows[0]!.case_id).toBeNull();
  });

  it('an item another module published has no 保密审查 step: 409 for it, revise and withdraw under its row lock', async () => {
    const { id } = await env.ctx.db.transaction().execute((trx) => publishInTrx(env.ctx, trx, {
      regionCode: '990101', orgId: scjgj, sourceModule: 'test', sourceRef: 'wf-1', category: 'art20_6_penalty', title: '行政处罚决定书（示市监罚〔2026〕8号）', summary: '对某超市的处罚', formedOn: '2026-06-10', actor: { userId: null, name: '测试模块' },
    }));
    const s = await handler.post(`/api/v1/disclosure/items/${id}/submit`);
    expect(s.statusCode).toBe(409);
    expect(s.json().allowedActions).toEqual(['revise', 'withdraw']);
    const rev = await handler.post(`/api/v1/disclosure/items/${id}/revise`, { title: '行政处罚决定书（示市监罚〔2026〕8号，更正）', changedOn: '2026-06-12', reason: '更正笔误' });
    expect(rev.json()).toMatchObject({ version: 2, caseId: null, summary: '对某超市的处罚' });
    expect((await handler.post(`/api/v1/disclosure/items/${id}/withdraw`, { reason: '决定被撤销' })).json().status).toBe('withdrawn');
    expect((await handler.post(`/api/v1/disclosure/items/${id}/withdraw`, { reason: '再撤' })).json().allowedActions).toEqual([]);
    expect(await history(id)).toEqual(['publish', 'revise', 'withdraw']);
  });
});
