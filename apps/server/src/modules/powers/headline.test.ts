/**
 * Issue #5: a county must produce its headline figures from yifa's records. A small county is generated
 * through the API (under its own org subtree, so the demo county's records stay out of scope); every
 * headline metric is checked against answers computed here from the generated data, and edits dated after
 * the period must not move the period's figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let admin: Session;
let leader: Session;
let clerk: Session;

const P_FROM = '2026-01-01';
const P_END = '2026-06-15'; // the test clock's day: the period closes tonight
const AFTER = '2026-06-20'; // adjustments dated after the period
const NEXT_DAY = '2026-06-16';

/** A small deterministic generator (mulberry32), so the data varies but every run is the same. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20260615);
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

async function ok(r: Promise<{ statusCode: number; body: string; json: () => any }>) {
  const res = await r;
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

interface Org { id: string; name: string }
interface Item {
  code: string; id: string; type: string; org: Org; level: 'county' | 'township'; tk: '法定' | '赋予' | null; delegable: boolean;
  /** Dated, approved history: the org, delegation and status as of a date come from it. */
  events: { on: string; kind: 'transfer' | 'delegate' | 'revoke' | 'abolish' }[];
}
const ADDED_ON = '2026-01-05';
const orgOf = (i: Item, on: string) => (i.events.some((e) => e.kind === 'transfer' && e.on <= on) ? bureau : i.org);
const activeOn = (i: Item, on: string) => !i.events.some((e) => e.kind === 'abolish' && e.on <= on);
const delegatedOn = (i: Item, on: string) => i.events.some((e) => e.kind === 'delegate' && e.on <= on) && !i.events.some((e) => e.kind === 'revoke' && e.on <= on);

let root: Org;
let bureau: Org;
const depts: Org[] = [];
const towns: Org[] = [];
const items: Item[] = [];
let pendingTransfer: Item;
const scope = (to: string) => `?from=${P_FROM}&to=${to}&org=${root.id}`;
const metric = async (key: string, to: string, groupBy?: string) => ok(leader.get(`/api/v1/metrics/${key}${scope(to)}${groupBy ? `&groupBy=${groupBy}` : ''}`));

async function newOrg(code: string, kind: string, name: string, parentId: string): Promise<Org> {
  const r = await ok(admin.post('/api/v1/orgs', { code: `990101-${code}`, kind, regionCode: '990101', name, parentId, establishedOn: '2020-01-01' }));
  return { id: r.id, name };
}
async function adjust(change: Record<string, unknown>, effectiveOn: string, approve = true): Promise<void> {
  const { id } = await ok(admin.post('/api/v1/powers/adjustments', { change, effectiveOn, reason: '生成县测试数据调整' }));
  if (approve) await ok(leader.post(`/api/v1/powers/adjustments/${id}/approve`, { note: '经审核同意' }));
}

beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.login('admin');
  leader = await env.login('leader');
  clerk = await env.login('dispatcher');
  const gov = ((await ok(admin.get('/api/v1/orgs'))) as { id: string; code: string }[]).find((o) => o.code === '990101-gov')!;
  root = await newOrg('gen', 'other', '生成县（测试）', gov.id);
  bureau = await newOrg('gen-spj', 'department', '生成县行政审批局', root.id);
  for (let i = 1; i <= 5; i++) depts.push(await newOrg(`gen-d${i}`, 'department', `生成县第${i}局`, root.id));
  for (let i = 1; i <= 3; i++) towns.push(await newOrg(`gen-t${i}`, 'township', `生成镇${i}`, root.id));

  // The list: items of departments and townships, added in January.
  for (let n = 1; n <= 30; n++) {
    const township = rand() < 0.25;
    const type = township ? pick(['行政许可', '行政处罚', '行政确认']) : pick(['行政许可', '行政许可', '行政许可', '行政处罚', '行政检查', '公共服务']);
    const org = township ? pick(towns) : pick(depts);
    const item: Item = {
      code: `GEN-${String(n).padStart(3, '0')}`, id: '', type, org, level: township ? 'township' : 'county', tk: township ? pick(['法定', '赋予'] as const) : null,
      delegable: !township && rand() < 0.45, events: [],
    };
    await adjust({ kind: 'add', item: { code: item.code, name: `生成事项${n}`, type, orgId: org.id, basisLaw: '《生成条例》', duties: ['受理', '决定'], level: item.level, townshipKind: item.tk, delegable: item.delegable } }, ADDED_ON);
    item.id = (await ok(admin.get(`/api/v1/powers/items?q=${item.code}`))).items[0].id;
    items.push(item);
  }
  // 划转 (相对集中行政许可权): most county licensing powers move to the bureau in February; one only after the period.
  const licences = items.filter((i) => i.level === 'county' && i.type === '行政许可');
  licences.forEach((i, k) => { if (k === 0) pendingTransfer = i; else if (k === 1) i.events.push({ on: AFTER, kind: 'transfer' }); else if (rand() < 0.7) i.events.push({ on: '2026-02-01', kind: 'transfer' }); });
  // A punishment power moved to the bureau is not a licensing transfer.
  const punishment = items.find((i) => i.level === 'county' && i.type === '行政处罚')!;
  punishment.events.push({ on: '2026-02-01', kind: 'transfer' });
  // 下放: delegable items delegated in March; one taken back in May, one delegated only after the period.
  const delegable = items.filter((i) => i.delegable);
  delegable.forEach((i, k) => {
    if (k === 0) i.events.push({ on: AFTER, kind: 'delegate' });
    else if (rand() < 0.65) { i.events.push({ on: '2026-03-01', kind: 'delegate' }); if (k === 1) i.events.push({ on: '2026-05-01', kind: 'revoke' }); }
  });
  // Abolished: one in the period (with a transfer before it), one after the period.
  const onlyTransferred = items.filter((i) => i.type === '行政许可' && i.events.length === 1 && i.events[0].kind === 'transfer' && i.events[0].on < P_END);
  onlyTransferred[onlyTransferred.length - 1].events.push({ on: '2026-04-01', kind: 'abolish' });
  items.filter((i) => i.level === 'township')[0].events.push({ on: AFTER, kind: 'abolish' });
  // Apply every adjustment in order of its effective date (each is proposed and approved).
  const all = items.flatMap((i) => i.events.map((e) => ({ i, e }))).sort((a, b) => (a.e.on < b.e.on ? -1 : a.e.on > b.e.on ? 1 : 0));
  for (const { i, e } of all) {
    if (e.kind === 'transfer') await adjust({ kind: 'modify', itemId: i.id, changes: { orgId: bureau.id } }, e.on);
    if (e.kind === 'delegate') await adjust({ kind: 'delegate', itemId: i.id, townshipIds: [pick(towns).id] }, e.on);
    if (e.kind === 'revoke') await adjust({ kind: 'revoke_delegation', itemId: i.id }, e.on);
    if (e.kind === 'abolish') await adjust({ kind: 'abolish', itemId: i.id }, e.on);
  }
  // A transfer proposed but never approved does not count.
  await adjust({ kind: 'modify', itemId: pendingTransfer.id, changes: { orgId: bureau.id } }, '2026-02-01', false);
}, 300_000);
afterAll(async () => { await env.close(); });

describe('the 行政审批局 designation: failures first', () => {
  it('401 anonymous, 403 for a handler, 400 for an org that is not a department or a date not after the current one', async () => {
    const put = (s: Session | ReturnType<typeof anonymous>, body: Record<string, unknown>) => s.put('/api/v1/designations/approval_bureau', body);
    expect((await put(anonymous(env.app), { orgId: bureau.id, validFrom: P_FROM })).statusCode).toBe(401);
    const handler = await env.login('handler');
    expect((await put(handler, { orgId: bureau.id, validFrom: P_FROM })).statusCode).toBe(403);
    const bad = await put(admin, { orgId: towns[0].id, validFrom: P_FROM });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.orgId']);
    expect((await put(admin, { orgId: 'x', validFrom: '2026-13-01' })).json().errors.map((e: { path: string }) => e.path)).toEqual(['body.orgId', 'body.validFrom']);
    expect((await put(admin, { orgId: bureau.id, validFrom: '2019-01-01' })).json().errors.map((e: { path: string }) => e.path)).toEqual(['body.validFrom']);
    // The demo county designates its own bureau and seeds transfers from several departments; the generated county's bureau takes its
    // place from the start of the period (a designation has a date: the figures of a period use the bureau designated then).
    const current = (await ok(admin.get('/api/v1/designations'))).find((d: { key: string }) => d.key === 'approval_bureau');
    expect(current.current.orgName).toBe('示范县行政审批局');
    const demo = await ok(leader.get(`/api/v1/metrics/powers.license_transfers?to=${P_END}&groupBy=from_org`));
    expect(demo.value).toBeGreaterThan(0);
    expect(demo.groups.length).toBeGreaterThan(1);
    expect((await ok(put(admin, { orgId: bureau.id, validFrom: P_FROM, basis: '生成县测试' }))).current.name).toBe(bureau.name);
    const history = (await ok(admin.get('/api/v1/designations'))).find((d: { key: string }) => d.key === 'approval_bureau').history;
    expect(history.map((h: { orgName: string; validTo: string | null }) => [h.orgName, h.validTo])).toEqual([[bureau.name, null], ['示范县行政审批局', P_FROM]]);
  });
});

describe('headline figures of the 权责清单, as of the period end', () => {
  const expectedOn = (on: string) => {
    const active = items.filter((i) => activeOn(i, on));
    const rate = (svc: boolean) => {
      const pool = active.filter((i) => i.delegable && (i.type === '公共服务') === svc);
      return [pool.filter((i) => delegatedOn(i, on)).length, pool.length];
    };
    const moved = active.filter((i) => i.type === '行政许可' && orgOf(i, on) === bureau);
    const byFrom = new Map<string, number>();
    for (const i of moved) byFrom.set(i.org.name, (byFrom.get(i.org.name) ?? 0) + 1);
    return {
      items: active.length,
      legal: active.filter((i) => i.tk === '法定').length,
      granted: active.filter((i) => i.tk === '赋予').length,
      powerRate: rate(false), serviceRate: rate(true), transfers: moved.length, byFrom,
    };
  };

  it('the generated data exercises every case', () => {
    const e = expectedOn(P_END);
    expect(e.transfers).toBeGreaterThan(2);
    expect(e.byFrom.size).toBeGreaterThan(1);
    expect(e.legal + e.granted).toBeGreaterThan(2);
    expect(e.powerRate[0]).toBeGreaterThan(0);
    expect(e.powerRate[0]).toBeLessThan(e.powerRate[1]);
    expect(e.serviceRate[1]).toBeGreaterThan(0);
  });

  it('权责清单事项数, 乡镇法定 / 赋予, 下放率, 行政许可事项划转 match the generated list; later adjustments do not move them', async () => {
    for (const on of [P_END, '2026-06-30']) {
      const e = expectedOn(on);
      const items = await metric('powers.items', on, 'level');
      expect(items.value).toBe(e.items);
      const level = (k: string) => items.groups.find((g: { key: string }) => g.key === k)?.value ?? 0;
      expect([level('乡镇法定'), level('乡镇赋予')]).toEqual([e.legal, e.granted]);
      const p = await metric('powers.delegation_rate', on);
      expect([p.numerator, p.denominator]).toEqual(e.powerRate);
      const s = await metric('powers.service_delegation_rate', on);
      expect([s.numerator, s.denominator]).toEqual(e.serviceRate);
      const t = await metric('powers.license_transfers', on, 'from_org');
      expect(t.value).toBe(e.transfers);
      expect(Object.fromEntries(t.groups.map((g: { key: string; value: number }) => [g.key, g.value]))).toEqual(Object.fromEntries(e.byFrom));
    }
    // The figures differ between the two dates only through the adjustments dated after the period.
    expect(expectedOn('2026-06-30').transfers).toBe(expectedOn(P_END).transfers + 1);
    expect(expectedOn('2026-06-30').items).toBe(expectedOn(P_END).items - 1);
    const dd = await ok(leader.get(`/api/v1/metrics/powers.license_transfers/drilldown${scope(P_END)}&limit=500`));
    const e = expectedOn(P_END);
    expect(dd.total).toBe(e.transfers);
    expect(dd.items.every((r: { orgName: string; fromOrgName: string }) => r.orgName === bureau.name && r.fromOrgName !== bureau.name)).toBe(true);
    expect(dd.items.map((r: { code: string }) => r.code).sort()).not.toContain(pendingTransfer.code);
    expect((await leader.get(`/api/v1/metrics/powers.license_transfers${scope(P_END)}&groupBy=month`)).statusCode).toBe(400);
  });
});

describe('headline figures of the service catalogue and 办件', () => {
  type Svc = { id: string; code: string; powerId: string; orgId: string; name: string; statutoryDays: number; promisedDays: number; instant: boolean; materials: { name: string; required: boolean }[]; baselineMaterials: number; status: 'active' | 'suspended' };
  const catalogue: Svc[] = [];
  let atPeriodEnd: Svc[] = [];
  const body = (s: Svc) => ({ powerId: s.powerId, orgId: s.orgId, code: s.code, name: s.name, statutoryDays: s.statutoryDays, promisedDays: s.promisedDays, instant: s.instant, materials: s.materials, baselineMaterials: s.baselineMaterials, status: s.status });
  const expected = (svcs: Svc[]) => {
    const live = svcs.filter((s) => s.status === 'active');
    const timed = live.filter((s) => s.statutoryDays > 0);
    const based = live.filter((s) => s.baselineMaterials > 0);
    const one = (n: number, d: number) => Math.round((1 - n / d) * 10000) / 100;
    return {
      compression: one(timed.reduce((a, s) => a + s.promisedDays, 0), timed.reduce((a, s) => a + s.statutoryDays, 0)),
      materials: one(based.reduce((a, s) => a + s.materials.length, 0), based.reduce((a, s) => a + s.baselineMaterials, 0)),
    };
  };
  const put = (s: Svc) => ok(admin.put(`/api/v1/powers/services/${s.id}`, body(s)));

  it('承诺时限压缩率 and 申请材料精简率 come from the catalogue as of the period end', async () => {
    const powers = items.filter((i) => i.type === '行政许可' && activeOn(i, '2026-12-31') && i.level === 'county');
    for (const [k, p] of powers.entries()) {
      const statutory = k === 0 ? 0 : int(1, 20);
      const instant = statutory === 0 || rand() < 0.15;
      const baseline = k === 1 ? 0 : int(2, 12);
      const s: Svc = {
        id: '', code: `GFW-${k + 1}`, powerId: p.id, orgId: orgOf(p, P_END).id, name: `生成服务事项${k + 1}`, statutoryDays: statutory, promisedDays: instant ? 0 : int(1, statutory),
        instant, materials: Array.from({ length: int(1, Math.max(1, baseline)) }, (_, m) => ({ name: `材料${m + 1}号`, required: true })), baselineMaterials: baseline, status: 'active',
      };
      s.id = (await ok(admin.post('/api/v1/powers/services', body(s)))).id;
      catalogue.push(s);
    }
    expect(catalogue.filter((s) => !s.instant).length).toBeGreaterThan(4);
    // Suspended in the period: out of both figures.
    const suspended = catalogue.find((s) => s.instant)!;
    suspended.status = 'suspended';
    await put(suspended);
    atPeriodEnd = catalogue.map((s) => ({ ...s, materials: [...s.materials] }));
    const e = expected(atPeriodEnd);
    expect((await metric('approvals.promise_compression', P_END)).value).toBe(e.compression);
    expect((await metric('approvals.material_reduction', P_END)).value).toBe(e.materials);
  });

  it('办件量 and 按时办结率 count the generated 办件; 情景式服务数 counts scenarios set up by the period end', async () => {
    const county = `?from=${P_FROM}&to=${P_END}`;
    const before = (await ok(leader.get(`/api/v1/metrics/approvals.scenarios${county}`))).value as number;
    const timed = catalogue.filter((s) => s.status === 'active' && s.promisedDays > 0);
    await ok(clerk.post('/api/v1/approvals/scenarios', { name: '生成情景一', serviceIds: [timed[0].id, timed[1].id] }));
    await ok(clerk.post('/api/v1/approvals/scenarios', { name: '生成情景二', serviceIds: [timed[1].id, timed[2].id] }));
    const opened: string[] = [];
    for (const s of timed.slice(0, 3)) {
      const input = { serviceId: s.id, channel: 'window', applicantKind: 'person', applicantName: '钱多多', applicantPhone: '13812345678', materials: s.materials.map((m) => m.name) };
      opened.push((await ok(clerk.post('/api/v1/cases', { type: 'approval', input }))).id);
    }
    const decided = opened.slice(0, 2);
    // the generated county's 审批 post (受理与审批分岗)
    await ok(admin.post('/api/v1/users', { username: 'gen.approver', displayName: '生成县审批员', orgId: root.id, password: 'Gen-Approve#2026x', grants: [{ role: 'approver', orgId: root.id, subtree: true }] }));
    const approver = await env.loginFirstTime('gen.approver', 'Gen-Approve#2026x');
    for (const id of decided) {
      await ok(clerk.post(`/api/v1/cases/${id}/actions`, { action: 'accept', input: {} }));
      await ok(approver.post(`/api/v1/cases/${id}/actions`, { action: 'approve', input: { licenceNo: `GEN-${id.slice(0, 6)}` } }));
    }
    // The next day (after the period) another scenario is set up.
    env.clock.set(new Date(`${NEXT_DAY}T09:00:00+08:00`));
    admin = await env.login('admin');
    leader = await env.login('leader');
    clerk = await env.login('dispatcher');
    await ok(clerk.post('/api/v1/approvals/scenarios', { name: '生成情景三', serviceIds: [timed[0].id, timed[2].id] }));
    expect((await ok(leader.get(`/api/v1/metrics/approvals.scenarios${county}`))).value).toBe(before + 2);
    const now = await ok(leader.get(`/api/v1/metrics/approvals.scenarios?from=${P_FROM}&to=${NEXT_DAY}`));
    const listed = ((await ok(leader.get('/api/v1/approvals/scenarios'))) as { status: string }[]).filter((s) => s.status === 'active');
    expect(now.value).toBe(before + 3);
    expect(now.value).toBe(listed.length);
    expect((await metric('approvals.count', P_END)).value).toBe(opened.length);
    const onTime = await metric('approvals.on_time_promise_rate', P_END);
    expect([onTime.numerator, onTime.denominator, onTime.value]).toEqual([decided.length, decided.length, 100]);
  });

  it('edits made after the period (promised days, materials, status) do not move its figures', async () => {
    const e = expected(atPeriodEnd);
    const cut = catalogue.find((s) => !s.instant && s.promisedDays > 1 && s.status === 'active')!;
    cut.promisedDays = 1;
    await put(cut);
    const fewer = catalogue.find((s) => s.materials.length > 1 && s.baselineMaterials > 0 && s.status === 'active' && s !== cut)!;
    fewer.materials = fewer.materials.slice(0, 1);
    await put(fewer);
    const resumed = catalogue.find((s) => s.status === 'suspended')!;
    resumed.status = 'active';
    await put(resumed);
    const later = expected(catalogue);
    expect(later.compression).not.toBe(e.compression);
    expect(later.materials).not.toBe(e.materials);
    expect((await metric('approvals.promise_compression', P_END)).value).toBe(e.compression);
    expect((await metric('approvals.material_reduction', P_END)).value).toBe(e.materials);
    expect((await metric('approvals.promise_compression', NEXT_DAY)).value).toBe(later.compression);
    expect((await metric('approvals.material_reduction', NEXT_DAY)).value).toBe(later.materials);
    const dd = await ok(leader.get(`/api/v1/metrics/approvals.promise_compression/drilldown${scope(P_END)}&limit=500`));
    expect(dd.items.find((r: { code: string }) => r.code === cut.code).promisedDays).toBe(atPeriodEnd.find((s) => s.code === cut.code)!.promisedDays);
  });
});
