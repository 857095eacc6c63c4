/** Named statistical periods (GET /calendar/periods) and the rules in force (GET /rules): the web asks these instead of doing date arithmetic. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, diffDays, isLegalDate } from '@yifa/contracts';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { namedPeriods } from './calendar.routes.ts';

let env: TestEnv;
let leader: Session;
beforeAll(async () => { env = await createTestEnv(); leader = await env.login('leader'); });
afterAll(async () => { await env.close(); });

const byKey = (periods: { key: string; from: string; to: string }[]) => Object.fromEntries(periods.map((p) => [p.key, [p.from, p.to]]));

describe('GET /calendar/periods', () => {
  it('401 without a session', async () => {
    const r = await anonymous(env.app).get('/api/v1/calendar/periods');
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });

  it('gives 本年, 上年, 近30日, 本月, 上月, 本季度 around the Beijing date of the server clock', async () => {
    env.clock.set('2026-06-15T10:00:00+08:00');
    const r = await leader.get('/api/v1/calendar/periods');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().today).toBe('2026-06-15');
    expect(r.json().periods.map((p: { label: string }) => p.label)).toEqual(['本年', '上年', '近30日', '本月', '上月', '本季度']);
    expect(byKey(r.json().periods)).toEqual({
      thisYear: ['2026-01-01', '2026-06-15'], lastYear: ['2025-01-01', '2025-12-31'], last30: ['2026-05-17', '2026-06-15'],
      thisMonth: ['2026-06-01', '2026-06-15'], lastMonth: ['2026-05-01', '2026-05-31'], thisQuarter: ['2026-04-01', '2026-06-15'],
    });
  });

  it('20:00 UTC on 31 December is already New Year in Beijing; February of a leap year ends on the 29th', async () => {
    // A session idles out across a clock jump: log in at each instant.
    const at = async (instant: string) => { env.clock.set(instant); return (await env.login('leader')).get('/api/v1/calendar/periods'); };
    const ny = byKey((await at('2026-12-31T20:00:00Z')).json().periods);
    expect(ny).toMatchObject({
      thisYear: ['2027-01-01', '2027-01-01'], lastYear: ['2026-01-01', '2026-12-31'], lastMonth: ['2026-12-01', '2026-12-31'], thisQuarter: ['2027-01-01', '2027-01-01'],
    });
    expect(byKey((await at('2024-03-01T09:00:00+08:00')).json().periods).lastMonth).toEqual(['2024-02-01', '2024-02-29']);
    env.clock.set('2026-06-15T10:00:00+08:00');
    leader = await env.login('leader');
  });

  it('every period is a real range ending no later than today, and the named ones meet where they should (property)', () => {
    const day = fc.integer({ min: 0, max: 365 * 80 }).map((n) => addDays('2000-01-01', n));
    fc.assert(fc.property(day, (today) => {
      const p = Object.fromEntries(namedPeriods(today).map((x) => [x.key, x]));
      for (const x of Object.values(p)) {
        expect(isLegalDate(x.from) && isLegalDate(x.to)).toBe(true);
        expect(x.from <= x.to && x.to <= today).toBe(true);
      }
      expect(p.thisYear.from).toBe(`${today.slice(0, 4)}-01-01`);
      expect(addDays(p.lastYear.to, 1)).toBe(p.thisYear.from);
      expect(p.lastYear.from.slice(5)).toBe('01-01');
      expect(diffDays(p.last30.from, p.last30.to)).toBe(29);
      expect(addDays(p.lastMonth.to, 1)).toBe(p.thisMonth.from);
      expect(p.lastMonth.from.slice(8)).toBe('01');
      expect(['01', '04', '07', '10']).toContain(p.thisQuarter.from.slice(5, 7));
      expect(p.thisQuarter.from <= p.thisMonth.from && diffDays(p.thisQuarter.from, p.thisMonth.from) < 92).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('GET /rules', () => {
  it('400 naming query.keys for a malformed or unknown key', async () => {
    const bad = await anonymous(env.app).get('/api/v1/rules?keys=approvals.decision,DROP%20TABLE');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['query.keys']);
    const unknown = await anonymous(env.app).get('/api/v1/rules?keys=approvals.decision,no.such.rule');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'query.keys', message: expect.stringContaining('no.such.rule') }]);
  });

  it('gives the 法定时限 of approvals (Art. 42: 20 WD, joint 45 WD) with their basis, to anyone', async () => {
    const r = await anonymous(env.app).get('/api/v1/rules?keys=approvals.decision,approvals.decision.joint');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().on).toBe('2026-06-15');
    const [ordinary, joint] = r.json().items;
    expect(ordinary).toMatchObject({ key: 'approvals.decision', unit: 'workdays', length: 20, maxExtension: 10, sourced: true, local: false });
    expect(joint).toMatchObject({ key: 'approvals.decision.joint', unit: 'workdays', length: 45, maxExtension: 15, local: false });
    expect(ordinary.basis).toContain('行政许可法');
  });

  it("applies the county's override of a configurable rule from its effective date only", async () => {
    await env.ownerSql(`insert into rule_overrides (region_code, rule_key, length, yellow_within, effective_from, basis) values
      ('990101', 'hotline.citizen', 3, 1, '2026-01-01', '示范县12345热线管理办法第十条'), ('990101', 'hotline.citizen', 2, 1, '2027-01-01', '尚未生效的修订')`);
    const r = await leader.get('/api/v1/rules?keys=hotline.citizen');
    expect(r.json().items[0]).toMatchObject({ key: 'hotline.citizen', length: 3, local: true, sourced: false, configurable: true });
    expect(r.json().items[0].basis).toContain('示范县12345热线管理办法第十条');
    const all = (await leader.get('/api/v1/rules')).json().items.map((x: { key: string }) => x.key);
    expect(all).toEqual(expect.arrayContaining(['approvals.decision', 'hotline.citizen', 'legality.review']));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('PUT /rules/:key — the county sets a configurable (unsourced) deadline', () => {
  it('403 without rules.manage; 404 for an unknown rule; 400 for a statutory rule, a past date, a yellow mark not below the length, '
    + 'every field named', async () => {
    const body = { length: 4, yellowWithin: 1, effectiveFrom: '2026-07-01', basis: '示政办发〔2026〕12号 示范县12345热线管理办法' };
    expect((await leader.put('/api/v1/rules/hotline.citizen.complex', body)).statusCode).toBe(403);
    const admin = await env.login('admin');
    expect((await admin.put('/api/v1/rules/no.such.rule', body)).statusCode).toBe(404);
    const statutory = await admin.put('/api/v1/rules/approvals.decision', body);
    expect(statutory.statusCode).toBe(400);
    expect(statutory.json().errors[0]).toMatchObject({ path: 'params.key', message: expect.stringContaining('行政许可法') });
    const bad = await admin.put('/api/v1/rules/hotline.citizen.complex', { length: 4, yellowWithin: 4, effectiveFrom: '2026-06-14', basis: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.basis', 'body.effectiveFrom', 'body.yellowWithin']);
  });

  it('applies from its date; earlier values kept with who set them; audited', async () => {
    const admin = await env.login('admin');
    const set = await admin.put('/api/v1/rules/hotline.citizen.complex',
      { length: 12, yellowWithin: 2, effectiveFrom: '2026-06-15', basis: '示政办发〔2026〕12号 示范县12345热线管理办法' });
    expect(set.statusCode, set.body).toBe(200);
    const later = await admin.put('/api/v1/rules/hotline.citizen.complex', { length: 10, effectiveFrom: '2026-09-01', basis: '示政办发〔2026〕30号 修订' });
    expect(later.statusCode, later.body).toBe(200);
    const now = (await leader.get('/api/v1/rules?keys=hotline.citizen.complex')).json().items[0];
    expect(now).toMatchObject({ length: 12, yellowWithin: 2, local: true });
    expect(now.basis).toContain('示政办发〔2026〕12号');
    const history = (await admin.get('/api/v1/rules/hotline.citizen.complex/local')).json();
    expect(history.items.map((i: { length: number }) => i.length)).toEqual([10, 12]);
    expect(history.items[0].setByName).toBeTruthy();
    const audit = await env.ctx.db.selectFrom('auditLog').select(['action', 'targetId']).where('action', '=', 'rules.set').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0].targetId).toBe('hotline.citizen.complex');
  });

  it('a key with odd characters is 404, 400 or 414 (problem+json), never a 500; an admin token without the admin scope gets 403', async () => {
    const admin = await env.login('admin');
    const body = { length: 4, effectiveFrom: '2026-12-01', basis: '示政办发〔2026〕12号 示范县12345热线管理办法' };
    for (const key of ['..%2F..%2Fetc%2Fpasswd', '%2E%2E', 'hotline.citizen.complex%27--', '%E4%B8%AD%E6%96%87', 'a'.repeat(101), '%00', '%ZZ']) {
      for (const r of [await admin.put(`/api/v1/rules/${key}`, body), await admin.get(`/api/v1/rules/${key}/local`)]) {
        expect([400, 404, 414], `${key}: ${r.body}`).toContain(r.statusCode);
        expect(r.headers['content-type']).toContain('application/problem+json');
      }
    }
    const users = (await admin.get('/api/v1/users')).json() as { id: string; username: string }[];
    const userId = users.find((u) => u.username === 'admin')!.id;
    const t = await admin.post('/api/v1/tokens', { name: 'admin cases write', scopes: ['cases:write'], userId });
    expect(t.statusCode, t.body).toBe(201);
    const auth = { authorization: `Bearer ${t.json().token as string}` };
    const put = await env.app.inject({ method: 'PUT', url: '/api/v1/rules/hotline.citizen.complex', headers: auth, payload: body });
    expect(put.statusCode, put.body).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/rules/hotline.citizen.complex/local', headers: auth })).statusCode).toBe(403);
  });
});
