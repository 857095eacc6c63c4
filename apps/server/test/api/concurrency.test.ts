/**
 * What the throughput work must not break (issue 12): numbers under concurrency (distinct, gap-free even when
 * transactions that took a number roll back), Idempotency-Key replays racing each other, the chains after a concurrent
 * load, and the API-token cache (a revoke, a disabled user, a revoked grant take effect at once in this process; a change
 * made by another process is seen within config.authCacheMs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../harness.ts';
import { verifyChains } from '../../src/platform/audit/chain.ts';
import { randomToken, sm3 } from '../../src/platform/crypto/sm.ts';

const CACHE_MS = 300;
let env: TestEnv;
let handler: Session; let reviewer: Session; let admin: Session;
let draftingOrgId: string; let handlerId: string;

beforeAll(async () => {
  env = await createTestEnv({ config: { authCacheMs: CACHE_MS } });
  [handler, reviewer, admin] = await Promise.all(['handler', 'reviewer', 'admin'].map((u) => env.login(u)));
  const me = (await handler.get('/api/v1/auth/session')).json().user;
  draftingOrgId = me.orgId;
  handlerId = me.id;
});
afterAll(async () => { await env.close(); });

const review = (title: string) => ({
  type: 'legality_review',
  input: { title, draftingOrgId, docKind: '办法', summary: '本办法规定了测试事项的管理要求和法律责任。' },
});
const seqOf = (number: string) => Number(number.split('-')[2]);

async function tokenFor(userId: string): Promise<{ headers: Record<string, string> }> {
  const token = `yifa_${randomToken(24)}`;
  await env.ctx.db.insertInto('apiTokens')
    .values({ name: '并发测试', tokenHash: sm3(token), prefix: token.slice(0, 9), userId, scopes: ['cases:write'] }).execute();
  return { headers: { authorization: `Bearer ${token}` } };
}
const asToken = (t: { headers: Record<string, string> }, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  env.app.inject({ method, url, headers: t.headers, ...(payload ? { payload: payload as object } : {}) });

describe('API token cache: failures first', () => {
  it('a revoked token fails at once, however often it was just used', async () => {
    const created = (await admin.post('/api/v1/tokens', { name: '缓存测试', scopes: ['cases:read'] })).json();
    const t = { headers: { authorization: `Bearer ${created.token}` } };
    for (let i = 0; i < 3; i++) expect((await asToken(t, 'GET', '/api/v1/cases?limit=1')).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/tokens/${created.id}/revoke`)).statusCode).toBe(200);
    expect((await asToken(t, 'GET', '/api/v1/cases?limit=1')).statusCode).toBe(401);
  });

  it('a disabled user\'s token fails at once; enabled again it works', async () => {
    const t = await tokenFor(handlerId);
    expect((await asToken(t, 'GET', '/api/v1/cases?limit=1')).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/users/${handlerId}/status`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await asToken(t, 'GET', '/api/v1/cases?limit=1')).statusCode).toBe(401);
    expect((await admin.post(`/api/v1/users/${handlerId}/status`, { status: 'active' })).statusCode).toBe(200);
    expect((await asToken(t, 'GET', '/api/v1/cases?limit=1')).statusCode).toBe(200);
    handler = await env.login('handler');
  });

  it('a revoke written by another process (straight to the database) is seen within authCacheMs', async () => {
    const t = await tokenFor(handlerId);
    expect((await asToken(t, 'GET', '/api/v1/cases?limit=1')).statusCode).toBe(200);
    await env.ownerSql('update api_tokens set revoked_at = now() where token_hash = $1', [sm3(t.headers.authorization.slice(7))]);
    await new Promise((r) => setTimeout(r, CACHE_MS + 50));
    expect((await asToken(t, 'GET', '/api/v1/cases?limit=1')).statusCode).toBe(401);
  });
});

describe('numbers and replays under concurrency', () => {
  it('racing creates with one Idempotency-Key make one case; the losers\' numbers roll back, leaving no gap', async () => {
    const before = (await handler.post('/api/v1/cases', review('幂等之前'))).json();
    const body = review('同一幂等键的并发登记');
    const rs = await Promise.all(Array.from({ length: 5 }, () => handler.post('/api/v1/cases', body, { 'idempotency-key': 'race-create-0001' })));
    expect(rs.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(rs.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(rs.filter((r) => r.headers['idempotent-replayed'] === 'false')).toHaveLength(1);
    const made = await env.ctx.db.selectFrom('cases').select(['id', 'number']).where('title', '=', '同一幂等键的并发登记').execute();
    expect(made).toHaveLength(1);
    expect(seqOf(made[0].number)).toBe(seqOf(before.number) + 1);
    const after = (await handler.post('/api/v1/cases', review('幂等之后'))).json();
    expect(seqOf(after.number)).toBe(seqOf(before.number) + 2);
  });

  it('racing actions with one Idempotency-Key act once', async () => {
    const c = (await handler.post('/api/v1/cases', review('并发受理'))).json();
    const act = () => reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' }, { 'idempotency-key': 'race-act-0001' });
    const rs = await Promise.all(Array.from({ length: 4 }, act));
    expect(rs.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const events = await env.ctx.db.selectFrom('caseEvents').select('action').where('caseId', '=', c.id).orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['open', 'accept']);
  });

  it('concurrent creates and actions by several actors: numbers distinct and consecutive, every chain verifies', async () => {
    const t = await tokenFor(handlerId);
    const first = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? handler.post('/api/v1/cases', review(`并发 ${i}`))
      : asToken(t, 'POST', '/api/v1/cases', review(`并发 ${i}`)))));
    expect(first.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const [acts, more] = await Promise.all([
      Promise.all(first.map((r) => reviewer.post(`/api/v1/cases/${r.json().id}/actions`, { action: 'accept' }))),
      Promise.all(Array.from({ length: 6 }, (_, i) => handler.post('/api/v1/cases', review(`并发第二批 ${i}`)))),
    ]);
    expect(acts.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(more.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    const seqs = [...first, ...more].map((r) => seqOf(r.json().number)).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(14);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect((await verifyChains(env.ctx.db)).problems).toEqual([]);
  });
});
