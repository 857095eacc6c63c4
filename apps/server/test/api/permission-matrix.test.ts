/**
 * Issue 9 item 10: the permission matrix, property-tested through the API. Random people — one to three grants of any
 * declared role (spine or module) on any org, with or without its subtree — look at one case of every (type, state) the
 * demo county holds. What they see (200, 404, or 403 at the route) and the actions offered must be exactly what the
 * declared policy says: the workflow tables (roles or a permission per action, `view` permissions), the permissions'
 * roles and the module roles' permissions, grant scope (the org, or its subtree), and the modules' policy refinements.
 * The oracle below reads only those declarations; it does not call the engine.
 */
import fc from 'fast-check';
import type { ActionDef, Workflow } from '@yifa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalDateOf } from '@yifa/contracts';
import { createTestEnv, type Session, type TestEnv } from '../harness.ts';
import { policy, type Actor } from '../../src/platform/authz.ts';
import { createUser } from '../factories.ts';

let env: TestEnv;
let admin: Session;
let orgs: { id: string; path: string }[];
let cases: { id: string; type: string; state: string; data: Record<string, unknown>; paths: string[] }[];

beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.login('admin');
  orgs = (await env.ownerSql(`select id, path from orgs where dissolved_on is null order by path`)).rows as typeof orgs;
  const picked = (await env.ownerSql(`select distinct on (type, state) id, type, state, data from cases order by type, state, number`)).rows as
    { id: string; type: string; state: string; data: Record<string, unknown> }[];
  const holders = (await env.ownerSql(`select co.case_id, o.path from case_orgs co join orgs o on o.id = co.org_id where co.until is null`)).rows as { case_id: string; path: string }[];
  cases = picked.map((c) => ({ ...c, paths: holders.filter((h) => h.case_id === c.id).map((h) => h.path) }));
});
afterAll(async () => { await env.close(); });

interface G { role: string; orgId: string; path: string; subtree: boolean }

/** The declared policy, read as data. */
function oracle(grants: G[]) {
  const actor = { kind: 'user', userId: 'oracle', name: 'oracle', orgId: grants[0].orgId, grants: grants.map((g) => ({ role: g.role, orgId: g.orgId,
    orgPath: g.path, subtree: g.subtree })) } as unknown as Actor;
  const covers = (g: G, p: string) => (g.subtree ? p.startsWith(g.path) : p === g.path);
  const holds = (role: string, perm: string) => policy.permission(perm).roles.includes(role) || !!policy.roles.get(role)?.permissions?.includes(perm);
  const may = (perm: string, paths?: string[]) => {
    const base = grants.some((g) => (!paths || paths.some((p) => covers(g, p))) && holds(g.role, perm));
    const refine = policy.policies.get(policy.permission(perm).module);
    return refine ? refine(actor, perm, paths ? { orgPaths: paths } : {}, base) : base;
  };
  const rolesOn = (paths: string[]) => new Set(grants.filter((g) => paths.some((p) => covers(g, p))).map((g) => g.role));
  return {
    status(w: Workflow, paths: string[]): 200 | 403 | 404 {
      if (!may('case.view')) return 403; // the route: GET /cases/:id needs case.view somewhere
      return (w.view ?? ['case.view']).some((p) => may(p, paths)) ? 200 : 404;
    },
    actions(w: Workflow, state: string, paths: string[]): string[] {
      const on = rolesOn(paths);
      return Object.entries((w.transitions as Record<string, Record<string, ActionDef<string>>>)[state] ?? {})
        .filter(([, a]) => !a.system && (a.permission ? may(a.permission, paths) : a.roles.some((r) => on.has(r))))
        .map(([name]) => name).sort();
    },
  };
}

describe('permission matrix (every role × org scope × action of every workflow)', () => {
  it('what a person sees and may do on each case is exactly what the policy declares', async () => {
    const roles = [...policy.roles.keys()];
    expect(cases.length).toBeGreaterThan(10);
    let n = 0;
    const grant = fc.record({ role: fc.constantFrom(...roles), org: fc.integer({ min: 0, max: orgs.length - 1 }), subtree: fc.boolean() });
    await fc.assert(fc.asyncProperty(fc.array(grant, { minLength: 1, maxLength: 3 }), async (gs) => {
      const grants: G[] = gs.map((g) => ({ role: g.role, orgId: orgs[g.org].id, path: orgs[g.org].path, subtree: g.subtree }));
      const s = await createUser(env, admin, { username: `matrix.${++n}`, grants });
      const o = oracle(grants);
      for (const c of cases) {
        const w = env.ctx.registry.workflow(c.type)!;
        const r = await s.get(`/api/v1/cases/${c.id}`);
        const want = o.status(w, c.paths);
        expect(r.statusCode, `${JSON.stringify(gs)} ${c.type}/${c.state}: ${r.body.slice(0, 200)}`).toBe(want);
        if (want !== 200) continue;
        const got = (r.json().abilities.actions as { name: string }[]).map((a) => a.name).sort();
        // what the policy allows, less what the case type says does not apply to this case's facts today (CaseType.offered)
        const offered = env.ctx.registry.caseTypes.get(c.type)?.offered;
        const today = legalDateOf(env.clock.now());
        const want2 = o.actions(w, c.state, c.paths).filter((a) => !offered || offered(c.data, a, today));
        expect(got, `${JSON.stringify(gs)} ${c.type}/${c.state}`).toEqual(want2);
      }
    }), { seed: 20261130, numRuns: 15 });
  }, 180_000); // every role × scope × case of every type: grows with the modules
});
