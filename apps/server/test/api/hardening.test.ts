/**
 * Issue 10 #20: a password set by someone else must be changed before anything else; the session
 * cookie is Secure outside local development; Open311 is rate-limited like the portal; common
 * passwords and the published demo password are refused for users created or changed through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../harness.ts';
import { cookieSecure, loadConfig } from '../../src/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';
import { isCommonPassword } from '../../src/platform/auth/common-passwords.ts';

let env: TestEnv;
let admin: Session;
let orgId: string;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.login('admin');
  orgId = (await admin.get('/api/v1/auth/session')).json().user.orgId;
});
afterAll(async () => { await env.close(); });

const newUser = (username: string, password: string) =>
  admin.post('/api/v1/users', { username, displayName: '新同事', orgId, password, grants: [{ role: 'dispatcher', subtree: true }] });

describe('a password set by someone else', () => {
  it('must be changed before anything but the session, the password and logout', async () => {
    expect((await newUser('newcomer', 'Start#Pass2026x')).statusCode).toBe(201);
    const s = await env.login('newcomer', 'Start#Pass2026x');
    const blocked = await s.get('/api/v1/cases');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    expect((await s.post('/api/v1/cases', { type: 'hotline_ticket', input: {} })).json().code).toBe('password_change_required');
    const session = await s.get('/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().user.mustChangePassword).toBe(true);
    expect((await s.post('/api/v1/auth/password', { currentPassword: 'Start#Pass2026x', newPassword: 'Mine&Only2026z' })).statusCode).toBe(204);
    expect((await s.get('/api/v1/cases')).statusCode).toBe(200);
  });
});

describe('common and published passwords', () => {
  it.each(['Password@123', 'Admin@2024', '1qaz@WSX3edc', DEMO_PASSWORD])('%s is refused for a new user, naming the field', async (pw) => {
    const r = await newUser(`u${Math.abs(pw.length * 7919) % 9973}x${pw.charCodeAt(0)}`, pw);
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toContain('body.password');
  });

  it('and for a change of one\'s own password; the demo seed itself still logs in with the demo password', async () => {
    const s = await env.login('handler', DEMO_PASSWORD);
    const r = await s.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'P@ssw0rd123' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toContain('body.newPassword');
    expect(isCommonPassword(DEMO_PASSWORD)).toBe(true);
    expect(isCommonPassword('Mine&Only2026z')).toBe(false);
  });

  it('and in a user import', async () => {
    const code = (await env.ownerSql('select code from orgs where id = $1', [orgId])).rows[0].code as string;
    const csv = `用户名,姓名,机构编码,角色,含下级,手机,初始密码\nimported1,导入用户,${code},dispatcher,否,,${DEMO_PASSWORD}\n`;
    const boundary = 'b0undary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="users.csv"\r\nContent-Type: text/csv\r\n\r\n`
      + `${csv}\r\n--${boundary}--\r\n`;
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/users/import', payload, headers });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().imported).toBe(0);
    expect(JSON.stringify(r.json().rejected)).toContain('初始密码');
  });
});

describe('the session cookie is Secure outside local development', () => {
  it('by default, unless the server listens on localhost only or NODE_ENV is development/test; COOKIE_SECURE decides when set', () => {
    expect(cookieSecure({})).toBe(true);
    expect(cookieSecure({ HOST: '0.0.0.0', NODE_ENV: 'production' })).toBe(true);
    expect(cookieSecure({ HOST: '127.0.0.1' })).toBe(false);
    expect(cookieSecure({ HOST: 'localhost' })).toBe(false);
    expect(cookieSecure({ NODE_ENV: 'development' })).toBe(false);
    expect(cookieSecure({ NODE_ENV: 'test' })).toBe(false);
    expect(cookieSecure({ HOST: '127.0.0.1', COOKIE_SECURE: 'true' })).toBe(true);
    expect(cookieSecure({ COOKIE_SECURE: 'false' })).toBe(false);
    expect(() => cookieSecure({ COOKIE_SECURE: 'maybe' })).toThrow(/COOKIE_SECURE/);
    expect(loadConfig({ NODE_ENV: 'production' }).session.secureCookie).toBe(true);
  });

  it('and the login answer sets it so', async () => {
    const prod = await createTestEnv({ config: { session: { ...env.ctx.config.session, secureCookie: true } } });
    try {
      const r = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
      expect(r.statusCode).toBe(200);
      expect(String(r.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    } finally { await prod.close(); }
  });
});

describe('Open311 is rate-limited like the public API', () => {
  let limited: TestEnv;
  beforeAll(async () => { limited = await createTestEnv({ config: { rateLimit: { login: 1000, public: 3 } } }); });
  afterAll(async () => { await limited.close(); });

  it('GET and POST: the request over the limit gets 429 in Open311 format', async () => {
    const anon = anonymous(limited.app);
    const gets = [];
    for (let i = 0; i < 4; i++) gets.push(await anon.get('/open311/v2/requests.json'));
    expect(gets.slice(0, 3).map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(gets[3].statusCode).toBe(429);
    expect(gets[3].json()[0]).toMatchObject({ code: 429 });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const post = () => limited.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload: 'api_key=x', headers: form });
    const posts = [];
    for (let i = 0; i < 4; i++) posts.push(await post());
    expect(posts.slice(0, 3).map((r) => r.statusCode)).toEqual([403, 403, 403]);
    expect(posts[3].statusCode).toBe(429);
    expect(posts[3].body).toMatch(/<errors><error><code>429<\/code>/);
  });
});
