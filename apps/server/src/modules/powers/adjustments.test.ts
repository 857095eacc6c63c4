/**
 * 权责清单 adjustments run through the engine (case type powers_adjustment): failures first (404, 403, 400 per field, 409
 * for a second decision and for a stale proposal), two deciders at once (exactly one succeeds, the change applied
 * once), Idempotency-Key replays, a proposal from before the workflow (0.1), the case as the console's case page sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let admin: Session; let leader: Session; let handler: Session; let township: Session;
let orgs: Record<string, string>;
beforeAll(async () => {
  env = await createTestEnv();
  [admin, leader, handler, township] = await Promise.all(['admin', 'leader', 'handler', 'township'].map((u) => env.login(u)));
  const rows = (await env.ownerSql(`select code, id from orgs where region_code = '990101'`)).rows as { code: string; id: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r.id]));
});
afterAll(async () => { await env.close(); });
/** The receipt's code for a case, where the portal asks for one (the right one: the record is refused for what it is). */
const trackingCode = (caseId: string) => (env.ctx.crypto as { trackingCode?: (id: string) => string }).trackingCode?.(caseId) ?? 'AAAAAAAA';

const item = async (code: string) => (await admin.get(`/api/v1/powers/items?q=${code}`)).json().items[0] as { id: string; version: number; basisArticle: string };
async function propose(change: Record<string, unknown>, who: Session = admin, headers?: Record<string, string>) {
  const r = await who.post('/api/v1/powers/adjustments', { change, effectiveOn: '2026-06-15', reason: '依据条款调整' }, headers);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; status: string; caseId: string; number: string };
}

describe('failures first', () => {
  it('404 unknown adjustment; 403 for a handler and for another org; 400 per field; 409 for a second decision', async () => {
    const it0 = await item('JC-004');
    const p = await propose({ kind: 'modify', itemId: it0.id, changes: { basisArticle: '第十一条' } });
    expect(p.number).toMatch(/^TZ-2026-\d{6}$/);
    expect((await leader.post('/api/v1/powers/adjustments/00000000-0000-4000-8000-000000000000/approve', { note: '同意' })).statusCode).toBe(404);
    expect((await handler.post(`/api/v1/powers/adjustments/${p.id}/approve`, { note: '同意' })).statusCode).toBe(403);
    expect((await township.post(`/api/v1/powers/adjustments/${p.id}/reject`, { note: '不同意' })).statusCode).toBe(403);
    const bad = await leader.post(`/api/v1/powers/adjustments/${p.id}/approve`, { note: '' });
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.note']);
    expect((await leader.post(`/api/v1/powers/adjustments/${p.id}/reject`, { note: '依据不足，暂不调整' })).json()).toMatchObject({ status: 'rejected', caseId: p.caseId });
    const again = await leader.post(`/api/v1/powers/adjustments/${p.id}/approve`, { note: '同意' });
    expect(again.statusCode).toBe(409);
    expect(again.json().allowedActions).toEqual([]);
    expect((await item('JC-004')).basisArticle).toBe(it0.basisArticle);
  });

  it('the engine names bad fields of a proposal as the route knows them (body.change…)', async () => {
    const dup = await admin.post('/api/v1/powers/adjustments', { change: { kind: 'add', item: { code: 'JC-004', name: '重复编码', type: '行政检查', orgId: orgs.scjgj, basisLaw: '《测试法》', duties: ['检查'], level: 'county' } }, effectiveOn: '2026-06-15', reason: '测试重复编码' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors).toEqual([{ path: 'body.change.item.code', message: '该编码已在清单中或已有待审核的新增' }]);
  });
});

describe('the adjustment as a case', () => {
  it('two deciders approve at once: exactly one succeeds and the change is applied once', async () => {
    const it0 = await item('JC-004');
    const p = await propose({ kind: 'modify', itemId: it0.id, changes: { basisArticle: '第十二条' } });
    const [a, b] = await Promise.all([
      leader.post(`/api/v1/powers/adjustments/${p.id}/approve`, { note: '同意' }),
      admin.post(`/api/v1/powers/adjustments/${p.id}/approve`, { note: '同意' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = await item('JC-004');
    expect(after).toMatchObject({ basisArticle: '第十二条', version: it0.version + 1 });
    const events = (await env.ownerSql('select action from case_events where case_id = $1 order by seq', [p.caseId])).rows.map((r) => r.action);
    expect(events).toEqual(['open', 'approve']);
  });

  it('a stale proposal is refused (409) before anything is written', async () => {
    const it0 = await item('JC-004');
    const a = await propose({ kind: 'modify', itemId: it0.id, changes: { basisArticle: '第十三条' } });
    const b = await propose({ kind: 'modify', itemId: it0.id, changes: { basisArticle: '第十四条' } });
    expect((await leader.post(`/api/v1/powers/adjustments/${a.id}/approve`, { note: '同意' })).statusCode).toBe(200);
    const stale = await leader.post(`/api/v1/powers/adjustments/${b.id}/approve`, { note: '同意' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain('已被修改');
    expect((await env.ownerSql('select state, version from cases where id = $1', [b.caseId])).rows[0]).toEqual({ state: 'proposed', version: 1 });
    // it can still be rejected
    expect((await leader.post(`/api/v1/powers/adjustments/${b.id}/reject`, { note: '已被其他调整取代' })).statusCode).toBe(200);
  });

  it('Idempotency-Key: a repeated proposal or decision does nothing twice', async () => {
    const it0 = await item('JC-004');
    const h = { 'idempotency-key': 'powers-propose-0001' };
    const p1 = await propose({ kind: 'modify', itemId: it0.id, changes: { basisArticle: '第十五条' } }, admin, h);
    const p2 = await admin.post('/api/v1/powers/adjustments', { change: { kind: 'modify', itemId: it0.id, changes: { basisArticle: '第十五条' } }, effectiveOn: '2026-06-15', reason: '依据条款调整' }, h);
    expect(p2.headers['idempotent-replayed']).toBe('true');
    expect(p2.json().id).toBe(p1.id);
    const k = { 'idempotency-key': 'powers-approve-0001' };
    const a1 = await leader.post(`/api/v1/powers/adjustments/${p1.id}/approve`, { note: '同意' }, k);
    const a2 = await leader.post(`/api/v1/powers/adjustments/${p1.id}/approve`, { note: '同意' }, k);
    expect([a1.statusCode, a2.statusCode]).toEqual([200, 200]);
    expect(a2.headers['idempotent-replayed']).toBe('true');
    expect((await item('JC-004')).version).toBe(it0.version + 1);
  });

  it('the county administrator sees and decides it on the case page (the module policy), a handler of another org does not see it', async () => {
    const p = await propose({ kind: 'add', item: { code: 'CF-950', name: '对无证经营的处罚', type: '行政处罚', orgId: orgs.scjgj, basisLaw: '《无证无照经营查处办法》', duties: ['立案', '决定'], level: 'county' } });
    const view = (await admin.get(`/api/v1/cases/${p.caseId}`)).json();
    expect(view).toMatchObject({ typeLabel: '权责清单调整', stateLabel: '待审核', title: '新增：对无证经营的处罚' });
    expect(view.abilities.actions.map((a: { name: string }) => a.name)).toEqual(['approve', 'reject']);
    expect((await handler.get(`/api/v1/cases/${p.caseId}`)).json().abilities.actions).toEqual([]);
    expect((await township.get(`/api/v1/cases/${p.caseId}`)).statusCode).toBe(404);
    const ok = await admin.post(`/api/v1/cases/${p.caseId}/actions`, { action: 'approve', input: { note: '经审核同意' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await admin.get('/api/v1/powers/items?q=CF-950')).json().total).toBe(1);
    expect((await anonymous(env.app).get(`/api/v1/public/track/${p.number}?code=${trackingCode(p.caseId)}`)).statusCode).toBe(404);
  });
});

describe('a proposal from before the workflow (0.1)', () => {
  it('gets its case on its decision, dated when it was proposed, and is applied', async () => {
    const it0 = await item('JC-004');
    const cur = (await env.ownerSql('select * from powers_items where id = $1', [it0.id])).rows[0] as Record<string, unknown>;
    const before = { ...cur, id: it0.id };
    const r = await env.ownerSql(`insert into powers_adjustments (region_code, org_id, item_id, kind, effective_on, reason, before, after, status, proposed_by_name, proposed_at)
      values ('990101', $1, $2, 'modify', '2026-06-01', '旧系统提出的调整', $3::jsonb, $4::jsonb, 'proposed', '王管理', '2026-05-30T09:00:00+08:00') returning id`,
    [cur.org_id, it0.id, JSON.stringify({ version: it0.version, code: 'JC-004' }), JSON.stringify({ ...before, code: 'JC-004', name: cur.name, type: cur.type, orgId: cur.org_id, basisLaw: cur.basis_law, basisArticle: '第二十条', duties: cur.duties, level: cur.level, townshipKind: null, status: 'active', delegable: cur.delegable, delegatedOn: null, delegatedUntil: null, delegatedTo: [], version: it0.version + 1 })]);
    const id = String(r.rows[0]!.id);
    const [a, b] = await Promise.all([
      leader.post(`/api/v1/powers/adjustments/${id}/approve`, { note: '同意' }),
      admin.post(`/api/v1/powers/adjustments/${id}/approve`, { note: '同意' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await item('JC-004')).basisArticle).toBe('第二十条');
    const c = (await env.ownerSql(`select c.id, c.state, c.created_at from cases c join powers_adjustments a on a.case_id = c.id where a.id = $1`, [id])).rows;
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ state: 'approved' });
    expect(new Date(c[0]!.created_at as string).toISOString()).toBe('2026-05-30T01:00:00.000Z');
    const ev = (await env.ownerSql('select action, actor_name from case_events where case_id = $1 order by seq', [c[0]!.id])).rows;
    expect(ev.map((e) => e.action)).toEqual(['open', 'approve']);
    expect(ev[0]!.actor_name).toContain('权责清单');
    // an adjustment decided in 0.1 stays decided
    const old = await env.ownerSql(`insert into powers_adjustments (region_code, org_id, item_id, kind, effective_on, reason, after, status, proposed_by_name, proposed_at, decided_by_name, decided_at, decision_note)
      values ('990101', $1, $2, 'modify', '2026-06-01', '旧系统已批准', '{}'::jsonb, 'approved', '王管理', '2026-05-30T09:00:00+08:00', '李县长', '2026-05-31T09:00:00+08:00', '同意') returning id`, [cur.org_id, it0.id]);
    const r2 = await leader.post(`/api/v1/powers/adjustments/${old.rows[0]!.id}/reject`, { note: '再审' });
    expect(r2.statusCode).toBe(409);
  });
});
