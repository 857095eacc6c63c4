/**
 * Route × token-scope matrix (issue 10 #17). Every operation of the OpenAPI document, and the
 * Open311 routes, is called with an API token of each scope, owned by the demo administrator and
 * by the demo dispatcher. What each operation needs is data: the document's x-access,
 * x-permissions and x-token-scopes (from the manifests' routeAccess tables and the permissions'
 * declared scopes). A token never gets a 2xx on an operation its scope does not cover, is refused
 * before its input is even read (401/403, not a 400 or 404), and nothing answers 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../harness.ts';
import { operations, openapiDocument, plausible, type Operation } from '../openapi-walk.ts';
import { TOKEN_SCOPE_KEYS, type TokenScope } from '../../src/platform/authz.ts';

let env: TestEnv;
let ops: (Operation & { access?: string; scopes?: string[]; permissions?: string[] })[];
const tokens: { owner: string; scope: TokenScope; token: string }[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  const admin = await env.login('admin');
  const doc = await openapiDocument(env.app);
  const users = (await admin.get('/api/v1/users')).json() as { id: string; username: string }[];
  for (const owner of ['admin', 'dispatcher']) {
    const userId = users.find((u) => u.username === owner)!.id;
    for (const scope of TOKEN_SCOPE_KEYS) {
      const r = await admin.post('/api/v1/tokens', { name: `${owner} ${scope}`, scopes: [scope], userId });
      expect(r.statusCode, r.body).toBe(201);
      tokens.push({ owner, scope, token: r.json().token });
    }
  }
  ops = operations(doc).map((op) => {
    const o = op.open311 ? undefined : (doc.paths[op.path][op.method.toLowerCase()] as Record<string, unknown>);
    return {
      ...op, access: o?.['x-access'] as string | undefined,
      scopes: o?.['x-token-scopes'] as string[] | undefined, permissions: o?.['x-permissions'] as string[] | undefined,
    };
  });
});
afterAll(async () => { await env.close(); });

/** Open311: reading is public; creating a request needs an api_key whose token has the open311 scope. */
const open311Covers = (op: Operation, scope: TokenScope) => op.method === 'GET' || scope === 'open311';

describe('API token scopes', () => {
  it('every operation in the document says who may call it', () => {
    const undeclared = ops.filter((o) => !o.open311 && !['public', 'account', 'permission'].includes(o.access ?? ''));
    expect(undeclared.map((o) => `${o.method} ${o.path}`)).toEqual([]);
    // A permission no token scope allows is fine (tokens never may); an undeclared one is not.
    for (const o of ops.filter((x) => x.access === 'permission')) expect(o.permissions?.length, `${o.method} ${o.path}`).toBeGreaterThan(0);
  });

  it('a token gets nothing its scope does not cover, is refused before validation, and nothing answers 500', async () => {
    const problems: string[] = [];
    for (const op of ops) {
      for (const t of tokens) {
        const covers = op.open311 ? open311Covers(op, t.scope) : op.access === 'public' || (op.scopes ?? []).includes(t.scope);
        const req = plausible(op);
        let r;
        if (op.open311 && op.method === 'POST') {
          const form = new URLSearchParams({
            api_key: t.token, service_code: '02.01', description: '井盖缺失很危险，请尽快处理', address_string: '示范县城关镇人民路', 'attribute[road]': '人民路',
          });
          const headers = { 'content-type': 'application/x-www-form-urlencoded' };
          r = await env.app.inject({ method: 'POST', url: req.url, payload: form.toString(), headers });
        } else {
          r = await env.app.inject({ method: req.method as 'GET', url: req.url, payload: req.body as never, headers: { authorization: `Bearer ${t.token}` } });
        }
        const what = `${t.owner}/${t.scope} ${op.method} ${op.path} → ${r.statusCode}`;
        if (r.statusCode >= 500) problems.push(`${what} server error ${r.body.slice(0, 200)}`);
        if (!covers && r.statusCode < 400) problems.push(`${what}: outside the token's scope but succeeded`);
        if (!covers && ![401, 403].includes(r.statusCode)) problems.push(`${what}: outside the scope but not refused first (${r.body.slice(0, 120)})`);
        // Inside the scope, a 403 is the user's role, never the token's scope: the declaration matches the handler's check.
        if (covers && r.statusCode === 403 && /令牌|api_key/i.test(r.body)) {
          problems.push(`${what}: declared in scope but refused for scope (${r.body.slice(0, 160)})`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('the cases the attack found: a cases:read token cannot create a case; an open311 token cannot run ratings defaults, '
    + 'import or approve powers, create a scenario, read notifications', async () => {
    const tok = (owner: string, scope: TokenScope) => tokens.find((t) => t.owner === owner && t.scope === scope)!.token;
    const call = (method: 'GET' | 'POST', url: string, token: string, payload?: unknown) =>
      env.app.inject({ method, url, payload: payload as never, headers: { authorization: `Bearer ${token}` } });
    const input = { channel: 'phone', ticketType: '求助', categoryCode: '02.01', description: '井盖缺失很危险，请尽快处理', attributes: { road: '人民路' }, anonymous: true };
    const created = await call('POST', '/api/v1/cases', tok('dispatcher', 'cases:read'), { type: 'hotline_ticket', input });
    expect(created.statusCode, created.body).toBe(403);
    const o311 = tok('admin', 'open311');
    const attempts = [
      ['POST', '/api/v1/ratings/defaults'], ['POST', '/api/v1/powers/import'], ['POST', '/api/v1/approvals/scenarios'], ['GET', '/api/v1/notifications'],
    ] as const;
    for (const [method, url] of attempts) {
      const r = await call(method, url, o311, method === 'POST' ? {} : undefined);
      expect(r.statusCode, `${method} ${url} ${r.body}`).toBe(403);
    }
    const adj = (await env.ownerSql("select id from powers_adjustments where status = 'proposed' limit 1")).rows[0];
    if (adj) expect((await call('POST', `/api/v1/powers/adjustments/${String(adj.id)}/approve`, o311, { note: '同意调整' })).statusCode).toBe(403);
  });
});
