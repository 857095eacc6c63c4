/**
 * Issue 10 item 25: tamper evidence beyond the naive case. An intruder with database access (the owner
 * role, append-only triggers switched off) rewrites, truncates and re-hashes; keyed chains and signed
 * checkpoints must catch each, and say which mechanism did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type TestEnv } from '../harness.ts';
import { eventHash, sealCaseInTrx, verifyChains } from '../../src/platform/audit/chain.ts';
import { checkpointSignatureOk, createCheckpoint, verifyAgainstCheckpoint, type Checkpoint } from '../../src/platform/audit/checkpoints.ts';
import { canonicalJson, sm3 } from '../../src/platform/crypto/sm.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(async () => { await env.close(); });

const TABLES = ['case_events', 'audit_log', 'cases', 'case_orgs'];
async function tamper(...statements: [string, unknown[]?][]) {
  for (const t of TABLES) await env.ownerSql(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
  try { for (const [q, p] of statements) await env.ownerSql(q, p ?? []); } finally {
    for (const t of TABLES) await env.ownerSql(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
  }
}

interface Ev { id: string; case_id: string; seq: number; action: string; from_state: string | null; to_state: string; actor_id: string | null; actor_name: string;
  actor_org_id: string | null; input: Record<string, unknown>; public: boolean; occurred_at: Date; idempotency_key: string | null; prev_hash: string; hash: string }
const payload = (e: Ev) => ({
  caseId: e.case_id, seq: e.seq, action: e.action, fromState: e.from_state, toState: e.to_state, actorId: e.actor_id, actorName: e.actor_name,
  actorOrgId: e.actor_org_id, input: e.input, public: e.public, occurredAt: new Date(e.occurred_at), idempotencyKey: e.idempotency_key,
});
async function eventsOf(caseId: string): Promise<Ev[]> {
  return (await env.ownerSql('select * from case_events where case_id = $1 order by seq', [caseId])).rows as unknown as Ev[];
}
/** A case with at least n events, a different one per `pick` (each test tampers with its own). */
async function caseWith(minEvents: number, pick: number): Promise<{ id: string; number: string }> {
  return (await env.ownerSql(`select c.id, c.number from cases c where c.version >= $1 order by c.number limit 1 offset $2`, [minEvents, pick])).rows[0] as { id: string; number: string };
}

describe('keyed chains', () => {
  it('new links are keyed; the clean database verifies', async () => {
    const e = (await env.ownerSql('select hash from case_events order by id desc limit 1')).rows[0] as { hash: string };
    expect(e.hash.startsWith('hm3:')).toBe(true);
    const a = (await env.ownerSql('select hash from audit_log order by id desc limit 1')).rows[0] as { hash: string };
    expect(a.hash.startsWith('hm3:')).toBe(true);
    expect((await verifyChains(env.ctx.db)).problems).toEqual([]);
    // the boundary of keyed links cannot be moved by the app
    await expect(env.ctx.db.updateTable('integrityMarks').set({ value: '999999' }).execute()).rejects.toThrow();
  });

  it('a payload rewritten with every later hash recomputed as plain SM3 (no key) is caught', async () => {
    const c = await caseWith(3, 0);
    const evs = await eventsOf(c.id);
    const stmts: [string, unknown[]][] = [];
    let prev = evs[0].prev_hash;
    for (const e of evs) {
      const p = payload(e);
      if (e.seq === 2) p.input = { ...p.input, forged: true };
      const h = sm3(prev + canonicalJson(p));
      stmts.push([`update case_events set input = $1, prev_hash = $2, hash = $3 where id = $4`, [JSON.stringify(p.input), prev, h, e.id]]);
      prev = h;
    }
    stmts.push([`update cases set head_hash = $1 where id = $2`, [prev, c.id]]);
    await tamper(...stmts);
    await env.ctx.db.transaction().execute((trx) => sealCaseInTrx(trx, c.id)); // the insider re-seals the row too
    const r = await verifyChains(env.ctx.db);
    expect(r.problems.filter((x) => x.message.includes(c.number) && x.message.includes('降级')).length).toBe(evs.length);
  });
});

describe('signed checkpoints', () => {
  let cp: Checkpoint;
  it('are published on the portal with the public key, and verify with the public key alone', async () => {
    const admin = await env.login('admin');
    const made = await admin.post('/api/v1/audit/checkpoints');
    expect(made.statusCode).toBe(201);
    const list = await anonymous(env.app).get('/api/v1/public/audit/checkpoints?limit=5');
    expect(list.statusCode).toBe(200);
    cp = list.json()[0];
    expect(cp.body.format).toBe('yifa-audit-checkpoint/1');
    const key = (await anonymous(env.app).get('/api/v1/public/audit/key')).json();
    expect(cp.alg).toBe(key.alg);
    if (cp.alg === 'SM2-SM3') expect(checkpointSignatureOk(cp, { publicKey: key.publicKey })).toBe(true);
    expect(checkpointSignatureOk({ ...cp, body: { ...cp.body, events: { ...cp.body.events, count: cp.body.events.count - 1 } } }, { crypto: env.ctx.crypto, publicKey: key.publicKey })).toBe(false);
  });

  it('catch the last event deleted with the case rolled back to its previous head (which the chains alone cannot)', async () => {
    const before = await createCheckpoint(env.ctx);
    const c = await caseWith(3, 1);
    const evs = await eventsOf(c.id);
    const last = evs[evs.length - 1];
    const prev = evs[evs.length - 2];
    await tamper([`delete from case_events where id = $1`, [last.id]], [`update cases set version = $1, head_hash = $2, state = $3 where id = $4`, [prev.seq, prev.hash, prev.to_state, c.id]]);
    // without the chain key, the rolled-back row no longer fits its seal
    expect((await verifyChains(env.ctx.db)).problems.some((p) => p.message.includes(c.number) && p.message.includes('封印'))).toBe(true);
    // an insider holding the key re-seals it: a consistent truncation, invisible to the chains and seals
    await env.ctx.db.transaction().execute((trx) => sealCaseInTrx(trx, c.id));
    const chains = await verifyChains(env.ctx.db);
    expect(chains.problems.some((p) => p.message.includes(c.number))).toBe(false);
    const vs = await verifyAgainstCheckpoint(env.ctx.db, before, { crypto: env.ctx.crypto });
    expect(vs.some((p) => p.table === 'case_events' && p.message.includes('被删除'))).toBe(true);
  });

  it('catch an audit chain truncated and its head rolled back', async () => {
    const before = await createCheckpoint(env.ctx);
    const chain = before.body.audit.find((a) => Number(a.seq) > 2)!;
    const prior = (await env.ownerSql('select hash from audit_log where chain = $1 and seq = $2', [chain.chain, Number(chain.seq) - 1])).rows[0] as { hash: string };
    await tamper([`delete from audit_log where chain = $1 and seq = $2`, [chain.chain, chain.seq]]);
    await env.ownerSql(`update chain_heads set seq = seq - 1, hash = $1 where chain = $2`, [prior.hash, chain.chain]);
    expect((await verifyChains(env.ctx.db)).problems.some((p) => p.id === chain.chain)).toBe(false);
    const vs = await verifyAgainstCheckpoint(env.ctx.db, before, { crypto: env.ctx.crypto });
    expect(vs.some((p) => p.table === 'audit_log' && p.id === chain.chain && p.message.includes('回退链头'))).toBe(true);
  });

  it('catch a chain rewritten by someone holding the chain key (an insider): the checkpoint still disagrees', async () => {
    const before = await createCheckpoint(env.ctx);
    const c = (await env.ownerSql(`select c.id, c.number from cases c where c.version >= 2 order by c.number desc limit 1`)).rows[0] as { id: string; number: string };
    const evs = await eventsOf(c.id);
    const stmts: [string, unknown[]][] = [];
    let prev = evs[0].prev_hash;
    for (const e of evs) {
      const p = payload(e);
      if (e.seq === 1) p.actorName = '伪造的登记人';
      const h = eventHash(prev, p);
      stmts.push([`update case_events set actor_name = $1, prev_hash = $2, hash = $3 where id = $4`, [p.actorName, prev, h, e.id]]);
      prev = h;
    }
    stmts.push([`update cases set head_hash = $1 where id = $2`, [prev, c.id]]);
    await tamper(...stmts);
    await env.ctx.db.transaction().execute((trx) => sealCaseInTrx(trx, c.id)); // the insider re-seals the row too
    expect((await verifyChains(env.ctx.db)).problems.some((p) => p.message.includes(c.number))).toBe(false);
    const vs = await verifyAgainstCheckpoint(env.ctx.db, before, { crypto: env.ctx.crypto });
    expect(vs.some((p) => p.table === 'case_events' && p.message.includes('改写'))).toBe(true);
  });
});

describe('the case row is the fold of its events', () => {
  it('a state edited in the case row is caught', async () => {
    const c = (await env.ownerSql(`select id, number, state from cases where version >= 2 order by number limit 1 offset 3`)).rows[0] as { id: string; number: string; state: string };
    await tamper([`update cases set state = 'closed' where id = $1 and state <> 'closed'`, [c.id]]);
    if (c.state === 'closed') return;
    const r = await verifyChains(env.ctx.db);
    expect(r.problems.some((p) => p.table === 'cases' && p.message.includes(c.number) && p.message.includes('状态'))).toBe(true);
  });
});

describe('the case row and its holders are sealed (item 25a)', () => {
  const sealProblem = async (number: string) => (await verifyChains(env.ctx.db)).problems
    .filter((p) => p.table === 'cases' && p.message.includes(number) && (p.message.includes('封印')));
  const pick = async (offset: number) => (await env.ownerSql(`select id, number from cases where seal is not null order by number limit 1 offset $1`,
    [offset])).rows[0] as { id: string; number: string };

  it('every case the demo county wrote carries a keyed seal', async () => {
    const r = (await env.ownerSql(`select count(*) filter (where seal is null)::int as unsealed, count(*) filter (where seal like 'hm3:%')::int as keyed from cases`)).rows[0];
    expect(r).toMatchObject({ unsealed: 0 });
    expect(Number(r.keyed)).toBeGreaterThan(10);
  });

  it('a title or a fact edited in the row is caught', async () => {
    const a = await pick(10);
    await tamper([`update cases set title = title || '（改）' where id = $1`, [a.id]]);
    expect(await sealProblem(a.number)).toHaveLength(1);
    const b = await pick(11);
    await tamper([`update cases set data = data || '{"forged": true}'::jsonb where id = $1`, [b.id]]);
    expect(await sealProblem(b.number)).toHaveLength(1);
  });

  it('a holder added, ended or moved (which changes who sees the case) is caught', async () => {
    const a = await pick(12);
    const other = (await env.ownerSql(`select id from orgs where id not in (select org_id from case_orgs where case_id = $1) limit 1`, [a.id])).rows[0].id;
    await tamper([`insert into case_orgs (case_id, org_id, role, since) values ($1, $2, 'assist', now())`, [a.id, other]]);
    expect(await sealProblem(a.number)).toHaveLength(1);
    const b = await pick(13);
    await tamper([`update case_orgs set org_id = $2 where case_id = $1 and role = 'owner'`, [b.id, other]]);
    expect(await sealProblem(b.number)).toHaveLength(1);
  });

  it('a seal removed, or recomputed without the key, is caught', async () => {
    const a = await pick(14);
    await tamper([`update cases set seal = null, title = '改' where id = $1`, [a.id]]);
    expect((await sealProblem(a.number))[0].message).toContain('没有封印');
    const b = await pick(15);
    await tamper([`update cases set seal = 'hm3:' || repeat('0', 64) where id = $1`, [b.id]]);
    expect(await sealProblem(b.number)).toHaveLength(1);
  });
});
