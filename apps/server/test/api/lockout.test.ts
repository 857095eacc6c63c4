/**
 * Login lockout (issue 10 #18): failures are counted atomically, so parallel guesses cannot outrun
 * the lock; one address locks itself out of an account quickly, the account as a whole only after
 * many failures from several addresses; an unknown name is answered exactly like a known one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../harness.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(async () => { await env.close(); });

const login = (username: string, password: string, remoteAddress: string) =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
/** What a caller can see of an answer (the request id and instance aside). */
const visible = (r: Awaited<ReturnType<typeof login>>) => {
  const { requestId: _r, instance: _i, ...rest } = r.json();
  return { status: r.statusCode, ...rest };
};

describe('login lockout', () => {
  it('20 parallel wrong passwords from one address: at most 5 are checked, then that address is locked out', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => login('leader', 'wrong-password-1A', '10.0.0.1')));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(4);
    expect(codes.filter((c) => c === 423).length).toBeGreaterThanOrEqual(16);
    expect(codes.every((c) => c === 401 || c === 423)).toBe(true);
    // Even the right password is refused from that address…
    expect((await login('leader', DEMO_PASSWORD, '10.0.0.1')).statusCode).toBe(423);
    const failed = await env.ownerSql("select count(*)::int as n from audit_log where action in ('auth.login_failed', 'auth.locked') and ip = '10.0.0.1'");
    expect(failed.rows[0].n).toBe(5);
    // …but one address cannot lock the account out for everyone.
    expect((await login('leader', DEMO_PASSWORD, '10.0.0.2')).statusCode).toBe(200);
    // The lock ends after 15 minutes.
    env.clock.advance(15 * 60_000 + 1000);
    expect((await login('leader', DEMO_PASSWORD, '10.0.0.1')).statusCode).toBe(200);
  });

  it('many addresses together lock the account itself (20 failures); an administrator can unlock it', async () => {
    for (let a = 1; a <= 4; a++) {
      for (let i = 0; i < 5; i++) await login('supervisor', 'wrong-password-1A', `10.1.0.${a}`);
    }
    const fresh = await login('supervisor', DEMO_PASSWORD, '10.1.0.99');
    expect(fresh.statusCode).toBe(423);
    expect(fresh.json().code).toBe('account_locked');
    const admin = await env.login('admin');
    const users = (await admin.get('/api/v1/users')).json() as { id: string; username: string; lockedUntil: string | null }[];
    const sup = users.find((u) => u.username === 'supervisor')!;
    expect(sup.lockedUntil).not.toBeNull();
    expect((await admin.post(`/api/v1/users/${sup.id}/unlock`)).statusCode).toBe(200);
    expect((await login('supervisor', DEMO_PASSWORD, '10.1.0.1')).statusCode).toBe(200);
  });

  it('an unknown name, or a disabled user with a wrong password, gets exactly the answers a known one gets', async () => {
    const admin = await env.login('admin');
    const users = (await admin.get('/api/v1/users')).json() as { id: string; username: string }[];
    const township = users.find((u) => u.username === 'township')!;
    expect((await admin.post(`/api/v1/users/${township.id}/status`, { status: 'disabled' })).statusCode).toBe(200);
    const seq = async (name: string, ip: string) => {
      const out = [];
      for (let i = 0; i < 7; i++) out.push(visible(await login(name, 'wrong-password-1A', ip)));
      return out;
    };
    const known = await seq('reviewer', '10.2.0.1');
    expect(await seq('nobody-at-all', '10.2.0.2')).toEqual(known);
    expect(await seq('township', '10.2.0.3')).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423, 423]);
    expect(known[0]).toMatchObject({ code: 'invalid_credentials', remainingAttempts: 4 });
  });
});
