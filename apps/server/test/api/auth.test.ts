import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type TestEnv } from '../harness.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(async () => { await env.close(); });

describe('auth', () => {
  it('401 problem+json without a session', async () => {
    const r = await anonymous(env.app).get('/api/v1/cases');
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  it('400 names every bad field of a login', async () => {
    const r = await anonymous(env.app).post('/api/v1/auth/login', { username: '', password: '' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.password', 'body.username']);
  });

  it('wrong password: 401 with the attempts left; five failures lock for 15 minutes; the lock expires', async () => {
    const anon = anonymous(env.app);
    for (let i = 1; i <= 4; i++) {
      const r = await anon.post('/api/v1/auth/login', { username: 'leader', password: 'wrong-password' });
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ code: 'invalid_credentials', remainingAttempts: 5 - i });
    }
    const fifth = await anon.post('/api/v1/auth/login', { username: 'leader', password: 'wrong-password' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('account_locked');
    // Even the right password is refused while locked.
    const locked = await anon.post('/api/v1/auth/login', { username: 'leader', password: 'Yifa@2026demo' });
    expect(locked.statusCode).toBe(423);
    env.clock.advance(15 * 60_000 + 1000);
    const ok = await anon.post('/api/v1/auth/login', { username: 'leader', password: 'Yifa@2026demo' });
    expect(ok.statusCode).toBe(200);
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(ok.headers['set-cookie'])).toMatch(/SameSite=Strict/i);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const r = await anonymous(env.app).post('/api/v1/auth/login', { username: 'nobody', password: 'whatever-1A' });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('invalid_credentials');
  });

  it('cookie writes need the CSRF token', async () => {
    const s = await env.login('admin');
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('csrf_failed');
  });

  it('a session expires after 30 idle minutes', async () => {
    const s = await env.login('admin');
    expect((await s.get('/api/v1/auth/session')).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    const r = await s.get('/api/v1/auth/session');
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('session_expired');
  });

  it('logout ends the session', async () => {
    const s = await env.login('admin');
    expect((await s.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await s.get('/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('password policy: every problem is named; a good change works', async () => {
    const s = await env.login('township');
    const bad = await s.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'short' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('body.currentPassword');
    expect(paths.filter((p: string) => p === 'body.newPassword').length).toBeGreaterThanOrEqual(2);
    const good = await s.post('/api/v1/auth/password', { currentPassword: 'Yifa@2026demo', newPassword: 'Better#Passw0rd' });
    expect(good.statusCode).toBe(204);
    await expect(env.login('township')).rejects.toThrow();
    await env.login('township', 'Better#Passw0rd');
  });

  it('API tokens: scoped, hashed at rest, revocable', async () => {
    const admin = await env.login('admin');
    const created = await admin.post('/api/v1/tokens', { name: '只读客户端', scopes: ['cases:read'] });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const stored = await env.ownerSql('select token_hash from api_tokens where id = $1', [id]);
    expect(stored.rows[0].token_hash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer })).statusCode).toBe(200);
    // Out of scope: user management.
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/tokens/${id}/revoke`)).statusCode).toBe(200);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer })).statusCode).toBe(401);
  });
});
