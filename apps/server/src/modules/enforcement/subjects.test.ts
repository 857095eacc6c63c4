/**
 * 行政执法主体 published yearly (issue 15; 118号 事前公示), failures first: a 承办人 cannot publish (403), a year out of range or not a
 * number is named, a 受委托组织 without its entrusting agency is named; then the list (powers from the 权责清单 through the powers read
 * API, officers with valid certificates), publication through the publication service with an Idempotency-Key replay that makes no
 * second version, a republication that does (same catalogue item, version 2), the portal page, and the metric 行政执法主体数 with its
 * drill-down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { orgIds } from '../../../test/factories.ts';

let env: TestEnv;
let handler: Session; let supervisor: Session; let leader: Session;
let orgs: Record<string, string>;

beforeAll(async () => {
  env = await createTestEnv();
  [handler, supervisor, leader] = await Promise.all(['handler', 'supervisor', 'leader'].map((u) => env.login(u)));
  orgs = await orgIds(env);
  for (const [no, over] of [['SUBJ-0001', {}], ['SUBJ-0002', {}], ['SUBJ-0003', { expiresOn: '2026-01-31' }]] as const) {
    const r = await handler.post('/api/v1/enforcement/officers', { orgId: orgs.scjgj, certNo: no, name: '测试员', fields: ['市场监管'],
      issuedOn: '2025-01-01', expiresOn: '2028-12-31', ...over });
    expect(r.statusCode, r.body).toBe(201);
  }
});
afterAll(async () => { await env.close(); });
/** Officers of the 市场监督管理局 (the demo's and these) with a certificate valid on a day. */
const validOn = async (day: string) => (await env.ownerSql(`select count(*)::int as n from enforcement_officers where org_id = $1 and status = '有效'
  and issued_on <= $2::date and expires_on >= $2::date`, [orgs.scjgj, day])).rows[0].n as number;

describe('failures first', () => {
  it('a 承办人 cannot publish the list (403); a bad year is named', async () => {
    expect((await handler.post('/api/v1/enforcement/subjects/publish', { year: 2026 })).statusCode).toBe(403);
    for (const year of [2018, 2028]) {
      const r = await supervisor.post('/api/v1/enforcement/subjects/publish', { year });
      expect(r.statusCode).toBe(400);
      expect(r.json().errors).toEqual([{ path: 'body.year', message: '年度应在 2019–2027 之间' }]);
    }
    const nan = await supervisor.post('/api/v1/enforcement/subjects/publish', { year: '二〇二六' });
    expect(nan.statusCode).toBe(400);
    expect(nan.json().errors[0].path).toBe('body.year');
    expect((await anonymous(env.app).get('/api/v1/public/enforcement/subjects?year=2025')).statusCode).toBe(404);
  });

  it('a 受委托组织 names its entrusting agency; a 承办人 cannot register categories', async () => {
    const body = { kind: '受委托组织', basis: '示范县市场监督管理局委托书（示市监委〔2026〕1号）' };
    expect((await handler.put(`/api/v1/enforcement/subject-kinds/${orgs.cgz}`, body)).statusCode).toBe(403);
    const r = await supervisor.put(`/api/v1/enforcement/subject-kinds/${orgs.cgz}`, body);
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([{ path: 'body.entrustedBy', message: '请选择委托的行政机关' }]);
    const unknown = await supervisor.put('/api/v1/enforcement/subject-kinds/00000000-0000-4000-8000-000000000000', { ...body, entrustedBy: orgs.scjgj });
    expect(unknown.json().errors).toEqual([{ path: 'params.orgId', message: '机构不存在' }]);
  });
});

describe('the yearly list', () => {
  it('lists each org with enforcement powers from the 权责清单 and its officers with valid certificates', async () => {
    const r = await leader.get('/api/v1/enforcement/subjects?year=2026');
    expect(r.statusCode, r.body).toBe(200);
    // the demo county's 司法局 published this year's list when the county was set up (seed): version 1
    expect(r.json()).toMatchObject({ year: 2026, asOf: '2026-06-15', published: { version: 1 } });
    const scjg = r.json().entries.find((e: { orgId: string }) => e.orgId === orgs.scjgj);
    expect(scjg).toMatchObject({ kind: '行政机关', officers: await validOn('2026-06-15') });
    expect(scjg.powers.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['CF-001', 'JC-001']));
    expect(new Set(scjg.powers.map((p: { type: string }) => p.type)).has('行政许可')).toBe(false);
    // a past year is taken as of its last day: SUBJ-0003 was still valid then
    const past = (await leader.get('/api/v1/enforcement/subjects?year=2025')).json();
    expect(past.asOf).toBe('2025-12-31');
    expect(past.entries.find((e: { orgId: string }) => e.orgId === orgs.scjgj).officers).toBe(await validOn('2025-12-31'));
    expect(await validOn('2025-12-31')).toBeGreaterThan(await validOn('2026-06-15'));
  });

  it('publishes through the publication service; a replay makes no second version, a republication does', async () => {
    const key = { 'idempotency-key': 'subjects-2026-first' };
    const first = await supervisor.post('/api/v1/enforcement/subjects/publish', { year: 2026 }, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ year: 2026, version: 2, url: '/p/enforcement/subjects?year=2026' });
    const replay = await supervisor.post('/api/v1/enforcement/subjects/publish', { year: 2026 }, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect((await env.ownerSql(`select count(*)::int as n from enforcement_subject_lists`)).rows[0].n).toBe(2);

    // a 受委托组织 registered since: the republished list says so
    const kind = await supervisor.put(`/api/v1/enforcement/subject-kinds/${orgs.scjgj}`, { kind: '法律法规授权组织', basis: '《示范省食品安全条例》第十条授权' });
    expect(kind.statusCode, kind.body).toBe(200);
    const second = await supervisor.post('/api/v1/enforcement/subjects/publish', { year: 2026 });
    expect(second.json()).toMatchObject({ version: 3, disclosureItemId: first.json().disclosureItemId, indexNo: first.json().indexNo });
    const item = await env.ownerSql(`select version, status, category, title from disclosure_items where id = $1`, [first.json().disclosureItemId]);
    expect(item.rows[0]).toMatchObject({ version: 3, status: 'published', category: 'custom:行政执法主体（事前公示）', title: '2026年度行政执法主体名单' });

    const pub = await anonymous(env.app).get('/api/v1/public/enforcement/subjects?year=2026');
    expect(pub.statusCode).toBe(200);
    expect(pub.json().years).toEqual([2026]);
    expect(pub.json().list.version).toBe(3);
    expect(pub.json().list.entries.find((e: { orgId: string }) => e.orgId === orgs.scjgj))
      .toMatchObject({ kind: '法律法规授权组织', officers: await validOn('2026-06-15') });
    // not a 行政处罚决定: the 执法公示 search does not list it
    const decisions = (await anonymous(env.app).get('/api/v1/public/enforcement/decisions?q=' + encodeURIComponent('执法主体'))).json();
    expect(decisions.total).toBe(0);
  });

  it('the metric 行政执法主体数 drills down to the orgs', async () => {
    const m = await leader.get('/api/v1/metrics/enforcement.subjects?from=2026-01-01&to=2026-06-15');
    expect(m.statusCode, m.body).toBe(200);
    const list = (await leader.get('/api/v1/enforcement/subjects?year=2026')).json().entries;
    expect(m.json().value).toBe(list.length);
    const drill = await leader.get('/api/v1/metrics/enforcement.subjects/drilldown?from=2026-01-01&to=2026-06-15');
    expect(drill.statusCode, drill.body).toBe(200);
    expect(drill.json().total).toBe(list.length);
    for (const e of list) expect(JSON.stringify(drill.json())).toContain(e.orgId);
  });
});
