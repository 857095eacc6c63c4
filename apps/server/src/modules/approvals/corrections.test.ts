/**
 * Issue 10, items 9–11, 13 and 14 (行政许可法): one 补正 notice listing everything (Art. 32 ¶1(4)), no 受理 with a required
 * material missing, supplements that match the notice, 受理 and decision as separate duties, the 本行政机关负责人 for an
 * ordinary extension (Art. 42 ¶1), longer periods another law gives (Art. 42 ¶1 另有规定), and the 初步审查 of Art. 43.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let clerk: Session;
let approver: Session;
let admin: Session;
type Service = { id: string; code: string; name: string; orgId: string; powerId: string; materials: { name: string }[]; promisedDays: number; statutoryDays: number; instant: boolean };
let services: Service[];
const svc = (code: string) => services.find((s) => s.code === code)!;
const applicant = { applicantName: '钱多多', applicantPhone: '13812345678', applicantKind: 'person' };
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => s.post(`/api/v1/cases/${id}/actions`, { action, input });
async function open(code: string, materials: string[]): Promise<string> {
  const r = await clerk.post('/api/v1/cases', { type: 'approval', input: { serviceId: svc(code).id, channel: 'window', ...applicant, materials } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}
const paths = (r: { json: () => { errors?: { path: string }[] } }) => (r.json().errors ?? []).map((e) => e.path);

beforeAll(async () => {
  env = await createTestEnv();
  clerk = await env.login('dispatcher');
  approver = await env.login('approver');
  admin = await env.login('admin');
  services = (await admin.get('/api/v1/powers/services')).json();
});
afterAll(async () => { await env.close(); });

describe('Art. 32 ¶1(4): everything to supplement, told once', () => {
  const all = () => svc('FW-001').materials.map((m) => m.name); // 4 required materials

  it('受理 with a required material missing is refused until a 补正 notice was sent, naming what is missing', async () => {
    const id = await open('FW-001', all().slice(0, 3));
    const r = await act(clerk, id, 'accept');
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain(all()[3]);
    expect(r.json().allowedActions).toEqual(expect.arrayContaining(['notify_correction', 'refuse']));
    expect(r.json().allowedActions).not.toContain('accept');
    // complete materials: accepted at once
    const whole = await open('FW-001', all());
    expect((await act(clerk, whole, 'accept')).statusCode).toBe(200);
  });

  it('the notice must list every missing required material; a second notice is refused; supplements must be what was asked', async () => {
    const id = await open('FW-001', all().slice(0, 2));
    const partial = await act(clerk, id, 'notify_correction', { items: [all()[2]] });
    expect(partial.statusCode).toBe(400);
    expect(paths(partial)).toEqual(['body.input.items']);
    expect(partial.json().errors[0].message).toContain(all()[3]);
    expect((await act(clerk, id, 'notify_correction', { items: [all()[2], all()[3], '其他说明材料'] })).statusCode).toBe(200);
    const stray = await act(clerk, id, 'materials_submitted', { channel: 'window', materials: [all()[2], '房产证'] });
    expect(stray.statusCode).toBe(400);
    expect(paths(stray)).toEqual(['body.input.materials.1']);
    expect((await act(clerk, id, 'materials_submitted', { channel: 'window', materials: [all()[2]] })).statusCode).toBe(200);
    const second = await act(clerk, id, 'notify_correction', { items: [all()[3]] });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toContain('第三十二条');
    // a 补正 round happened: the application may be accepted and decided on what it holds
    expect((await act(clerk, id, 'accept')).statusCode).toBe(200);
  });
});

describe('受理 and the decision are separate duties; who extends an ordinary item', () => {
  it('the window cannot decide; the person who accepted cannot decide (unless a 即办件 and the county allows it)', async () => {
    const id = await open('FW-002', svc('FW-002').materials.map((m) => m.name));
    await act(clerk, id, 'accept');
    expect((await act(clerk, id, 'approve', { licenceNo: 'X-1' })).statusCode).toBe(403);
    // one person holding both posts
    const both = await admin.post('/api/v1/users', {
      username: 'window.and.approver', displayName: '兼岗人员', orgId: svc('FW-002').orgId, password: 'Both-Posts#2026',
      grants: [{ role: 'dispatcher', orgId: svc('FW-002').orgId }, { role: 'approver', orgId: svc('FW-002').orgId }],
    });
    expect(both.statusCode, both.body).toBe(201);
    const dual = await env.loginFirstTime('window.and.approver', 'Both-Posts#2026');
    const mine = await open('FW-002', svc('FW-002').materials.map((m) => m.name));
    expect((await act(dual, mine, 'accept')).statusCode).toBe(200);
    const self = await act(dual, mine, 'approve', { licenceNo: 'X-2' });
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toContain('分岗');
    expect((await act(approver, mine, 'approve', { licenceNo: 'X-2' })).statusCode).toBe(200);
    // 即办件: refused by default, allowed once the county says so (settings, audited)
    const instant = await open('FW-008', svc('FW-008').materials.map((m) => m.name));
    await act(dual, instant, 'accept');
    expect((await act(dual, instant, 'approve', { licenceNo: 'X-3' })).statusCode).toBe(403);
    expect((await admin.put('/api/v1/settings/approvals', { values: { sameOfficerInstant: true }, version: 0 })).statusCode).toBe(200);
    expect((await act(dual, instant, 'approve', { licenceNo: 'X-3' })).statusCode).toBe(200);
  });

  it('Art. 42 ¶1: only the head of the deciding organ extends an ordinary item, not a county leader', async () => {
    const id = await open('FW-002', svc('FW-002').materials.map((m) => m.name));
    await act(clerk, id, 'accept');
    const county = await act(await env.login('leader'), id, 'extend', { days: 5, reason: '需进一步核实现场' });
    expect(county.statusCode).toBe(403);
    expect(county.json().detail).toContain('本行政机关负责人');
    expect((await act(await env.login('bureau'), id, 'extend', { days: 5, reason: '需进一步核实现场' })).statusCode).toBe(200);
  });
});

describe('Art. 42 ¶1 "法律、法规另有规定的，依照其规定": a longer period with the law that gives it', () => {
  const item = (extra: Record<string, unknown>) => {
    const base = svc('FW-013');
    return { powerId: base.powerId, orgId: base.orgId, code: `SP-${Object.keys(extra).length}${String(extra.statutoryDays)}`, name: '民办学校正式设立审批', promisedDays: 20,
      materials: [{ name: '设立申请书' }], baselineMaterials: 3, ...extra };
  };

  it('more than 20 WD, or natural days, is refused without the law that gives it', async () => {
    const long = await admin.post('/api/v1/powers/services', item({ statutoryDays: 60 }));
    expect(long.statusCode).toBe(400);
    expect(paths(long)).toEqual(['body.statutoryDays']);
    expect(long.json().errors[0].message).toContain('法定时限依据');
    const nd = await admin.post('/api/v1/powers/services', item({ statutoryDays: 30, statutoryUnit: 'days' }));
    expect(paths(nd)).toEqual(['body.statutoryBasis']);
    const vague = await admin.post('/api/v1/powers/services', item({ statutoryDays: 60, statutoryBasis: '有规定' }));
    expect(paths(vague)).toEqual(['body.statutoryBasis']);
  });

  it('with the law cited, the decision clock runs that period in its unit and names the law', async () => {
    const basis = '《中华人民共和国民办教育促进法》：审批机关应当自受理之日起三个月内以书面形式作出是否批准的决定（按九十日计）';
    const r = await admin.post('/api/v1/powers/services', item({ statutoryDays: 90, statutoryUnit: 'days', statutoryBasis: basis }));
    expect(r.statusCode, r.body).toBe(201);
    services = (await admin.get('/api/v1/powers/services')).json();
    const code = services.find((s) => s.id === r.json().id)!.code;
    const id = await open(code, ['设立申请书']);
    const v = (await act(clerk, id, 'accept')).json();
    const k = v.clocks.find((c: { key: string }) => c.key === 'decision');
    expect(k).toMatchObject({ ruleKey: 'approvals.decision.special_days', unit: 'days', totalLength: 90 });
    expect(v.facts.find((f: { key: string }) => f.key === 'statutoryBasis').value).toBe(basis);
    // no extension under Art. 42: the special law governs it
    expect((await act(await env.login('bureau'), id, 'extend', { days: 5, reason: '需进一步核实' })).statusCode).toBe(400);
  });
});

describe('Art. 43: an item a higher organ decides — 20 days of 初步审查, then forwarded', () => {
  it('refuses a decision here and a forward of an ordinary item; the forward stops the 20-day clock; the higher decision is recorded', async () => {
    const mats = svc('FW-014').materials.map((m) => m.name);
    const id = await open('FW-014', mats);
    const v = (await act(clerk, id, 'accept')).json();
    expect(v.clocks.find((c: { key: string }) => c.key === 'decision')).toMatchObject({ ruleKey: 'approvals.decision.prereview', totalLength: 20 });
    const here = await act(approver, id, 'approve', { licenceNo: 'X' });
    expect(here.statusCode).toBe(409);
    expect(here.json().detail).toContain('第四十三条');
    const ordinary = await open('FW-002', svc('FW-002').materials.map((m) => m.name));
    await act(clerk, ordinary, 'accept');
    expect((await act(approver, ordinary, 'forward', { superiorOrg: '示范市生态环境局', opinion: '经初步审查，建议准予许可。' })).statusCode).toBe(409);
    const bad = await act(approver, id, 'forward', { superiorOrg: '', opinion: '短' });
    expect(paths(bad).sort()).toEqual(['body.input.opinion', 'body.input.superiorOrg']);
    const f = await act(approver, id, 'forward', { superiorOrg: '示范市生态环境局', opinion: '经初步审查，材料齐全，建议准予许可。', documentNo: '示环审〔2026〕9号' });
    expect(f.json().state).toBe('forwarded');
    expect(f.json().clocks.find((c: { key: string }) => c.key === 'decision')).toMatchObject({ status: 'stopped', metDeadline: true });
    const done = await act(clerk, id, 'superior_approve', { licenceNo: 'PW-2026-001', decisionNo: '示市环许〔2026〕21号' });
    expect(done.json()).toMatchObject({ state: 'approved' });
    expect(done.json().clocks.find((c: { key: string }) => c.key === 'delivery').status).toBe('running');
  });
});
