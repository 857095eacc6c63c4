/**
 * 法律法规目录 (issue 13): CRUD with audit, XLSX import with every rejected row named by row and column, export, search by
 * two-character words, status on a date, and the basis-change flag over citations recorded by ordinary 合法性审查 cases.
 * Failures first. The harness starts on 2026-06-15.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { anonymous, createTestEnv, multipart, type Session, type TestEnv } from '../../../test/harness.ts';
import { lawStatusOn, newChanges, type LawDates } from './store.ts';
import { LAW_COLUMNS } from './import.ts';

let env: TestEnv;
let admin: Session; let reviewer: Session; let handler: Session; let leader: Session;
let draftingOrgId = '';
beforeAll(async () => {
  env = await createTestEnv();
  [admin, reviewer, handler, leader] = await Promise.all(['admin', 'reviewer', 'handler', 'leader'].map((u) => env.login(u)));
  draftingOrgId = (await handler.get('/api/v1/auth/session')).json().user.orgId;
});
afterAll(async () => { await env.close(); });

const paths = (r: { json: () => { errors?: { path: string }[] } }) => (r.json().errors ?? []).map((e) => e.path).sort();
const LAW = { title: '示范省城乡规划条例', issuer: '示范省人民代表大会常务委员会', level: '地方性法规', promulgatedOn: '2010-05-20', effectiveOn: '2010-09-01' };
async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('法律法规目录');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function upload(s: Session, rows: string[][]) {
  const m = multipart([{ name: 'file', filename: '目录.xlsx', content: await xlsx(rows) }]);
  return env.app.inject({ method: 'POST', url: '/api/v1/laws/import', payload: m.payload, headers: { ...m.headers, cookie: s.cookie,
    'x-csrf-token': s.csrf } });
}
const find = async (title: string) => (await admin.get(`/api/v1/laws?q=${encodeURIComponent(title)}`)).json().items
  .find((x: { title: string }) => x.title === title);
/** An ordinary 合法性审查 case citing laws, for a document in force since `effectiveOn`. */
async function citing(title: string, bases: { lawId: string; article?: string }[], effectiveOn?: string) {
  return handler.post('/api/v1/cases', { type: 'legality_review', input: { kind: '其他涉法事务', title, draftingOrgId, summary: '审查已施行文件的依据是否仍然有效。', bases,
    effectiveOn } });
}

describe('法律法规目录: failures first', () => {
  it('401 anonymous; 403 for a handler (only the administrator or the 司法局 keeps the catalogue)', async () => {
    expect((await anonymous(env.app).get('/api/v1/laws')).statusCode).toBe(401);
    const r = await handler.post('/api/v1/laws', LAW);
    expect(r.statusCode).toBe(403);
    expect((await upload(handler, [[...LAW_COLUMNS]])).statusCode).toBe(403);
  });

  it('400 naming every bad field, dates out of order included', async () => {
    const r = await admin.post('/api/v1/laws', { title: '', issuer: 'x', level: '通知', promulgatedOn: '2020-02-30', effectiveOn: '2020-1-1' });
    expect(r.statusCode).toBe(400);
    expect(paths(r)).toEqual(['body.effectiveOn', 'body.issuer', 'body.level', 'body.promulgatedOn', 'body.title']);
    const order = await admin.post('/api/v1/laws', { ...LAW, effectiveOn: '2009-01-01', amendedOn: ['2008-01-01'], repealedOn: '2009-06-01' });
    expect(paths(order)).toEqual(['body.amendedOn.0', 'body.effectiveOn', 'body.repealedOn']);
    expect(order.json().detail).toContain('施行日期不能早于公布日期');
  });

  it('400: a case cannot cite a law not in the catalogue, nor one repealed before its document takes effect', async () => {
    const unknown = await citing('示范县某文件依据审查', [{ lawId: '00000000-0000-4000-8000-000000000000' }], '2020-01-01');
    expect(unknown.statusCode).toBe(400);
    expect(paths(unknown)).toEqual(['body.input.bases.0.lawId']);
    const contract = await find('中华人民共和国合同法');
    const r = await citing('示范县某文件依据审查', [{ lawId: contract.id, article: '第五十二条' }], '2022-01-01');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].message).toContain('2021-01-01 废止');
  });

  it('import: every rejected row named by row and column; the good rows go in; missing columns are a 400', async () => {
    const miss = await upload(admin, [['名称', '制定机关'], ['某法', '某机关']]);
    expect(miss.statusCode).toBe(400);
    expect(paths(miss)).toEqual(['body.file.公布日期', 'body.file.效力级别', 'body.file.施行日期']);
    const r = await upload(admin, [
      [...LAW_COLUMNS],
      ['《示范省安全生产条例》', '示范省人民代表大会常务委员会', '地方性法规', '', '2005-07-29', '2005-10-01', '2017-03-30；2022-11-25', '', ''],
      ['示范市市容管理办法', '示范市人民政府', '地方政府规章', '示范市人民政府令第12号', '2015-03-01', '2015-05-01', '', '', ''],
      ['坏', '', '红头文件', '', '2020-13-01', '2020-01-01', '昨天', '', ''],
      ['示范市烟花爆竹管理规定', '示范市人民政府', '地方政府规章', '', '2016-01-01', '2015-12-01', '', '2015-01-01', ''],
      ['示范市市容管理办法', '示范市人民政府', '地方政府规章', '', '2015-03-01', '2015-05-01', '', '', ''],
    ]);
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json();
    expect(rep).toMatchObject({ total: 5, imported: 2, added: 2 });
    expect(rep.rejected.map((x: { row: number }) => x.row)).toEqual([4, 5, 6]);
    expect(rep.rejected[0].errors.map((e: { column: string }) => e.column).sort()).toEqual(['修改日期', '公布日期', '制定机关', '名称', '效力级别'].sort());
    expect(rep.rejected[1].errors.map((e: { column: string }) => e.column).sort()).toEqual(['废止日期', '施行日期']);
    expect(rep.rejected[2].errors).toEqual([{ column: '名称', message: '与第 3 行重复' }]);
    const law = await find('示范省安全生产条例');
    expect(law).toMatchObject({ level: '地方性法规', amendedOn: ['2017-03-30', '2022-11-25'], status: '已修改' });
    const audit = await env.ownerSql(`select detail from audit_log where action = 'laws.import' order by id desc limit 1`);
    expect(audit.rows[0].detail).toMatchObject({ added: 2, rejected: 3 });
  });
});

describe('法律法规目录: catalogue, search and status', () => {
  it('the demo catalogue: search by two-character words, filter by level and by status on a date', async () => {
    const r = await admin.get(`/api/v1/laws?q=${encodeURIComponent('复议')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((x: { title: string }) => x.title)).toContain('中华人民共和国行政复议法');
    const env2 = await admin.get(`/api/v1/laws?q=${encodeURIComponent('营商')}`);
    expect(env2.json().items.map((x: { title: string }) => x.title)).toEqual(['优化营商环境条例']);
    const repealed = await admin.get(`/api/v1/laws?status=${encodeURIComponent('已废止')}`);
    expect(repealed.json().items.map((x: { title: string }) => x.title)).toContain('中华人民共和国合同法');
    const before = await admin.get(`/api/v1/laws?status=${encodeURIComponent('现行有效')}&on=2020-06-01&level=${encodeURIComponent('法律')}`);
    const titles = before.json().items.map((x: { title: string }) => x.title);
    expect(titles).toContain('中华人民共和国合同法');
    expect(titles).not.toContain('中华人民共和国民法典'); // 尚未施行 on that date
    const penalty = await find('中华人民共和国行政处罚法');
    const st = await admin.get(`/api/v1/laws/status?ids=${penalty.id}&date=2021-01-01`);
    expect(st.json().items).toEqual([{ lawId: penalty.id, title: '中华人民共和国行政处罚法', status: '已修改' }]);
  });

  it('create, edit (with its audit), idempotent replay, conflict on a stale version, export', async () => {
    const key = { 'idempotency-key': 'laws-create-0001' };
    const a = await reviewer.post('/api/v1/laws', LAW, key);
    expect(a.statusCode, a.body).toBe(201);
    const b = await reviewer.post('/api/v1/laws', LAW, key);
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect((await reviewer.post('/api/v1/laws', LAW)).statusCode).toBe(400); // same title and level
    const put = await admin.put(`/api/v1/laws/${a.json().id}`, { ...LAW, docNo: '示范省人大常委会公告第5号', version: 1 });
    expect(put.statusCode, put.body).toBe(200);
    expect((await admin.put(`/api/v1/laws/${a.json().id}`, { ...LAW, version: 1 })).statusCode).toBe(409);
    const audit = await env.ownerSql(`select action, detail from audit_log where target_id = $1 order by id`, [a.json().id]);
    expect(audit.rows.map((x) => x.action)).toEqual(['laws.create', 'laws.update']);
    expect(audit.rows[1].detail).toMatchObject({ changed: { docNo: { from: '', to: '示范省人大常委会公告第5号' } } });
    const x = await admin.get('/api/v1/laws/export.xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(header).toEqual([...LAW_COLUMNS, '状态']);
    expect(wb.worksheets[0].rowCount).toBeGreaterThan(13);
  });
});

describe('依据变化: the basis-change flag', () => {
  it('a repeal flags the citations of documents in force before it (not later ones, not drafts), in the same transaction; replay flags once', async () => {
    const law = (await admin.post('/api/v1/laws', { ...LAW, title: '示范省农村公路条例' })).json();
    const old = await citing('示范县农村公路养护办法依据审查', [{ lawId: law.id, article: '第十条' }], '2018-03-01');
    expect(old.statusCode, old.body).toBe(201);
    const later = await citing('示范县农村公路建设意见依据审查', [{ lawId: law.id }], '2026-07-01');
    const draft = await citing('示范县农村公路管理细则（草案）依据审查', [{ lawId: law.id }]);
    expect([later.statusCode, draft.statusCode]).toEqual([201, 201]);
    const bad = await admin.post(`/api/v1/laws/${law.id}/repeal`, { on: '2001-01-01' });
    expect(paths(bad)).toEqual(['body.on']);
    const key = { 'idempotency-key': `repeal-${law.id}` };
    const r = await admin.post(`/api/v1/laws/${law.id}/repeal`, { on: '2026-06-01' }, key);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().flagged).toBe(1);
    expect((await admin.post(`/api/v1/laws/${law.id}/repeal`, { on: '2026-06-01' }, key)).json().flagged).toBe(1);
    const flags = (await leader.get(`/api/v1/laws/flags?lawId=${law.id}`)).json();
    expect(flags.items).toHaveLength(1);
    expect(flags.items[0]).toMatchObject({ caseId: old.json().id, flagReason: '法律依据已废止', flagChangeOn: '2026-06-01', article: '第十条' });
    const byOrg = (await leader.get(`/api/v1/laws/flags?lawId=${law.id}&orgId=${draftingOrgId}`)).json();
    expect(byOrg.items).toHaveLength(1);
    const n = await env.ownerSql(`select count(*)::int as n from law_citations where law_id = $1 and flagged_at is not null`, [law.id]);
    expect(n.rows[0].n).toBe(1);
    // resolve: 400 without a reason, then once; a second time is a conflict
    const id = flags.items[0].id;
    expect(paths(await handler.post(`/api/v1/laws/flags/${id}/resolve`, { resolution: '' }))).toEqual(['body.resolution']);
    const ok = await handler.post(`/api/v1/laws/flags/${id}/resolve`, { resolution: '已启动修改程序，删除引用条款。' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await handler.post(`/api/v1/laws/flags/${id}/resolve`, { resolution: '再次处理一下。' })).statusCode).toBe(409);
    expect((await leader.get(`/api/v1/laws/flags?lawId=${law.id}&state=resolved`)).json().items).toHaveLength(1);
  });

  it('an amendment via PUT or import flags; a citation recorded after a known change is flagged at once; the metric counts documents', async () => {
    const law = (await admin.post('/api/v1/laws', { ...LAW, title: '示范省河道管理条例' })).json();
    const c = (await citing('示范县河道采砂管理办法依据审查', [{ lawId: law.id, article: '第八条' }, { lawId: law.id, article: '第九条' }], '2015-01-01')).json();
    const put = await admin.put(`/api/v1/laws/${law.id}`, { ...LAW, title: '示范省河道管理条例', amendedOn: ['2020-11-27'], version: 1 });
    expect(put.json().flagged).toBe(2);
    const imp = await upload(admin, [[...LAW_COLUMNS], ['示范省河道管理条例', LAW.issuer, LAW.level, '', LAW.promulgatedOn, LAW.effectiveOn,
      '2020-11-27；2024-05-30', '', '']]);
    expect(imp.json()).toMatchObject({ updated: 1, flagged: 2 });
    const seen = await admin.get(`/api/v1/laws/citations?caseId=${c.id}&on=2021-01-01`);
    expect(seen.json().items.map((x: { status: string; flagReason: string }) => [x.status, x.flagReason])).toEqual([['已修改', '法律依据已修改'], ['已修改', '法律依据已修改']]);
    // recorded late: the document took effect in 2019, the law was amended in 2020 and 2024: flagged on recording
    const late = (await citing('示范县河道保洁办法依据审查', [{ lawId: law.id }], '2019-01-01')).json();
    const f = (await leader.get(`/api/v1/laws/flags?lawId=${law.id}`)).json().items.filter((x: { caseId: string }) => x.caseId === late.id);
    expect(f).toMatchObject([{ flagReason: '法律依据已修改', flagChangeOn: '2024-05-30' }]);
    const m = await leader.get('/api/v1/metrics/laws.flagged_documents?from=2026-01-01&to=2026-12-31');
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json().value).toBeGreaterThanOrEqual(3); // the seed's 行政执法公示办法, this test's two documents (one document with two bases counts once)
    const d = await leader.get('/api/v1/metrics/laws.flagged_documents/drilldown?from=2026-01-01&to=2026-12-31');
    expect(d.statusCode, d.body).toBe(200);
    const titles = d.json().items.map((x: { title: string }) => x.title);
    expect(titles).toEqual(expect.arrayContaining(['示范县河道采砂管理办法依据审查', '示范县河道保洁办法依据审查', '《示范县行政执法公示办法》（2019年施行）清理审查']));
  });
});

describe('status and changes (properties)', () => {
  const day = fc.integer({ min: 0, max: 20000 }).map((n) => new Date(Date.UTC(1980, 0, 1) + n * 864e5).toISOString().slice(0, 10));
  it('a law is 已废止 from its repeal, 尚未施行 before it takes effect, otherwise 已修改 exactly when an amendment is on or before the date', () => {
    fc.assert(fc.property(day, day, fc.array(day, { maxLength: 4 }), fc.option(day, { nil: null }), day, (p, e, am, rep, on) => {
      const l: LawDates = { promulgatedOn: p, effectiveOn: e, amendedOn: am, repealedOn: rep };
      const s = lawStatusOn(l, on);
      if (rep !== null && rep <= on) return s === '已废止';
      if (e > on) return s === '尚未施行';
      return s === (am.some((a) => a <= on) ? '已修改' : '现行有效');
    }));
  });
  it('only new amendment dates and a new repeal date are changes', () => {
    fc.assert(fc.property(fc.array(day, { maxLength: 4 }), fc.array(day, { maxLength: 4 }), (a, b) => {
      const before: LawDates = { promulgatedOn: '1980-01-01', effectiveOn: '1980-01-01', amendedOn: a, repealedOn: null };
      const after: LawDates = { ...before, amendedOn: [...a, ...b] };
      return newChanges(before, after).length === b.filter((x) => !a.includes(x)).length && newChanges(after, after).length === 0;
    }));
  });
});
