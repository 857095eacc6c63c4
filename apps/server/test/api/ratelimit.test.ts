import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type TestEnv } from '../harness.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv({ config: { rateLimit: { login: 3, public: 4 } } }); });
afterAll(async () => { await env.close(); });

describe('rate limits on login and public routes', () => {
  it('the fourth login attempt in a minute from one address gets 429 problem+json', async () => {
    const anon = anonymous(env.app);
    for (let i = 0; i < 3; i++) expect((await anon.post('/api/v1/auth/login', { username: 'x', password: 'y' })).statusCode).toBe(401);
    const r = await anon.post('/api/v1/auth/login', { username: 'x', password: 'y' });
    expect(r.statusCode).toBe(429);
    expect(r.json().code).toBe('rate_limited');
  });

  it('public tracking is limited too', async () => {
    const anon = anonymous(env.app);
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await anon.get('/api/v1/public/track/HF-2026-000001?code=ABCD2345')).statusCode);
    expect(codes.slice(0, 4).every((c) => c !== 429)).toBe(true);
    expect(codes[4]).toBe(429);
  });

  it('security headers are set', async () => {
    const r = await anonymous(env.app).get('/health');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-request-id']).toBeTruthy();
  });
});
