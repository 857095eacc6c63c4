/**
 * The hotline's clocks as the API shows them (rule, status, due date, 黄牌/红牌, met or not, the explanation), through
 * whole lives of tickets: every 派单目录 limit (normal, complex, sameday), every urgency, 延期, 重办 rounds, 改派 and
 * 终止办理 at every stage. The snapshot file was written while the clocks were moved by module code (a table of functions in onCaseEvent);
 * the declared workflow table must give the same figures. The one intended difference: the 重办 clock is one clock
 * `redo` running in rounds instead of `redo1`, `redo2`… (keys are shown as `redo` here).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { TEST_NOW } from '../../../test/template.ts';

let env: TestEnv;
let dispatcher: Session; let handler: Session; let leader: Session; let admin: Session;
let orgs: Record<string, string>;

async function loginAll() {
  [dispatcher, handler, leader, admin] = await Promise.all(['dispatcher', 'handler', 'leader', 'admin'].map((u) => env.login(u)));
}
beforeAll(async () => {
  env = await createTestEnv();
  const rows = (await env.ownerSql(`select code, id from orgs where region_code = '990101'`)).rows as { code: string; id: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r.id]));
  await loginAll();
});
afterAll(async () => { await env.close(); });
// Every ticket starts on Monday 2026-06-15 10:00 (Beijing), whatever the tests before it did.
beforeEach(async () => {
  env.clock.set(TEST_NOW);
  await loginAll();
});

const LEAVES = {
  normal: { categoryCode: '01.02', description: '城关镇某超市标价与结账价格不一致，多收了十元。' },
  complex: { categoryCode: '02.03', description: '城关镇某小区顶楼业主私自加盖一层。' },
  sameday: { categoryCode: '07.01', description: '城关镇人民路口信号灯损坏，车辆通行存在安全隐患。' },
} as const;

async function open(leaf: keyof typeof LEAVES, urgency: 'normal' | 'high' | 'urgent' = 'normal') {
  const r = await dispatcher.post('/api/v1/cases', { type: 'hotline_ticket', input: { channel: 'phone', ticketType: '投诉', urgency, townshipId: orgs.cgz, parties: { phone: '13912345678' }, ...LEAVES[leaf] } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
async function ok(s: Session, id: string, action: string, input: Record<string, unknown> = {}) {
  const r = await s.post(`/api/v1/cases/${id}/actions`, { action, input });
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
}
async function later(hours: number) {
  env.clock.advance(hours * 3_600_000);
  await loginAll();
}

interface ClockView { key: string; ruleKey: string; label: string; status: string; dueAt: string | null; level: string; metDeadline: boolean | null; explanation: string[] }
/** The clocks of a ticket as the case page shows them; a 重办 round's clock is called `redo`. */
async function clocks(id: string) {
  const v = (await dispatcher.get(`/api/v1/cases/${id}`)).json() as { clocks: ClockView[]; dueAt: string | null; warningLevel: string };
  const ks = v.clocks.map((k) => ({ ...k, key: k.key.replace(/^redo\d+$/, 'redo') })).sort((a, b) => (a.key < b.key ? -1 : 1));
  return {
    dueAt: v.dueAt, warningLevel: v.warningLevel,
    clocks: Object.fromEntries(ks.map((k) => [k.key, { rule: k.ruleKey, label: k.label, status: k.status, dueAt: k.dueAt, level: k.level, met: k.metDeadline, explanation: k.explanation }])),
  };
}
const REPLY = { result: '已解释说明', content: '已向诉求人解释价格构成，不属于价格违法。', contactMethod: '电话' };

describe('a whole life per 派单目录 limit and urgency', () => {
  for (const [leaf, urgency] of [['normal', 'normal'], ['complex', 'high'], ['sameday', 'urgent'], ['normal', 'urgent'], ['complex', 'normal']] as const) {
    it(`${leaf} leaf, ${urgency} urgency: 受理 → 派单 → 签收 → 延期 → 答复 → 回访不满意 → 重办 → 答复 → 办结`, async () => {
      const id = await open(leaf, urgency);
      const steps: Record<string, unknown> = { open: await clocks(id) };
      await later(1.5);
      await ok(dispatcher, id, 'dispatch', { leadOrgId: orgs.scjgj });
      steps.dispatch = await clocks(id);
      await later(3);
      await ok(handler, id, 'sign');
      await ok(handler, id, 'request_extension', { days: 2, reason: '需要调取三个月的销售记录。' });
      if (leaf === 'sameday') {
        // a same-day limit has no extension (no maxExtension): 400 on days, the approver says no
        const r = await leader.post(`/api/v1/cases/${id}/actions`, { action: 'approve_extension', input: { days: 2, reason: '同意延期2个工作日' } });
        expect(r.statusCode).toBe(400);
        expect(r.json().errors[0].path).toBe('body.input.days');
        await ok(leader, id, 'reject_extension', { reason: '当日办结事项不能延期' });
      } else await ok(leader, id, 'approve_extension', { days: 2, reason: '同意延期2个工作日' });
      steps.extension = await clocks(id);
      await later(30);
      await ok(handler, id, 'reply', REPLY);
      steps.reply = await clocks(id);
      await ok(handler, id, 'feedback', { summary: '已向诉求人解释。' });
      await ok(dispatcher, id, 'callback', { reached: true, satisfaction: '不满意', resolved: false });
      await later(2);
      await ok(dispatcher, id, 'redo', { reason: '诉求人认为未解决，重新核查。' });
      steps.redo = await clocks(id);
      await later(50);
      await ok(handler, id, 'reply', REPLY);
      steps.redoReply = await clocks(id);
      await ok(handler, id, 'feedback', { summary: '重新核查后已答复。' });
      await ok(dispatcher, id, 'callback', { reached: true, satisfaction: '基本满意', resolved: true });
      await ok(dispatcher, id, 'close');
      steps.closed = await clocks(id);
      expect(steps).toMatchSnapshot();
    });
  }
});

describe('终止办理 at every stage stops the running clocks and leaves the stopped ones', () => {
  const paths: Record<string, (id: string) => Promise<void>> = {
    registered: async () => undefined,
    dispatched: async (id) => { await ok(dispatcher, id, 'dispatch', { leadOrgId: orgs.scjgj }); },
    returned: async (id) => {
      await ok(dispatcher, id, 'dispatch', { leadOrgId: orgs.scjgj });
      await ok(handler, id, 'return', { reasonCode: '不属于本单位职责', note: '该事项属乡镇管辖，建议改派城关镇。' });
    },
    handling: async (id) => { await ok(dispatcher, id, 'dispatch', { leadOrgId: orgs.scjgj }); await ok(handler, id, 'sign'); },
    extension_requested: async (id) => {
      await paths.handling!(id);
      await ok(handler, id, 'request_extension', { days: 2, reason: '需要调取三个月的销售记录。' });
    },
    replied: async (id) => { await paths.handling!(id); await ok(handler, id, 'reply', REPLY); },
    callback_pending: async (id) => { await paths.replied!(id); await ok(handler, id, 'feedback', { summary: '已向诉求人解释。' }); },
    called_back: async (id) => { await paths.callback_pending!(id); await ok(dispatcher, id, 'callback', { reached: true, satisfaction: '不满意', resolved: false }); },
    redo_round: async (id) => { await paths.called_back!(id); await ok(dispatcher, id, 'redo', { reason: '诉求人认为未解决，重新核查。' }); },
  };
  for (const [stage, reach] of Object.entries(paths)) {
    it(`terminated in ${stage}`, async () => {
      const id = await open('normal');
      await later(1);
      await reach(id);
      await later(2);
      await ok(dispatcher, id, 'terminate', { reasonCode: '诉求人撤回诉求', note: '诉求人来电撤回诉求。' });
      const after = await clocks(id);
      expect(Object.values(after.clocks).every((k) => k.status === 'stopped')).toBe(true);
      expect(after).toMatchSnapshot();
    });
  }
});

describe('退单 and 改派', () => {
  it('改派 before 签收 restarts the sign and unit clocks; the citizen clock runs on', async () => {
    const id = await open('complex', 'high');
    await later(1);
    await ok(dispatcher, id, 'dispatch', { leadOrgId: orgs.scjgj });
    await later(5);
    await ok(handler, id, 'return', { reasonCode: '不属于本单位职责', note: '该事项属住建部门管辖，建议改派住建局。' });
    await later(2);
    await ok(dispatcher, id, 'redispatch', { leadOrgId: orgs.cgz, ruling: '同意退单，改派城关镇。' });
    expect(await clocks(id)).toMatchSnapshot();
  });

  it('退单 after 签收, then 改派: as before, a stopped sign clock is not restarted', async () => {
    const id = await open('normal');
    await ok(dispatcher, id, 'dispatch', { leadOrgId: orgs.scjgj });
    await later(1);
    await ok(handler, id, 'sign');
    await later(2);
    await ok(handler, id, 'return', { reasonCode: '不属于本单位职责', note: '该事项属乡镇管辖，建议改派城关镇。' });
    await ok(dispatcher, id, 'redispatch', { leadOrgId: orgs.cgz, ruling: '同意退单，改派城关镇。' });
    const v = await clocks(id);
    expect(v.clocks.sign!.status).toBe('stopped');
    expect(v).toMatchSnapshot();
  });
});

describe('重办 in rounds (a county allowing two)', () => {
  it('each round runs the leaf limit anew from its 重办; a late round stays a missed deadline', async () => {
    const s = await admin.put('/api/v1/settings/hotline', { values: { maxRedo: 2, duplicateDays: 30, extensionApprover: 'leader' }, version: 0 });
    expect(s.statusCode, s.body).toBe(200);
    const id = await open('normal');
    await ok(dispatcher, id, 'dispatch', { leadOrgId: orgs.scjgj });
    await ok(handler, id, 'sign');
    await ok(handler, id, 'reply', REPLY);
    await ok(handler, id, 'feedback', { summary: '已向诉求人解释。' });
    const rounds: { due: string | null; explanation: string[]; met: boolean | null }[] = [];
    for (const n of [1, 2]) {
      await ok(dispatcher, id, 'callback', { reached: true, satisfaction: '不满意', resolved: false });
      await later(1);
      await ok(dispatcher, id, 'redo', { reason: `第${n}次重办，重新核查。` });
      const view = (await dispatcher.get(`/api/v1/cases/${id}`)).json() as { clocks: ClockView[] };
      const running = view.clocks.filter((k) => k.key.startsWith('redo') && k.status === 'running');
      expect(running).toHaveLength(1);
      // round 1 is answered late (after 9 days), round 2 in time
      await later(n === 1 ? 9 * 24 : 2);
      await ok(handler, id, 'reply', REPLY);
      const met = (await env.ownerSql(`select met_deadline from clocks where case_id = $1 and key like 'redo%' order by updated_at desc limit 1`, [id])).rows[0]!.met_deadline as boolean;
      rounds.push({ due: running[0]!.dueAt, explanation: running[0]!.explanation, met });
      await ok(handler, id, 'feedback', { summary: '重新核查后已答复。' });
    }
    // 重办 06-15 11:00 → 5 WD (06-19 端午) → 06-23; 重办 06-24 13:00 → 5 WD → 07-01
    expect(rounds.map((r) => r.due)).toEqual(['2026-06-23T15:59:59.999Z', '2026-07-01T15:59:59.999Z']);
    expect(rounds[0]!.met).toBe(false);
    expect(rounds[0]!.explanation).toMatchSnapshot();
    // the spine's 按期办结率 counts a case late when any of its clocks missed its deadline: the late first round still counts
    const late = (await env.ownerSql(`select count(*)::int as n from clocks where case_id = $1 and met_deadline = false`, [id])).rows[0]!.n;
    expect(late).toBeGreaterThan(0);
    // one clock in rounds: the second round restarted it; the late first round is said and keeps it unmet
    const redo = ((await dispatcher.get(`/api/v1/cases/${id}`)).json() as { clocks: ClockView[] }).clocks.filter((k) => k.key.startsWith('redo'));
    expect(redo.map((k) => [k.key, k.status, k.metDeadline])).toEqual([['redo', 'stopped', false]]);
    expect(redo[0]!.explanation.join('')).toContain('回访不满意或未解决，重办，期限自该日重新计算');
    expect(redo[0]!.explanation.at(-1)).toContain('此前一轮计时已超过期限');

    // A 0.1 database kept one clock per round (redo1, redo2): migration 0004 folds them into this same clock.
    const row = (await env.ownerSql(`select * from clocks where case_id = $1 and key = 'redo'`, [id])).rows[0] as { entries: { kind: string; at: string; reason?: string }[] } & Record<string, unknown>;
    const cut = row.entries.findIndex((e) => e.kind === 'restart');
    const round2 = [{ kind: 'start', at: row.entries[cut]!.at, unit: 'workdays', length: 5, note: row.entries[cut]!.reason }, ...row.entries.slice(cut + 1)];
    const other = await open('normal');
    const legacy = (key: string, entries: unknown[], status: string, met: boolean) => env.ownerSql(
      `insert into clocks (case_id, key, rule_key, label, basis, yellow_within, max_extension, entries, status, due_at, level, met_deadline, updated_at)
       select $1, $2, rule_key, label, basis, yellow_within, max_extension, $3::jsonb, $4, due_at, level, $5, updated_at from clocks where id = $6`,
      [other, key, JSON.stringify(entries), status, met, row.id]);
    await legacy('redo1', row.entries.slice(0, cut), 'stopped', false);
    await legacy('redo2', round2, 'stopped', true);
    const migration = fs.readFileSync(path.join(import.meta.dirname, 'migrations', '0004_redo_rounds.sql'), 'utf8').replace(/^--.*$/gm, '');
    for (const stmt of migration.split(';').map((x) => x.trim()).filter(Boolean)) await env.ownerSql(stmt);
    const folded = (await env.ownerSql(`select key, entries, status, due_at, met_deadline from clocks where case_id = $1 and key like 'redo%'`, [other])).rows;
    expect(folded).toEqual([{ key: 'redo', entries: row.entries, status: row.status, due_at: row.due_at, met_deadline: false }]);
  });
});
