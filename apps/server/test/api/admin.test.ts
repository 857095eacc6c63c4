import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../harness.ts';

let env: TestEnv;
let admin: Session;
beforeAll(async () => { env = await createTestEnv(); admin = await env.login('admin'); });
afterAll(async () => { await env.close(); });

function multipart(filename: string, content: string | Buffer, type = 'text/csv') {
  const boundary = '----yifa' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('orgs: effective-dated history', () => {
  it('403 for non-admins, 400 naming every field', async () => {
    const handler = await env.login('handler');
    expect((await handler.post('/api/v1/orgs', { code: '990101-x', kind: 'department', regionCode: '990101', name: '示范县某局', establishedOn: '2026-01-01' })).statusCode).toBe(403);
    const r = await admin.post('/api/v1/orgs', { code: '?', kind: 'city', regionCode: '12', name: 'x', establishedOn: '2026-02-30' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.code', 'body.establishedOn', 'body.kind', 'body.name', 'body.regionCode']);
  });

  it('a rename with an effective date keeps the old name for earlier dates; a move cannot create a cycle', async () => {
    const orgs = (await admin.get('/api/v1/orgs')).json();
    const gov = orgs.find((o: { kind: string }) => o.kind === 'government');
    const created = await admin.post('/api/v1/orgs', { code: '990101-test', kind: 'department', regionCode: '990101', name: '示范县测试局', parentId: gov.id, establishedOn: '2021-01-01' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await admin.post(`/api/v1/orgs/${id}/rename`, { name: '示范县测试和发展局', effectiveFrom: '2024-03-01', reason: '机构改革' })).statusCode).toBe(200);
    const before = (await admin.get('/api/v1/orgs?asOf=2023-12-31')).json().find((o: { id: string }) => o.id === id);
    const after = (await admin.get('/api/v1/orgs?asOf=2024-03-01')).json().find((o: { id: string }) => o.id === id);
    expect(before.name).toBe('示范县测试局');
    expect(after.name).toBe('示范县测试和发展局');
    const history = (await admin.get(`/api/v1/orgs/${id}/history`)).json();
    expect(history.versions.map((v: { validTo: string | null }) => v.validTo)).toEqual(['2024-02-29', null]);
    // Backdating before the current version is refused.
    expect((await admin.post(`/api/v1/orgs/${id}/rename`, { name: '又一个名字', effectiveFrom: '2023-01-01', reason: '错误' })).statusCode).toBe(400);
    // Moving the government under its own department is a cycle.
    const cyc = await admin.post(`/api/v1/orgs/${gov.id}/move`, { parentId: id, effectiveFrom: '2026-01-01', reason: '测试' });
    expect(cyc.statusCode).toBe(400);
    expect(cyc.json().errors[0].path).toBe('body.parentId');
  });

  it('CSV import keeps good rows and reports every rejected row with its columns', async () => {
    const csv = '\uFEFF编码,名称,类型,上级编码,行政区划代码,统一社会信用代码,成立日期\n'
      + '990101-imp1,示范县导入局,部门,990101-gov,990101,,2022-01-01\n'
      + '990101-imp2,导入村,村社区,990101-imp9,990101,,2022-01-01\n'
      + ',x,星球,,99,ABC,2022-13-01\n'
      + '990101-imp3,导入社区,村社区,990101-cgz,990101,,\n';
    const m = multipart('orgs.csv', csv);
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/orgs/import', payload: m.body, headers: { ...m.headers, cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(r.statusCode).toBe(200);
    const rep = r.json();
    expect(rep).toMatchObject({ total: 4, imported: 2 });
    expect(rep.rejected.map((x: { row: number }) => x.row)).toEqual([3, 4]);
    expect(rep.rejected[0].errors).toEqual([{ column: '上级编码', message: '找不到编码为 990101-imp9 的机构' }]);
    expect(rep.rejected[1].errors.map((e: { column: string }) => e.column).sort()).toEqual(['成立日期', '名称', '类型', '统一社会信用代码', '编码', '行政区划代码'].sort());
  });
});

describe('calendar administration', () => {
  it('GET a year that is not loaded says so; loading it makes /calendar/due work and recomputes running clocks', async () => {
    const anon = anonymous(env.app);
    const missing = await anon.get('/api/v1/calendar/2027');
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'calendar_year_unknown', loaded: false });
    // A running clock that reaches into 2027: a review accepted on 2026-12-20 (15 WD).
    env.clock.set('2026-12-21T10:00:00+08:00');
    const [handler, reviewer] = [await env.login('handler'), await env.login('reviewer')];
    const orgId = (await handler.get('/api/v1/auth/session')).json().user.orgId;
    const c = (await handler.post('/api/v1/cases', { type: 'legality_review', input: { title: '跨年审核的测试文件', draftingOrgId: orgId, docKind: '办法', summary: '用于验证跨年期限在载入新年度后重新计算。' } })).json();
    const accepted = (await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' })).json();
    expect(accepted.clocks[0].status).toBe('unknown');
    expect(accepted.clocks[0].explanation[0]).toContain('2027年');
    admin = await env.login('admin');
    const bad = await admin.put('/api/v1/calendar/2027', { notice: '', source: '', holidays: [{ name: '元旦', days: '13-01' }], workdays: ['02-30'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.length).toBeGreaterThanOrEqual(3);
    const load = await admin.put('/api/v1/calendar/2027', {
      notice: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', source: 'test',
      holidays: [{ name: '元旦', days: '01-01..01-03' }, { name: '春节', days: '02-06..02-13' }], workdays: ['02-20'],
    });
    expect(load.statusCode).toBe(200);
    expect(load.json().recomputedClocks).toBeGreaterThanOrEqual(1);
    const after = (await reviewer.get(`/api/v1/cases/${c.id}`)).json();
    expect(after.clocks[0].status).toBe('running');
    expect(after.clocks[0].dueDate).toBe('2027-01-12'); // 12-21 + 15 WD, skipping 元旦 01-01..03
    const due = await anon.get('/api/v1/calendar/due?from=2027-02-05&amount=1&unit=workdays');
    expect(due.json().due).toBe('2027-02-15');
    const audit = (await admin.get('/api/v1/audit?action=calendar.load')).json();
    expect(audit.items[0].targetId).toBe('2027');
  });
});

describe('files, personal data and jobs', () => {
  it('attachments: type sniffed from content, SM3 recorded, served only to those who see the case', async () => {
    env.clock.set('2026-06-20T10:00:00+08:00');
    const handler = await env.login('handler');
    const orgId = (await handler.get('/api/v1/auth/session')).json().user.orgId;
    const c = (await handler.post('/api/v1/cases', { type: 'legality_review', input: { title: '附件测试文件名称', draftingOrgId: orgId, docKind: '办法', summary: '附件测试：上传起草说明。' } })).json();
    const up = (name: string, content: Buffer) => {
      const m = multipart(name, content, 'application/octet-stream');
      return env.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/files`, payload: m.body, headers: { ...m.headers, cookie: handler.cookie, 'x-csrf-token': handler.csrf } });
    };
    expect((await up('说明.pdf', Buffer.from('MZ not a pdf'))).statusCode).toBe(415);
    const ok = await up('说明.pdf', Buffer.from('%PDF-1.4\n%测试\n'));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().sm3).toMatch(/^[0-9a-f]{64}$/);
    const dl = await handler.get(`/api/v1/files/${ok.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toContain('%PDF-1.4');
    const township = await env.login('township');
    expect((await township.get(`/api/v1/files/${ok.json().id}`)).statusCode).toBe(404);
  });

  it('bad JSON is a 400 problem, an unknown route a 404 problem, never a 500', async () => {
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('bad_request');
    // Anonymous callers get 401 for any non-public API path (routes are not revealed); staff get 404.
    expect((await anonymous(env.app).get('/api/v1/nothing-here')).statusCode).toBe(401);
    admin = await env.login('admin');
    const n = await admin.get('/api/v1/nothing-here');
    expect(n.statusCode).toBe(404);
    expect(n.headers['content-type']).toContain('problem+json');
    expect((await admin.get('/api/v1/cases/not-a-uuid')).statusCode).toBe(404);
  });

  it('every periodic job holds an advisory lock of its own (two sharing one would skip each other\'s runs)', async () => {
    const { allJobs } = await import('../../src/platform/jobs/runner.ts');
    const { MIGRATE_LOCK, SEED_LOCK } = await import('../../src/platform/db/locks.ts');
    const ids = allJobs(env.ctx).map((j) => j.lockId);
    expect(new Set([...ids, MIGRATE_LOCK, SEED_LOCK]).size).toBe(ids.length + 2);
    const clash = { ...env.ctx, registry: { ...env.ctx.registry, modules: [...env.ctx.registry.modules,
      { id: 'x', label: 'x', jobs: [{ name: 'x.job', everyMs: 1000, lockId: SEED_LOCK, run: async () => ({}) }] }] } };
    expect(() => allJobs(clash as never)).toThrow('advisory lock 71009');
  });

  it('the deadline sweep raises 黄牌 then 红牌 and notifies the holding orgs once per level', async () => {
    const { runJob, deadlineSweep } = await import('../../src/platform/jobs/runner.ts');
    env.clock.set('2026-09-01T10:00:00+08:00');
    const [handler, reviewer] = [await env.login('handler'), await env.login('reviewer')];
    const orgId = (await handler.get('/api/v1/auth/session')).json().user.orgId;
    const c = (await handler.post('/api/v1/cases', { type: 'legality_review', input: { title: '预警测试文件名称', draftingOrgId: orgId, docKind: '办法', summary: '用于验证黄牌红牌预警与通知。' } })).json();
    const due = (await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' })).json().clocks[0].dueDate;
    expect(due).toBe('2026-09-21'); // counts the make-up Sunday 09-20
    // another case's clock altered outside the engine (its ledger no longer starts with 起算): reported, and the sweep goes on
    const other = (await handler.post('/api/v1/cases', { type: 'legality_review', input: { title: '台账被改动的文件', draftingOrgId: orgId, docKind: '办法',
      summary: '用于验证一个无法计算的计时不阻断其他案件的预警。' } })).json();
    await reviewer.post(`/api/v1/cases/${other.id}/actions`, { action: 'accept' });
    await env.ownerSql(`update clocks set entries = '[]'::jsonb where case_id = '${other.id}'`);
    env.clock.set('2026-09-18T10:00:00+08:00'); // 2 working days left: within the 3-day margin
    const swept = await runJob(env.ctx, deadlineSweep);
    expect(swept).toMatchObject({ broken: 1, brokenClocks: [{ caseId: other.id, error: '计时必须以"起算"开始' }] });
    env.clock.set('2026-09-23T09:00:00+08:00');
    await runJob(env.ctx, deadlineSweep);
    await runJob(env.ctx, deadlineSweep);
    const r = await env.login('reviewer');
    const notes = (await r.get('/api/v1/notifications')).json().filter((n: { caseId: string }) => n.caseId === c.id);
    // besides the alert of its arrival (合法性审核待受理), one notice per level
    expect(notes.map((n: { title: string }) => n.title.slice(0, 2)).sort()).toEqual(['合法', '红牌', '黄牌']);
    expect((await r.get(`/api/v1/cases/${c.id}`)).json().warningLevel).toBe('red');
  });
});

describe('metrics', () => {
  it('legality_review.count equals an independent count, groups add up, and the drill-down lists exactly those records', async () => {
    const leader = await env.login('leader');
    const list = (await leader.get('/api/v1/metrics')).json();
    expect(list.map((m: { key: string }) => m.key)).toContain('legality_review.count');
    const m = (await leader.get('/api/v1/metrics/legality_review.count?from=2026-01-01&to=2026-12-31&groupBy=conclusion')).json();
    const independent = await env.ownerSql(`select count(*)::int as n from cases where type = 'legality_review' and state = 'concluded' and (closed_at at time zone 'Asia/Shanghai')::date between '2026-01-01' and '2026-12-31'`);
    expect(m.value).toBe(independent.rows[0].n);
    expect(m.value).toBeGreaterThan(0);
    expect(m.groups.reduce((s: number, g: { value: number }) => s + g.value, 0)).toBe(m.value);
    const d = (await leader.get('/api/v1/metrics/legality_review.count/drilldown?from=2026-01-01&to=2026-12-31')).json();
    expect(d.total).toBe(m.value);
    // 按时办结率: the reviews whose period ended in 2026 (concluded or not); those concluded in time are among the count's records
    const rate = (await leader.get('/api/v1/metrics/legality_review.on_time_rate?from=2026-01-01&to=2026-12-31')).json();
    const onTime = (await leader.get('/api/v1/metrics/legality_review.on_time_rate/drilldown?from=2026-01-01&to=2026-12-31&part=numerator&limit=500')).json();
    expect(onTime.total).toBe(rate.numerator);
    const concluded = new Set(d.items.map((i: { number: string }) => i.number));
    expect(onTime.items.every((i: { number: string }) => concluded.has(i.number))).toBe(true);
    expect((await leader.get('/api/v1/metrics/legality_review.on_time_rate/drilldown?from=2026-01-01&to=2026-12-31&part=denominator')).json().total).toBe(rate.denominator);
    const xlsx = await leader.get('/api/v1/metrics/legality_review.count/drilldown?from=2026-01-01&to=2026-12-31&format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a handler reads their own unit\'s figures (metrics.own), never the county\'s or another unit\'s', async () => {
    const handler = await env.login('handler');
    const leader = await env.login('leader');
    const ids = Object.fromEntries(((await env.ownerSql(`select code, id from orgs where region_code = '990101'`)).rows as { code: string; id: string }[])
      .map((r) => [r.code.replace('990101-', ''), r.id]));
    const root = (await env.ownerSql(`select id from orgs where region_code = '990101' and parent_id is null`)).rows[0].id as string;
    expect((await handler.get('/api/v1/metrics')).statusCode).toBe(200);
    const q = 'from=2026-01-01&to=2026-12-31';
    expect((await handler.get(`/api/v1/metrics/cases.filed?${q}&org=${root}`)).statusCode).toBe(403);
    expect((await handler.get(`/api/v1/metrics/cases.filed?${q}&org=${ids.cgz}`)).statusCode).toBe(403);
    expect((await handler.get(`/api/v1/metrics/cases.filed/drilldown?${q}&org=${ids.cgz}`)).statusCode).toBe(403);
    // by default: the unit they work for, the same figure the leader sees for it
    const own = (await handler.get(`/api/v1/metrics/cases.filed?${q}`)).json();
    const seen = (await leader.get(`/api/v1/metrics/cases.filed?${q}&org=${ids.scjgj}`)).json();
    expect(own.value).toBe(seen.value);
    const drill = (await handler.get(`/api/v1/metrics/cases.filed/drilldown?${q}&limit=500`)).json();
    expect(drill.total).toBe(own.value);
    // the cockpit (dashboard.view) stays the leaders'
    expect((await handler.get('/api/v1/auth/session')).json().abilities).not.toContain('dashboard.view');
  });
});
