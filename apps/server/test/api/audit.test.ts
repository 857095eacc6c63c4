import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../harness.ts';
import { verifyChains } from '../../src/platform/audit/chain.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(async () => { await env.close(); });

/** Tamper as the database owner with the append-only triggers switched off (what an intruder with DB access could do). */
async function tamper(sqlText: string, params: unknown[] = []) {
  await env.ownerSql('ALTER TABLE case_events DISABLE TRIGGER USER');
  await env.ownerSql('ALTER TABLE audit_log DISABLE TRIGGER USER');
  try { await env.ownerSql(sqlText, params); } finally {
    await env.ownerSql('ALTER TABLE case_events ENABLE TRIGGER USER');
    await env.ownerSql('ALTER TABLE audit_log ENABLE TRIGGER USER');
  }
}

describe('events and audit are append-only and hash-chained', () => {
  it('the app cannot UPDATE or DELETE events or audit rows', async () => {
    await expect(env.ctx.db.updateTable('caseEvents').set({ action: 'x' }).where('seq', '=', 1).execute()).rejects.toThrow();
    await expect(env.ctx.db.deleteFrom('auditLog').where('seq', '=', '1').execute()).rejects.toThrow();
  });

  it('an untouched database verifies clean (via the API task too)', async () => {
    expect((await verifyChains(env.ctx.db)).problems).toEqual([]);
    const admin = await env.login('admin');
    const t = await admin.post('/api/v1/tasks/audit-verify');
    expect(t.statusCode).toBe(202);
    let state;
    for (let i = 0; i < 50; i++) {
      state = (await admin.get(`/api/v1/tasks/${t.json().taskId}`)).json();
      if (state.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(state.status).toBe('done');
    expect(state.result.ok).toBe(true);
    expect(state.result.checked).toBeGreaterThan(20);
  });

  it('an event edited directly in SQL is detected and named', async () => {
    const row = (await env.ownerSql(`select e.id, c.number from case_events e join cases c on c.id = e.case_id where e.seq = 2 limit 1`)).rows[0];
    await tamper(`update case_events set input = '{"forged":true}' where id = $1`, [row.id]);
    const r = await verifyChains(env.ctx.db);
    expect(r.problems.some((p) => p.id === String(row.id) && p.message.includes(String(row.number)) && p.message.includes('被修改'))).toBe(true);
  });

  it('a deleted audit row and an inserted one are detected', async () => {
    const mid = (await env.ownerSql(`select id, seq from audit_log order by seq limit 1 offset 3`)).rows[0];
    await tamper(`delete from audit_log where id = $1`, [mid.id]);
    const r = await verifyChains(env.ctx.db);
    expect(r.problems.some((p) => p.table === 'audit_log' && p.message.includes(`缺少第 ${mid.seq} 条`))).toBe(true);
    await tamper(`insert into audit_log (chain, seq, occurred_at, actor_name, action, target_type, detail, prev_hash, hash) values ('990101', 100000, now(), '入侵者', 'forged', 'x', '{}', 'aa', 'bb')`);
    const r2 = await verifyChains(env.ctx.db);
    expect(r2.problems.some((p) => p.message.includes('forged'))).toBe(true);
  });

  it('every reveal of personal data is audited', async () => {
    const admin = await env.login('admin');
    const before = (await admin.get('/api/v1/audit?action=personal.reveal')).json().items.length;
    expect(before).toBe(0);
  });
});

describe('the audit log in words (issue 11: no codes on screens)', () => {
  it('every audit action the code writes has a label, and so has every target type', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { auditLabels } = await import('../../src/platform/audit/labels.ts');
    const labels = auditLabels(env.ctx.registry);
    const src = join(import.meta.dirname, '../../src');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const codes = new Set<string>(); const targets = new Set<string>();
    for (const f of files) {
      const text = readFileSync(join(src, f), 'utf8');
      for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/targetType: '([a-z_]+)'/g)) targets.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(30);
    expect([...codes].filter((c) => labels.action(c) === c)).toEqual([]);
    expect([...targets].filter((c) => labels.target(c) === c)).toEqual([]);
    expect(labels.action('case.serve')).toMatch(/^办件：/);
  });

  it('the list shows labels and target names beside the codes it filters on', async () => {
    const admin = await env.login('admin');
    const r = await admin.get('/api/v1/audit?limit=200');
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { action: string; actionLabel: string; targetType: string; targetLabel: string; targetId: string | null; targetName: string | null }[];
    const login = items.find((i) => i.action === 'auth.login')!;
    expect(login.actionLabel).toBe('登录');
    expect(login.targetLabel).toBe('用户');
    expect(login.targetName).toMatch(/admin/);
    // (the row the tamper test above forged has a made-up code: it is shown as it is)
    for (const i of items.filter((x) => x.action !== 'forged')) expect(i.actionLabel, i.action).not.toMatch(/^[a-z_.]+$/);
  });
});
