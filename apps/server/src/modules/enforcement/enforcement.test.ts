/**
 * 行政执法 (issue 15): failures first for every gate — a power outside the 权责清单's active 行政处罚 items, one officer or an
 * expired/suspended certificate (Art. 42), a decision without 告知 or without a required 法制审核 (Art. 58), 简易程序 above the
 * Art. 51 limits — then the 普通程序 through every step with its clocks (90 days Art. 60, 5 WD hearing request Art. 64,
 * 7 WD delivery Art. 61, 7 WD 公示 118号), an Idempotency-Key replay, the officer import with rejected rows, and the 亮证 lookup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { orgIds } from '../../../test/factories.ts';

let env: TestEnv;
let admin: Session; let handler: Session; let leader: Session;
let orgs: Record<string, string>;
const powers: Record<string, string> = {};

const officer = (certNo: string, over: Record<string, unknown> = {}) => ({
  orgId: orgs.scjgj, certNo, name: '测试员', fields: ['市场监管'], issuedOn: '2025-01-01', expiresOn: '2028-12-31', trainingHours: 40, ...over,
});
const openInput = (over: Record<string, unknown> = {}) => ({
  powerId: powers['CF-001'], field: '市场监管', partyKind: 'organisation', parties: { name: '示范县某某食品有限公司' },
  facts: '销售超过保质期的食品 20 件。', ...over,
});
const open = (over: Record<string, unknown> = {}) => handler.post('/api/v1/cases', { type: 'penalty_case', input: openInput(over) });
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  s.post(`/api/v1/cases/${id}/actions`, { action, input }, headers);
const NOTICE = { proposedPenalty: '罚款 8000 元', fineAmount: 8000, reasons: '销售超过保质期的食品', basis: '《中华人民共和国食品安全法》第一百二十四条', hearingRight: true };

beforeAll(async () => {
  env = await createTestEnv();
  [admin, handler, leader] = await Promise.all(['admin', 'handler', 'leader'].map((u) => env.login(u)));
  orgs = await orgIds(env);
  for (const code of ['CF-001', 'CF-003', 'JC-001']) powers[code] = (await admin.get(`/api/v1/powers/items?q=${code}`)).json().items[0].id;
  for (const [no, over] of [['TEST-0001', {}], ['TEST-0002', {}], ['TEST-0003', { expiresOn: '2026-06-01' }], ['TEST-0004', { status: '暂扣' }],
    ['TEST-0005', { fields: ['生态环境'] }]] as const) {
    const r = await handler.post('/api/v1/enforcement/officers', officer(no, over));
    expect(r.statusCode, r.body).toBe(201);
  }
});
afterAll(async () => { await env.close(); });

describe('failures first', () => {
  it('立案 only on an active 行政处罚 item of the acting org (清单之外无处罚)', async () => {
    const inspection = await open({ powerId: powers['JC-001'] });
    expect(inspection.statusCode).toBe(400);
    expect(inspection.json().errors).toEqual([{ path: 'body.input.powerId', message: expect.stringContaining('不是权责清单中现行有效的行政处罚事项') }]);
    const unknown = await open({ powerId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    // Another org's power (生态环境局): the 市场监管 handler cannot open it.
    expect((await open({ powerId: powers['CF-003'] })).statusCode).toBe(403);
  });

  it('bad input names every field', async () => {
    const r = await handler.post('/api/v1/cases', { type: 'penalty_case', input: { powerId: 'x', field: '体育', partyKind: 'alien',
      parties: { name: '' }, facts: '' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['body.input.facts', 'body.input.field', 'body.input.parties.name', 'body.input.partyKind', 'body.input.powerId']);
  });

  it('简易程序 above the Art. 51 limit is refused (200 元 individuals, 3000 元 organisations)', async () => {
    const person = await open({ procedure: '简易程序', partyKind: 'person', parties: { name: '王五' }, fineAmount: 201 });
    expect(person.statusCode).toBe(400);
    expect(person.json().errors[0]).toMatchObject({ path: 'body.input.fineAmount', message: expect.stringContaining('200 元') });
    expect((await open({ procedure: '简易程序', fineAmount: 3001 })).json().errors[0].message).toContain('3000 元');
    const ok = await open({ procedure: '简易程序', fineAmount: 3000 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await act(handler, ok.json().id, 'investigate', { officerCertNos: ['TEST-0001', 'TEST-0002'], record: '现场检查记录' })).statusCode).toBe(409);
    const done = await act(handler, ok.json().id, 'summary_decide', { officerCertNos: ['TEST-0001'], fineAmount: 3000, decisionNo: '示市监简罚〔2026〕1号' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().state).toBe('closed');
  });

  it('调查取证 needs two officers with valid certificates for the field on the day (Art. 42)', async () => {
    const c = (await open()).json();
    const one = await act(handler, c.id, 'investigate', { officerCertNos: ['TEST-0001'], record: '现场检查记录' });
    expect(one.statusCode).toBe(400);
    expect(one.json().errors[0]).toMatchObject({ path: 'body.input.officerCertNos', message: expect.stringContaining('两名以上') });
    const bad = await act(handler, c.id, 'investigate', { officerCertNos: ['TEST-0001', 'TEST-0003', 'TEST-0004', 'TEST-0005', 'NOPE-9999'],
      record: '现场检查记录' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { path: 'body.input.officerCertNos', message: expect.stringContaining('TEST-0003 在 2026-06-15 不在有效期内') },
      { path: 'body.input.officerCertNos', message: expect.stringContaining('暂扣') },
      { path: 'body.input.officerCertNos', message: expect.stringContaining('执法领域不含市场监管') },
      { path: 'body.input.officerCertNos', message: expect.stringContaining('未登记') },
    ]);
    const dup = await act(handler, c.id, 'investigate', { officerCertNos: ['TEST-0001', 'TEST-0001'], record: '现场检查记录' });
    expect(dup.json().errors).toEqual([{ path: 'body.input.officerCertNos', message: '执法人员不得重复' }]);
    expect((await env.ownerSql(`select state from cases where id = $1`, [c.id])).rows[0].state).toBe('filed');
  });

  it('no decision without 告知 (Art. 44, 62), none without a required 法制审核 (Art. 58)', async () => {
    const c = (await open()).json();
    const decideInput = { outcome: '处罚', decisionNo: '示市监罚〔2026〕9号', fineAmount: 8000, penalty: '罚款 8000 元，依据食品安全法第一百二十四条', remedies: '六十日内申请行政复议或六个月内提起行政诉讼' };
    expect((await act(handler, c.id, 'investigate', { officerCertNos: ['TEST-0001', 'TEST-0002'], record: '现场检查记录' })).statusCode).toBe(200);
    const early = await act(handler, c.id, 'decide', decideInput);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('未告知');
    expect((await act(handler, c.id, 'notify', { ...NOTICE, art58: '涉及重大公共利益' })).statusCode).toBe(200);
    const unreviewed = await act(handler, c.id, 'decide', decideInput);
    expect(unreviewed.statusCode).toBe(409);
    expect(unreviewed.json().detail).toContain('法制审核');
    const submitted = await act(handler, c.id, 'submit_review');
    expect(submitted.statusCode).toBe(200);
    // moving on ends the party's window to ask for a hearing: no longer a running deadline of the case
    expect(submitted.json().clocks.find((k: { key: string }) => k.key === 'hearing_request').status).toBe('stopped');
    expect((await act(leader, c.id, 'review_fail', { opinion: '证据不足，补充调查' })).json().state).toBe('investigated');
    expect((await act(handler, c.id, 'decide', decideInput)).statusCode).toBe(409);
    // after the further investigation a new 告知 opens the window again
    const again = await act(handler, c.id, 'notify', { ...NOTICE, art58: '涉及重大公共利益' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().clocks.find((k: { key: string }) => k.key === 'hearing_request').status).toBe('running');
  });
});

describe('裁量基准', () => {
  it('a fine outside the range needs a written reason and forces 法制审核; the case records the 基准 version', async () => {
    const base = { powerId: powers['CF-001'], circumstance: '一般', description: '首次违法，涉案货值较小', minFine: 5000, maxFine: 10000,
      basis: '《示范县市场监管行政处罚裁量基准》第十二条', version: '2026修订', effectiveFrom: '2026-03-01' };
    const bad = await handler.post('/api/v1/enforcement/discretion', { ...base, powerId: powers['JC-001'], maxFine: 100 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.maxFine']);
    expect((await handler.post('/api/v1/enforcement/discretion', { ...base, powerId: powers['JC-001'] })).json().errors[0].path).toBe('body.powerId');
    expect((await handler.post('/api/v1/enforcement/discretion', base)).statusCode).toBe(201);
    expect((await handler.post('/api/v1/enforcement/discretion', base)).json().errors).toEqual([{ path: 'body.effectiveFrom', message: '该日期已有基准' }]);
    expect((await anonymous(env.app).get('/api/v1/public/enforcement/discretion')).json()).toEqual(expect.arrayContaining(
      [expect.objectContaining({ powerCode: 'CF-001', circumstance: '一般', version: '2026修订', effectiveFrom: '2026-03-01' })]));
    const c = (await open()).json();
    expect((await act(handler, c.id, 'investigate', { officerCertNos: ['TEST-0001', 'TEST-0002'], record: '现场检查记录' })).statusCode).toBe(200);
    const noReason = await act(handler, c.id, 'notify', { ...NOTICE, fineAmount: 20000, circumstance: '一般' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ path: 'body.input.deviationReason', message: expect.stringContaining('5000–10000 元') }]);
    const withReason = await act(handler, c.id, 'notify', { ...NOTICE, fineAmount: 20000, circumstance: '一般', deviationReason: '当事人拒不改正，多次被投诉，从重处罚' });
    expect(withReason.statusCode, withReason.body).toBe(200);
    const row = (await env.ownerSql(`select data from cases where id = $1`, [c.id])).rows[0].data as Record<string, unknown>;
    expect(row).toMatchObject({ reviewRequired: true, discretion: { version: '2026修订', min: 5000, max: 10000, deviates: true } });
    const decide = await act(handler, c.id, 'decide', { outcome: '处罚', decisionNo: '示市监罚〔2026〕11号', fineAmount: 20000, penalty: '罚款 20000 元',
      remedies: '六十日内申请行政复议或六个月内提起行政诉讼' });
    expect(decide.statusCode).toBe(409);
    const inRange = (await open()).json();
    await act(handler, inRange.id, 'investigate', { officerCertNos: ['TEST-0001', 'TEST-0002'], record: '现场检查记录' });
    expect((await act(handler, inRange.id, 'notify', { ...NOTICE, circumstance: '一般' })).statusCode).toBe(200);
    const d2 = (await env.ownerSql(`select data from cases where id = $1`, [inRange.id])).rows[0].data as Record<string, unknown>;
    expect(d2).toMatchObject({ discretion: { deviates: false } });
    expect(d2.reviewRequired).toBeUndefined();
    // 情节 narrow the range (从轻: the lower half by the county's default share): 8000 is outside 5000–7500
    const lighter = (await open()).json();
    await act(handler, lighter.id, 'investigate', { officerCertNos: ['TEST-0001', 'TEST-0002'], record: '现场检查记录' });
    const light = await act(handler, lighter.id, 'notify', { ...NOTICE, circumstance: '一般', factors: ['从轻'] });
    expect(light.statusCode).toBe(400);
    expect(light.json().errors[0].message).toContain('一般、从轻：5000–7500 元');
    expect((await act(handler, lighter.id, 'notify', { ...NOTICE, fineAmount: 7000, circumstance: '一般', factors: ['从轻'] })).statusCode).toBe(200);
    const facts = (await handler.get(`/api/v1/cases/${lighter.id}`)).json().facts as { key: string; value: unknown }[];
    expect(facts.find((f) => f.key === 'discretionRange')?.value)
      .toBe('一般（从轻）：罚款 5000–7500 元（基准 5000–10000 元，2026修订，《示范县市场监管行政处罚裁量基准》第十二条）');
  });
});

describe('the 普通程序 through every step', () => {
  it('立案 → 调查 → 告知 → 听证 → 法制审核 → 决定 → 送达 → 公示 → 执行 → 结案, with its clocks; a replay does nothing twice', async () => {
    const c = (await open()).json();
    expect(c.number).toMatch(/^CF-2026-\d{6}$/);
    expect(c.clocks.find((k: { key: string }) => k.key === 'decision')).toMatchObject({ status: 'running', dueDate: '2026-09-13' }); // 立案 + 90 days
    expect((await act(handler, c.id, 'investigate', { officerCertNos: ['TEST-0001', 'TEST-0002'], record: '现场检查，制作笔录' })).statusCode).toBe(200);
    const notified = (await act(handler, c.id, 'notify', { ...NOTICE, art58: '直接关系当事人或者第三人重大权益，经过听证程序' })).json();
    expect(notified.clocks.find((k: { key: string }) => k.key === 'hearing_request')).toMatchObject({ status: 'running',
      dueDate: '2026-06-23' }); // 5 WD, 端午 06-19 skipped
    const key = { 'idempotency-key': 'enf-hearing-1' };
    const h1 = await act(handler, c.id, 'request_hearing', {}, key);
    const h2 = await act(handler, c.id, 'request_hearing', {}, key);
    expect(h1.statusCode).toBe(200);
    expect(h2.statusCode).toBe(200);
    expect(h2.json().version).toBe(h1.json().version);
    expect((await act(handler, c.id, 'schedule_hearing', { hearingOn: '2026-06-26', place: '县市场监管局听证室', chair: '法制科 王某',
      chairCertNo: 'TEST-0005' })).statusCode).toBe(200);
    env.clock.set('2026-06-26T09:00:00+08:00');
    handler = await env.login('handler');
    leader = await env.login('leader');
    expect((await act(handler, c.id, 'hearing_held', { record: '当事人对事实无异议，请求从轻', signed: true })).json().state).toBe('notified');
    expect((await act(handler, c.id, 'submit_review')).statusCode).toBe(200);
    expect((await act(leader, c.id, 'review_pass', { opinion: '事实清楚，证据确凿，程序合法' })).json().state).toBe('reviewed');
    const decided = (await act(handler, c.id, 'decide', { outcome: '处罚', decisionNo: '示市监罚〔2026〕10号', fineAmount: 6000, penalty: '罚款 6000 元',
      remedies: '六十日内申请行政复议或六个月内提起行政诉讼' })).json();
    expect(decided.state).toBe('decided');
    const clocks = Object.fromEntries(decided.clocks.map((k: { key: string }) => [k.key, k]));
    expect(clocks.decision.status).toBe('stopped');
    expect(clocks.delivery).toMatchObject({ status: 'running', dueDate: '2026-07-07' }); // 7 WD from Friday 06-26
    expect(clocks.publication).toMatchObject({ status: 'running', dueDate: '2026-07-07' });
    expect((await act(handler, c.id, 'deliver', { method: '直接送达' })).json().state).toBe('delivered');
    const published = (await act(handler, c.id, 'publish')).json();
    expect(published.clocks.find((k: { key: string }) => k.key === 'publication').status).toBe('stopped');
    expect((await act(handler, c.id, 'execute', { note: '当事人已缴纳罚款' })).json().state).toBe('executed');
    expect((await act(handler, c.id, 'close')).json().state).toBe('closed');
    const events = (await env.ownerSql(`select count(*)::int as n from case_events where case_id = $1 and action = 'request_hearing'`, [c.id])).rows[0];
    expect(events.n).toBe(1);
    env.clock.set('2026-06-15T10:00:00+08:00');
    handler = await env.login('handler');
    leader = await env.login('leader');
  });
});

describe('执法人员 and 亮证', () => {
  it('registration: 400 per field, 403 for another org, duplicate certificate refused', async () => {
    const bad = await handler.post('/api/v1/enforcement/officers', officer('x', { name: '', fields: [], expiresOn: '2024-01-01' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.certNo', 'body.expiresOn', 'body.fields', 'body.name']);
    expect((await handler.post('/api/v1/enforcement/officers', officer('TEST-0099', { orgId: orgs.sthjj }))).statusCode).toBe(403);
    expect((await handler.post('/api/v1/enforcement/officers', officer('TEST-0001'))).json().errors).toEqual([{ path: 'body.certNo', message: '执法证号已登记' }]);
  });

  it('import reports rejected rows', async () => {
    const csv = ['执法证号,姓名,所属机关编码,执法领域,执法类别,发证日期,有效期至,状态,年度培训学时',
      'IMP-00001,甲执法,990101-scjgj,市场监管,市场监管综合执法,2025-01-01,2029-12-31,有效,30',
      'IMP-00002,乙执法,990101-nope,市场监管,市场监管综合执法,2025-01-01,2029-12-31,有效,30',
      'IMP-00003,丙执法,990101-scjgj,体育,市场监管综合执法,2025-01-01,2024-12-31,有效,30'].join('\n');
    const boundary = '----yifaenf';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="officers.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head),
      Buffer.from(csv), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/enforcement/officers/import', payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json();
    expect(rep).toMatchObject({ total: 3, imported: 1 });
    expect(rep.rejected.map((x: { row: number }) => x.row)).toHaveLength(2);
    expect(rep.rejected[0].errors).toEqual([{ column: '所属机关编码', message: '机构编码不存在' }]);
    expect(rep.rejected[1].errors.map((e: { column: string }) => e.column)).toEqual(['执法领域']);
  });

  it('the public 亮证 check shows name, org, fields and validity, nothing else', async () => {
    const pub = anonymous(env.app);
    const ok = (await pub.get('/api/v1/public/enforcement/certificates/TEST-0001')).json();
    expect(Object.keys(ok).sort()).toEqual(['category', 'certNo', 'checkedOn', 'expiresOn', 'fields', 'issuedOn', 'name', 'note', 'orgName', 'status',
      'valid']);
    expect(ok).toMatchObject({ valid: true, name: '测试员', fields: ['市场监管'] });
    expect((await pub.get('/api/v1/public/enforcement/certificates/TEST-0003')).json().valid).toBe(false);
    expect((await pub.get('/api/v1/public/enforcement/certificates/NOPE-0000')).statusCode).toBe(404);
    expect((await pub.get('/api/v1/public/enforcement/certificates/%20x')).statusCode).toBe(400);
  });

  it('metrics: valid officers, 立案 and 决定 counts', async () => {
    const r = await leader.get('/api/v1/metrics/enforcement.officers?from=2026-01-01&to=2026-06-15');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().value).toBeGreaterThanOrEqual(2);
    const get = async (key: string) => {
      const x = await leader.get(`/api/v1/metrics/${key}?from=2026-06-01&to=2026-06-30`);
      expect(x.statusCode, `${key}: ${x.body}`).toBe(200);
      return x.json();
    };
    expect((await get('enforcement.filed')).value).toBeGreaterThanOrEqual(5);
    expect((await get('enforcement.decided')).value).toBeGreaterThanOrEqual(2);
    expect((await get('enforcement.published')).value).toBe(1);
    expect((await get('enforcement.hearings')).value).toBe(1);
    expect((await get('enforcement.legal_reviews')).value).toBe(2);
    expect((await get('enforcement.publication_on_time_rate')).value).toBe(100);
    expect((await get('enforcement.decided_within_90_days')).value).toBe(100);
    expect((await get('enforcement.discretion_deviations')).value).toBe(1);
    for (const key of ['enforcement.hearings', 'enforcement.publication_on_time_rate', 'enforcement.legal_reviews', 'enforcement.officers',
      'enforcement.discretion_deviations']) {
      const drill = await leader.get(`/api/v1/metrics/${key}/drilldown?from=2026-06-01&to=2026-06-30`);
      expect(drill.statusCode, `${key}: ${drill.body}`).toBe(200);
    }
  });
});

describe('执法证件 expiry reminders (county window, unsourced: 60 days by default)', () => {
  it('the org is told once of a certificate expiring within the window; not of one expiring later, nor of an expired or suspended one', async () => {
    const { runJob } = await import('../../platform/jobs/runner.ts');
    const { certificateReminderJob } = await import('./reminders.ts');
    for (const [no, over] of [['REM-0001', { expiresOn: '2026-07-20' }], ['REM-0002', { expiresOn: '2026-12-31' }],
      ['REM-0003', { expiresOn: '2026-07-01', status: '暂扣' }]] as const) {
      const r = await handler.post('/api/v1/enforcement/officers', officer(no, over));
      expect(r.statusCode, r.body).toBe(201);
    }
    const told = async () => (await env.ownerSql(`select title from notifications where dedupe_key like 'enforcement.cert:%' and org_id = $1
      order by title`, [orgs.scjgj])).rows.map((r) => r.title as string);
    await runJob(env.ctx, certificateReminderJob);
    await runJob(env.ctx, certificateReminderJob); // a rerun tells no one twice
    const titles = await told();
    expect(titles.filter((t) => t.includes('REM-'))).toEqual(['执法证件即将到期 REM-0001']);
    const s = await (await env.login('admin')).get('/api/v1/settings/enforcement');
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().values.certReminderDays).toBe(60);
  });
});
