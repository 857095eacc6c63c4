/**
 * X-Forwarded-For is believed only from configured proxies (issue 10 #19): by default from nobody,
 * so a forged header neither escapes the per-address limits nor writes a false address into the
 * audit log; with TRUST_PROXY set, the proxy's header gives the client address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../harness.ts';
import { loadConfig } from '../../src/config.ts';

const login = (env: TestEnv, remoteAddress: string, xff?: string) => env.app.inject({
  method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader', password: 'wrong-password-1A' },
  remoteAddress, headers: xff ? { 'x-forwarded-for': xff } : {},
});
const lastFailureIp = async (env: TestEnv) =>
  (await env.ownerSql("select ip from audit_log where action in ('auth.login_failed', 'auth.locked') order by id desc limit 1")).rows[0]?.ip;

describe('TRUST_PROXY unset (the default): nobody is a proxy', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await createTestEnv({ config: { rateLimit: { login: 3, public: 100 } } }); });
  afterAll(async () => { await env.close(); });

  it('a forged X-Forwarded-For does not change the address in the audit log', async () => {
    await login(env, '203.0.113.7', '198.51.100.1');
    expect(await lastFailureIp(env)).toBe('203.0.113.7');
  });

  it('nor escape the per-address rate limit', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await login(env, '203.0.113.8', `198.51.100.${i + 10}`)).statusCode);
    expect(codes.slice(3)).toEqual([429, 429]);
  });
});

describe('TRUST_PROXY=127.0.0.1,10.0.0.0/8', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await createTestEnv({ config: { trustProxy: ['127.0.0.1', '10.0.0.0/8'] } }); });
  afterAll(async () => { await env.close(); });

  it('the proxy\'s header names the client; anyone else\'s is ignored', async () => {
    await login(env, '10.1.2.3', '198.51.100.20');
    expect(await lastFailureIp(env)).toBe('198.51.100.20');
    await login(env, '203.0.113.9', '198.51.100.21');
    expect(await lastFailureIp(env)).toBe('203.0.113.9');
  });
});

describe('configuration', () => {
  it('TRUST_PROXY is a list of addresses or CIDRs, empty by default; a bad entry stops the start', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: ' 127.0.0.1, 10.0.0.0/8 ,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });
});
