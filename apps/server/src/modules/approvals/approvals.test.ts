import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let clerk: Session;
let leader: Session;
/** The 审批 post decides; the head of the 行政审批局 extends (Art. 42 ¶1). */
let approver: Session;
let head: Session;
let services: { id: string; code: string; name: string; materials: { name: string }[]; promisedDays: number; statutoryDays: number; instant: boolean; online: boolean }[];
const svc = (code: string) => services.find((s) => s.code === code)!;

beforeAll(async () => {
  env = await createTestEnv();
  clerk = await env.login('dispatcher');
  leader = await env.login('leader');
  approver = await env.login('approver');
  head = await env.login('bureau');
  services = (await clerk.get('/api/v1/powers/services')).json();
});
afterAll(async () => { await env.close(); });

const applicant = { applicantName: '钱多多', applicantPhone: '13812345678', applicantKind: 'person' };
async function open(s: Session, code: string, extra: Record<string, unknown> = {}) {
  return s.post('/api/v1/cases', { type: 'approval', input: { serviceId: svc(code).id, channel: 'window', ...applicant, materials: svc(code).materials.map((m) => m.name), ...extra } });
}
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  s.post(`/api/v1/cases/${id}/actions`, { action, input }, headers);
const clock = (v: { clocks: { key: string; status: string; totalLength: number; metDeadline: boolean | null }[] }, key: string) => v.clocks.find((c) => c.key === key)!;

describe('收件: failures first', () => {
  it('401 without login, 400 naming every bad field, 清单之外无审批', async () => {
    expect((await anonymous(env.app).post('/api/v1/cases', { type: 'approval', input: {} })).statusCode).toBe(401);
    const bad = await clerk.post('/api/v1/cases', { type: 'approval', input: { serviceId: 'x', channel: 'fax', applicantName: '', applicantPhone: '123', applicantIdNo: 'abc' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.applicantIdNo', 'body.input.applicantName', 'body.input.applicantPhone', 'body.input.channel', 'body.input.serviceId']);
    const unlisted = await clerk.post('/api/v1/cases', { type: 'approval', input: { serviceId: '00000000-0000-4000-8000-000000000000', ...applicant } });
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.json().detail).toContain('清单之外无审批');
    // The handler of 市场监管局 cannot open cases for the 行政审批局's items.
    const h = await env.login('handler');
    expect((await open(h, 'FW-001')).statusCode).toBe(403);
  });

  it('an item whose power is taken off the list can no longer be applied for', async () => {
    const admin = await env.login('admin');
    const power = (await admin.get('/api/v1/powers/items?q=XK-006')).json().items[0];
    const adj = await admin.post('/api/v1/powers/adjustments', { change: { kind: 'modify', itemId: power.id, changes: { status: 'suspended' } }, effectiveOn: '2026-06-15', reason: '暂停实施，等待上级明确' });
    expect((await leader.post(`/api/v1/powers/adjustments/${adj.json().id}/approve`, { note: '同意暂停' })).statusCode).toBe(200);
    const r = await open(clerk, 'FW-005');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toBe('body.input.serviceId');
  });
});

describe('window: 补正 round → 受理 → 特别程序 → 延长 → 准予 → 送达', () => {
  let id = '';
  it('收件 with missing materials records the checklist and starts the 5-day intake clock', async () => {
    const s = svc('FW-001');
    const r = await open(clerk, 'FW-001', { materials: s.materials.slice(0, 2).map((m) => m.name) });
    expect(r.statusCode).toBe(201);
    const v = r.json();
    id = v.id;
    expect(v.state).toBe('received');
    expect(v.data.missingMaterials).toEqual(s.materials.slice(2).map((m) => m.name));
    expect(v.data.trips).toBe(1);
    expect(clock(v, 'intake')).toMatchObject({ status: 'running', totalLength: 5 });
    // the applicant is a party (encrypted, masked), never in the stored event or the facts
    const ev = await env.ctx.db.selectFrom('caseEvents').select('input').where('caseId', '=', id).where('seq', '=', 1).executeTakeFirstOrThrow();
    const stored = JSON.stringify(ev.input) + JSON.stringify(v.data);
    for (const secret of [applicant.applicantName, applicant.applicantPhone]) expect(stored).not.toContain(secret);
    expect(v.parties[0]).toMatchObject({ role: 'applicant' });
    expect(JSON.stringify(v.parties)).not.toContain(applicant.applicantPhone);
  });

  it('409 lists allowed actions; 400 on an empty correction notice; the notice pauses the intake clock', async () => {
    const wrong = await act(clerk, id, 'approve', { licenceNo: 'X1' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().allowedActions.sort()).toEqual(['accept', 'notify_correction', 'refuse', 'withdraw']);
    const empty = await act(clerk, id, 'notify_correction', { items: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe('body.input.items');
    const r = await act(clerk, id, 'notify_correction', { items: ['经营场所平面图', '食品安全管理制度'] });
    expect(r.statusCode).toBe(200);
    expect(r.json().state).toBe('correcting');
    expect(clock(r.json(), 'intake').status).toBe('paused');
    expect((await act(clerk, id, 'accept')).statusCode).toBe(409);
  });

  it('补正 at the window counts a second trip and restarts the intake check; 受理 starts both decision clocks', async () => {
    env.clock.advance(2 * 24 * 3600_000);
    clerk = await env.login('dispatcher');
    const m = await act(clerk, id, 'materials_submitted', { channel: 'window', materials: ['经营场所平面图', '食品安全管理制度'] });
    expect(m.json().detail ?? m.json().state).toBe('received');
    expect(m.json().data.trips).toBe(2);
    const a = await act(clerk, id, 'accept', {}, { 'idempotency-key': 'accept-key-0001' });
    expect(a.json().detail ?? 'ok').toBe('ok');
    expect(a.statusCode).toBe(200);
    const replay = await act(clerk, id, 'accept', {}, { 'idempotency-key': 'accept-key-0001' });
    expect(replay.statusCode).toBe(200);
    const v = (await clerk.get(`/api/v1/cases/${id}`)).json();
    expect(v.version).toBe(a.json().version);
    expect(clock(v, 'intake')).toMatchObject({ status: 'stopped', metDeadline: true });
    expect(clock(v, 'decision')).toMatchObject({ status: 'running', totalLength: svc('FW-001').statutoryDays });
    expect(clock(v, 'promise')).toMatchObject({ status: 'running', totalLength: svc('FW-001').promisedDays });
  });

  it('特别程序 (专家评审) pauses both clocks; only the 负责人 may extend, by at most 10 WD', async () => {
    const s = await act(clerk, id, 'suspend', { procedure: '专家评审', expectedDays: 5 });
    expect(s.json().state).toBe('suspended');
    expect(clock(s.json(), 'decision').status).toBe('paused');
    expect(clock(s.json(), 'promise').status).toBe('paused');
    const bad = await act(clerk, id, 'suspend', { procedure: '现场勘验', expectedDays: 0 });
    expect(bad.statusCode).toBe(409);
    env.clock.advance(3 * 24 * 3600_000);
    clerk = await env.login('dispatcher');
    leader = await env.login('leader');
    approver = await env.login('approver');
    head = await env.login('bureau');
    const r = await act(clerk, id, 'resume', { result: '专家评审通过' });
    expect(clock(r.json(), 'decision').status).toBe('running');
    expect((await act(clerk, id, 'extend', { days: 5, reason: '需进一步核实' })).statusCode).toBe(403);
    // Art. 42 ¶1: 本行政机关负责人 — the county's leader is not the head of the 行政审批局
    const county = await act(leader, id, 'extend', { days: 5, reason: '需进一步核实' });
    expect(county.statusCode).toBe(403);
    expect(county.json().detail).toContain('本行政机关负责人');
    const tooMuch = await act(head, id, 'extend', { days: 11, reason: '需进一步核实' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].path).toBe('body.input.days');
    const e = await act(head, id, 'extend', { days: 6, reason: '需进一步核实' });
    expect(clock(e.json(), 'decision').totalLength).toBe(svc('FW-001').statutoryDays + 6);
    const again = await act(head, id, 'extend', { days: 5, reason: '仍需核实' });
    expect(again.statusCode).toBe(400); // 6 + 5 > 10 (Art. 42)
  });

  it('准予 stops the decision clocks and starts the 10-WD delivery clock; 窗口领取 is a third trip; the case is offered for rating', async () => {
    // the window clerk who accepted it does not decide it (受理与审批分岗)
    const self = await act(clerk, id, 'approve', { licenceNo: 'JY15199010100001' });
    expect(self.statusCode).toBe(403);
    const ap = await act(approver, id, 'approve', { licenceNo: 'JY15199010100001' });
    expect(ap.json().state).toBe('approved');
    expect(clock(ap.json(), 'decision')).toMatchObject({ status: 'stopped', metDeadline: true });
    expect(clock(ap.json(), 'delivery')).toMatchObject({ status: 'running', totalLength: 10 });
    const d = await act(clerk, id, 'deliver', { method: '窗口领取' });
    expect(d.json()).toMatchObject({ state: 'completed', terminal: true });
    expect(d.json().data.trips).toBe(3);
    const rows = (await clerk.get('/api/v1/approvals/applications?state=completed&itemCode=FW-001')).json();
    const row = rows.find((r: { caseId: string }) => r.caseId === id);
    expect(row).toMatchObject({ trips: 3, corrections: 1, decision: '准予许可' });
    const inv = await env.ownerSql('select handling_no, status from ratings_invitations where case_id = $1', [id]);
    expect(inv.rows).toEqual([{ handling_no: 1, status: 'open' }]);
  });

  it('不予许可 needs reasons and the remedy notice', async () => {
    const r = await open(clerk, 'FW-002');
    const cid = r.json().id;
    await act(clerk, cid, 'accept');
    const bad = await act(approver, cid, 'deny', { reasons: '不行', remedyNotified: false });
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.reasons', 'body.input.remedyNotified']);
    const ok = await act(approver, cid, 'deny', { reasons: '经现场核查，经营场所卫生条件不符合要求。', remedyNotified: true });
    expect(ok.json()).toMatchObject({ state: 'denied', terminal: true });
    expect(clock(ok.json(), 'promise').status).toBe('stopped');
  });
});

describe('the other transitions', () => {
  it('不予受理 names its fields and ends the case; 现场核查 keeps the clocks running; 撤回 stops them', async () => {
    const a = (await open(clerk, 'FW-004')).json().id;
    const bad = await act(clerk, a, 'refuse', { reason: '不知道', note: '' });
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.note', 'body.input.reason']);
    const r = await act(clerk, a, 'refuse', { reason: '申请事项依法不属于本行政机关职权范围', note: '已告知向市交通运输局申请。' });
    expect(r.json()).toMatchObject({ state: 'refused', terminal: true });
    expect(clock(r.json(), 'intake').status).toBe('stopped');
    expect((await act(clerk, a, 'accept')).json().allowedActions).toEqual([]);
    const b = (await open(clerk, 'FW-004')).json().id;
    await act(clerk, b, 'accept');
    const si = await act(clerk, b, 'site_inspection', { findings: '现场核查车辆停放场地，与申请材料一致。' });
    expect(si.json().state).toBe('reviewing');
    expect(clock(si.json(), 'decision').status).toBe('running');
    const w = await act(clerk, b, 'withdraw', { reason: '申请人书面申请撤回' });
    expect(w.json()).toMatchObject({ state: 'withdrawn', terminal: true });
    expect(['decision', 'promise'].map((k) => clock(w.json(), k).status)).toEqual(['stopped', 'stopped']);
    const row = await env.ownerSql('select state, decision, finished_at is not null as finished from approvals_applications where case_id = $1', [a]);
    expect(row.rows[0]).toEqual({ state: 'refused', decision: '不予受理', finished: true });
  });
});

describe('online application and 情景式服务', () => {
  it('the portal applies without login (channel online, no trip); items not offered online are refused', async () => {
    const pub = anonymous(env.app);
    const r = await pub.post('/api/v1/public/cases', { type: 'approval', input: { serviceId: svc('FW-002').id, channel: 'window', ...applicant, materials: [] } });
    expect(r.statusCode).toBe(201);
    const t = r.json();
    expect(t.number).toMatch(/^SP-2026-/);
    const row = await env.ownerSql('select channel, trips from approvals_applications a join cases c on c.id = a.case_id where c.number = $1', [t.number]);
    expect(row.rows).toEqual([{ channel: 'online', trips: 0 }]);
    const off = await pub.post('/api/v1/public/cases', { type: 'approval', input: { serviceId: svc('FW-011').id, ...applicant } });
    expect(off.statusCode).toBe(400);
  });

  it('a scenario fans out into one case per item with one combined status, counting one trip', async () => {
    expect((await clerk.post('/api/v1/approvals/scenarios', { name: '只有一个', serviceIds: [svc('FW-001').id] })).json().errors[0].path).toBe('body.serviceIds');
    const h = await env.login('handler');
    expect((await h.post('/api/v1/approvals/scenarios', { name: '我要开超市', serviceIds: [svc('FW-008').id, svc('FW-001').id] })).statusCode).toBe(403);
    const c = await clerk.post('/api/v1/approvals/scenarios', { name: '我要开超市', description: '营业执照 + 食品经营许可', serviceIds: [svc('FW-008').id, svc('FW-001').id] });
    expect(c.statusCode).toBe(201);
    const mats = c.json().materials.map((m: { name: string }) => m.name);
    expect(new Set(mats).size).toBe(mats.length);
    const applied = await clerk.post(`/api/v1/approvals/scenarios/${c.json().id}/apply`, { channel: 'window', ...applicant, materials: mats, form: { 店名: '便民超市' } }, { 'idempotency-key': 'bundle-1' });
    expect(applied.statusCode).toBe(201);
    const b = applied.json();
    expect(b).toMatchObject({ cases: 2, combined: '并联办理中' });
    expect(b.parts.reduce((s: number, p: { trips: number }) => s + p.trips, 0)).toBe(1);
    const replay = await clerk.post(`/api/v1/approvals/scenarios/${c.json().id}/apply`, { channel: 'window', ...applicant, materials: mats, form: { 店名: '便民超市' } }, { 'idempotency-key': 'bundle-1' });
    expect(replay.json().number).toBe(b.number);
    // 即办件 part decided at once: the combined status moves on.
    const parts = await env.ownerSql('select a.case_id, a.item_code from approvals_applications a where a.bundle_id = $1', [b.id]);
    const instant = parts.rows.find((p) => p.item_code === 'FW-008')!.case_id as string;
    await act(clerk, instant, 'accept');
    await act(approver, instant, 'approve', { licenceNo: '91990101MA0000001X' });
    await act(clerk, instant, 'deliver', { method: '电子证照' });
    expect((await anonymous(env.app).get(`/api/v1/public/bundles/${b.number}`)).statusCode).toBe(400);
    expect((await anonymous(env.app).get(`/api/v1/public/bundles/${b.number}?code=AAAAAAAA`)).statusCode).toBe(404);
    const st = (await anonymous(env.app).get(`/api/v1/public/bundles/${b.number}?code=${b.trackingCode}`)).json();
    expect(st.combined).toBe('部分办结，其余办理中');
    expect(st.parts.map((p: { state: string }) => p.state).sort()).toEqual(['completed', 'received']);
    expect((await anonymous(env.app).get('/api/v1/public/bundles/QJ-1?code=AAAAAAAA'))).toMatchObject({ statusCode: 400 });
    const online = await anonymous(env.app).post(`/api/v1/public/scenarios/${c.json().id}/apply`, { channel: 'window', ...applicant, materials: mats });
    expect(online.statusCode).toBe(201);
    expect(online.json().parts.map((p: { trips: number }) => p.trips)).toEqual([0, 0]);
    expect((await anonymous(env.app).post(`/api/v1/public/scenarios/${c.json().id}/apply`, { applicantName: '', applicantPhone: '1' })).json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.applicantName', 'body.applicantPhone']);
  });
});

describe('approval metrics on generated data', () => {
  it('办件量, 按时办结率 (承诺/法定), 即办件比例, 平均跑动次数 match an independent count', async () => {
    // August 2026 has no public holiday: 2026-08-03 is a Monday.
    env.clock.set(new Date('2026-08-03T09:00:00+08:00'));
    clerk = await env.login('dispatcher');
    const plan: { code: string; decideAfterWd: number; instant: boolean; windowPickup: boolean }[] = [
      { code: 'FW-002', decideAfterWd: 3, instant: false, windowPickup: true }, // promise 5 → on time
      { code: 'FW-002', decideAfterWd: 7, instant: false, windowPickup: false }, // late vs promise, on time vs 20
      { code: 'FW-004', decideAfterWd: 4, instant: false, windowPickup: true },
      { code: 'FW-008', decideAfterWd: 0, instant: true, windowPickup: false },
      { code: 'FW-008', decideAfterWd: 0, instant: true, windowPickup: true },
    ];
    const ids: string[] = [];
    for (const p of plan) ids.push((await open(clerk, p.code)).json().id);
    for (const id of ids) await act(clerk, id, 'accept');
    // Decide each after its number of working days (weekdays in August 2026).
    const wd = (n: number) => { const d = new Date('2026-08-03T15:00:00+08:00'); let k = 0; while (k < n) { d.setUTCDate(d.getUTCDate() + 1); const w = d.getUTCDay(); if (w !== 0 && w !== 6) k++; } return d; };
    const order = plan.map((p, i) => ({ ...p, i })).sort((a, b) => a.decideAfterWd - b.decideAfterWd);
    for (const p of order) {
      env.clock.set(wd(p.decideAfterWd));
      clerk = await env.login('dispatcher');
      approver = await env.login('approver');
      await act(approver, ids[p.i], 'approve', { licenceNo: `L-${p.i}` });
      await act(clerk, ids[p.i], 'deliver', { method: p.windowPickup ? '窗口领取' : '邮寄送达' });
    }
    env.clock.set(new Date('2026-09-01T09:00:00+08:00'));
    const l = await env.login('leader');
    const q = '?from=2026-08-01&to=2026-08-31';
    const count = (await l.get(`/api/v1/metrics/approvals.count${q}`)).json();
    expect(count.value).toBe(plan.length);
    // 按时办结率: the plan's decisions, plus the applications accepted earlier whose period ended in August undecided (late)
    const undecided = async (clock: string) => Number((await env.ownerSql(`select count(*)::int as n from approvals_applications a
      join clocks k on k.case_id = a.case_id and k.key = $1 where a.decided_at is null and a.state in ('reviewing', 'suspended')
      and k.status = 'running' and k.due_at between '2026-08-01T00:00:00+08:00' and '2026-08-31T23:59:59.999+08:00'`, [clock])).rows[0].n);
    const promiseOk = plan.filter((p) => p.decideAfterWd <= svc(p.code).promisedDays).length;
    const prom = (await l.get(`/api/v1/metrics/approvals.on_time_promise_rate${q}`)).json();
    expect([prom.numerator, prom.denominator]).toEqual([promiseOk, plan.length + await undecided('promise')]);
    expect(promiseOk).toBe(4);
    const stat = (await l.get(`/api/v1/metrics/approvals.on_time_statutory_rate${q}`)).json();
    expect([stat.numerator, stat.denominator]).toEqual([plan.length, plan.length + await undecided('decision')]);
    expect(await undecided('decision')).toBe(1); // the demo's 联合办理 item accepted in June (45 WD) and never decided
    const inst = (await l.get(`/api/v1/metrics/approvals.instant_ratio${q}`)).json();
    expect([inst.numerator, inst.denominator]).toEqual([plan.filter((p) => p.instant).length, plan.length]);
    const trips = (await l.get(`/api/v1/metrics/approvals.avg_trips${q}`)).json();
    const expectedTrips = plan.reduce((s, p) => s + 1 + (p.windowPickup ? 1 : 0), 0);
    expect(trips.numerator).toBe(expectedTrips);
    expect(trips.value).toBe(Math.round((expectedTrips / plan.length) * 100) / 100);
    const byItem = (await l.get(`/api/v1/metrics/approvals.on_time_promise_rate${q}&groupBy=item`)).json();
    const g = byItem.groups.find((x: { key: string }) => x.key === svc('FW-002').name);
    expect([g.numerator, g.denominator]).toEqual([1, 2]);
    const dd = (await l.get(`/api/v1/metrics/approvals.on_time_promise_rate/drilldown${q}&groupBy=item&group=${encodeURIComponent(svc('FW-002').name)}`)).json();
    expect(dd.total).toBe(2);
    expect(dd.items.map((i: { promiseMet: boolean }) => i.promiseMet).sort()).toEqual([false, true]);
  });

  it('承诺时限压缩率 and 申请材料精简率 from the catalogue', async () => {
    const l = await env.login('leader');
    const listed = services.filter((s) => s.code !== 'FW-005'); // FW-005's power was suspended above
    const withStat = listed.filter((s) => s.statutoryDays > 0);
    const comp = (await l.get('/api/v1/metrics/approvals.promise_compression')).json();
    const sp = withStat.reduce((a, s) => a + s.promisedDays, 0);
    const ss = withStat.reduce((a, s) => a + s.statutoryDays, 0);
    expect(comp.value).toBe(Math.round((1 - sp / ss) * 10000) / 100);
    const mat = (await l.get('/api/v1/metrics/approvals.material_reduction')).json();
    const all = (await l.get('/api/v1/powers/services')).json().filter((s: { code: string }) => s.code !== 'FW-005') as { materials: unknown[]; baselineMaterials: number }[];
    const cur = all.reduce((a, s) => a + s.materials.length, 0);
    const base = all.reduce((a, s) => a + s.baselineMaterials, 0);
    expect(mat.value).toBe(Math.round((1 - cur / base) * 10000) / 100);
    expect(mat.value).toBeGreaterThan(50);
  });
});
