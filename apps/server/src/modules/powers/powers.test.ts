import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let admin: Session;
let leader: Session;
let handler: Session;
let orgs: { id: string; code: string; kind: string }[];
const org = (code: string) => orgs.find((o) => o.code === `990101-${code}`)!.id;

beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.login('admin');
  leader = await env.login('leader');
  handler = await env.login('handler');
  orgs = (await admin.get('/api/v1/orgs')).json();
});
afterAll(async () => { await env.close(); });

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('权责清单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function multipart(filename: string, content: Buffer) {
  const boundary = '----yifa' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const HEAD = ['职权编码', '职权名称', '职权类型', '实施主体编码', '实施依据', '依据条款', '责任事项', '层级', '乡镇类别', '可下放', '下放日期', '下放乡镇编码', '生效日期'];

describe('权责清单: adjustments', () => {
  it('401 anonymous, 400 naming every bad field, 403 for a handler of another org', async () => {
    expect((await anonymous(env.app).get('/api/v1/powers/items')).statusCode).toBe(401);
    const bad = await admin.post('/api/v1/powers/adjustments', { change: { kind: 'add', item: { code: '?', name: 'x', type: '行政许可X', orgId: 'nope', basisLaw: '', duties: [], level: 'township' } }, effectiveOn: '2026-02-30', reason: '短' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    for (const p of ['body.change.item.code', 'body.change.item.name', 'body.change.item.type', 'body.change.item.orgId', 'body.change.item.basisLaw', 'body.change.item.duties', 'body.effectiveOn', 'body.reason']) expect(paths).toContain(p);
    const other = await handler.post('/api/v1/powers/adjustments', { change: { kind: 'add', item: { code: 'T-1', name: '测试许可', type: '行政许可', orgId: org('sthjj'), basisLaw: '《测试法》', duties: ['受理'], level: 'county' } }, effectiveOn: '2026-06-15', reason: '测试新增事项' });
    expect(other.statusCode).toBe(403);
  });

  it('township items must say 法定 or 赋予; county items must not', async () => {
    const r = await admin.post('/api/v1/powers/adjustments', { change: { kind: 'add', item: { code: 'T-2', name: '测试乡镇事项', type: '行政确认', orgId: org('cgz'), basisLaw: '《测试法》', duties: ['受理'], level: 'township' } }, effectiveOn: '2026-06-15', reason: '测试新增事项' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.change.item.townshipKind']);
  });

  it('a proposal is applied only when approved; the handler cannot approve; as-of and diff follow effective dates', async () => {
    const prop = await handler.post('/api/v1/powers/adjustments', { change: { kind: 'add', item: { code: 'CF-900', name: '对销售过期食品的处罚', type: '行政处罚', orgId: org('scjgj'), basisLaw: '《中华人民共和国食品安全法》', basisArticle: '第一百二十四条', duties: ['立案', '调查', '决定'], level: 'county' } }, effectiveOn: '2026-06-01', reason: '新修订法律增设职权', documentNo: '示编办〔2026〕5号' });
    expect(prop.statusCode).toBe(201);
    const id = prop.json().id;
    expect((await admin.get('/api/v1/powers/items?q=CF-900')).json().total).toBe(0);
    expect((await handler.post(`/api/v1/powers/adjustments/${id}/approve`, { note: '同意' })).statusCode).toBe(403);
    expect((await leader.post(`/api/v1/powers/adjustments/${id}/approve`, { note: '' })).statusCode).toBe(400);
    expect((await leader.post(`/api/v1/powers/adjustments/${id}/approve`, { note: '经审核同意' })).statusCode).toBe(200);
    const again = await leader.post(`/api/v1/powers/adjustments/${id}/approve`, { note: '经审核同意' });
    expect(again.statusCode).toBe(409);
    const list = (await admin.get('/api/v1/powers/items?q=CF-900')).json();
    expect(list.total).toBe(1);
    const itemId = list.items[0].id;
    // Abolish it from 2026-06-10: present on 06-05, gone on 06-12.
    const ab = await admin.post('/api/v1/powers/adjustments', { change: { kind: 'abolish', itemId }, effectiveOn: '2026-06-10', reason: '上位法调整予以取消' });
    const abr = await leader.post(`/api/v1/powers/adjustments/${ab.json().id}/approve`, { note: '同意取消' });
    expect(abr.json().detail ?? abr.json().status).toBe('approved');
    const on5 = (await admin.get('/api/v1/powers/as-of?date=2026-06-05')).json();
    const on12 = (await admin.get('/api/v1/powers/as-of?date=2026-06-12')).json();
    const on0531 = (await admin.get('/api/v1/powers/as-of?date=2026-05-31')).json();
    expect(on5.items.some((i: { code: string }) => i.code === 'CF-900')).toBe(true);
    expect(on12.items.some((i: { code: string }) => i.code === 'CF-900')).toBe(false);
    expect(on0531.items.some((i: { code: string }) => i.code === 'CF-900')).toBe(false);
    expect(on5.total).toBe(on0531.total + 1);
    const diff = (await admin.get('/api/v1/powers/diff?from=2026-05-31&to=2026-06-05')).json();
    expect(diff.added.map((a: { code: string }) => a.code)).toEqual(['CF-900']);
    expect(diff.removed).toEqual([]);
    const diff2 = (await admin.get('/api/v1/powers/diff?from=2026-06-05&to=2026-06-12')).json();
    expect(diff2.removed.map((a: { code: string }) => a.code)).toEqual(['CF-900']);
    expect((await admin.get('/api/v1/powers/diff?from=2026-06-12&to=2026-06-05')).statusCode).toBe(400);
    // History of the item: both adjustments, in order.
    const detail = (await admin.get(`/api/v1/powers/items/${itemId}`)).json();
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['add', 'abolish']);
  });

  it('a stale proposal (item changed since) is refused at approval with 409; delegation only to townships', async () => {
    const item = (await admin.get('/api/v1/powers/items?q=JC-004')).json().items[0];
    const a = (await admin.post('/api/v1/powers/adjustments', { change: { kind: 'modify', itemId: item.id, changes: { basisArticle: '第九条' } }, effectiveOn: '2026-06-15', reason: '依据条款更新' })).json().id;
    const b = (await admin.post('/api/v1/powers/adjustments', { change: { kind: 'modify', itemId: item.id, changes: { basisArticle: '第十条' } }, effectiveOn: '2026-06-15', reason: '依据条款更新' })).json().id;
    expect((await leader.post(`/api/v1/powers/adjustments/${a}/approve`, { note: '同意' })).json()).toMatchObject({ status: 'approved' });
    expect((await leader.post(`/api/v1/powers/adjustments/${b}/approve`, { note: '同意' })).statusCode).toBe(409);
    const d = await admin.post('/api/v1/powers/adjustments', { change: { kind: 'delegate', itemId: item.id, townshipIds: [org('scjgj')] }, effectiveOn: '2026-06-15', reason: '扩权强镇下放' });
    expect(d.statusCode).toBe(400);
    expect(d.json().errors[0].path).toBe('body.change.townshipIds');
  });
});

describe('权责清单: XLSX import / export and the public catalogue', () => {
  it('imports good rows, reports every bad row with its columns, and exports the same layout', async () => {
    const buf = await xlsx([
      HEAD,
      ['IMP-001', '导入的行政许可', '行政许可', '990101-xzspj', '《测试条例》', '第三条', '受理；审查；决定', '县级', '', '否', '', '', '2026-01-01'],
      ['IMP-002', '导入的乡镇职权', '行政确认', '990101-dgz', '《测试条例》', '第四条', '受理', '乡镇', '赋予', '', '', '', ''],
      ['IMP-003', '下放的检查', '行政检查', '990101-scjgj', '《测试条例》', '', '检查；处置', '县级', '', '是', '2026-02-01', '990101-cgz,990101-dgz', ''],
      ['bad code!', 'x', '行政许可证', '990101-nope', '', '', '', '省级', '法定', '也许', '2026-13-01', '990101-scjgj', ''],
      ['IMP-001', '重复', '行政许可', '990101-xzspj', '《测试条例》', '', '受理', '县级', '', '', '', '', ''],
    ]);
    const m = multipart('清单.xlsx', buf);
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/powers/import', payload: m.body, headers: { ...m.headers, cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(r.statusCode).toBe(200);
    const rep = r.json();
    expect(rep).toMatchObject({ total: 5, imported: 3 });
    expect(rep.rejected.map((x: { row: number }) => x.row)).toEqual([5, 6]);
    const cols = rep.rejected[0].errors.map((e: { column: string }) => e.column);
    for (const c of ['职权编码', '职权名称', '职权类型', '实施主体编码', '实施依据', '责任事项', '层级', '可下放', '下放日期', '下放乡镇编码']) expect(cols).toContain(c);
    expect(rep.rejected[1].errors).toEqual([{ column: '职权编码', message: '编码已存在' }]);
    // Handler may not import.
    const h = await env.app.inject({ method: 'POST', url: '/api/v1/powers/import', payload: m.body, headers: { ...m.headers, cookie: handler.cookie, 'x-csrf-token': handler.csrf } });
    expect(h.statusCode).toBe(403);
    // Export round-trips the layout.
    const x = await admin.get('/api/v1/powers/export.xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(HEAD);
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1).values as string[]).find((v) => v[1] === 'IMP-003')!;
    expect(row[12]).toBe('990101-cgz,990101-dgz');
    expect(row[11]).toBe('2026-02-01');
  });

  it('a file missing columns is refused naming the columns', async () => {
    const m = multipart('x.xlsx', await xlsx([['职权编码', '职权名称'], ['A-1', '名称']]));
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/powers/import', payload: m.body, headers: { ...m.headers, cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toContain('body.file.职权类型');
  });

  it('the portal searches and filters without login; service guides derive from listed powers only', async () => {
    const pub = anonymous(env.app);
    const all = (await pub.get('/api/v1/public/powers?limit=500')).json();
    const lic = (await pub.get(`/api/v1/public/powers?type=${encodeURIComponent('行政许可')}&limit=500`)).json();
    expect(lic.total).toBeGreaterThan(5);
    expect(lic.items.every((i: { type: string }) => i.type === '行政许可')).toBe(true);
    expect(lic.total).toBe(all.items.filter((i: { type: string }) => i.type === '行政许可').length);
    const town = (await pub.get('/api/v1/public/powers?level=township&limit=500')).json();
    expect(town.items.every((i: { townshipKind: string }) => ['法定', '赋予'].includes(i.townshipKind))).toBe(true);
    const q = (await pub.get(`/api/v1/public/powers?q=${encodeURIComponent('食品经营')}`)).json();
    expect(q.items.map((i: { code: string }) => i.code)).toContain('XK-001');
    expect((await pub.get('/api/v1/public/powers?type=xx')).statusCode).toBe(400);
    const svcs = (await pub.get('/api/v1/public/services')).json();
    expect(svcs.length).toBeGreaterThan(5);
    const guide = (await pub.get(`/api/v1/public/services/${svcs[0].id}`)).json();
    expect(guide.materials.length).toBeGreaterThan(0);
    // A service item must come from a power in force.
    const abolished = (await admin.get('/api/v1/powers/items?status=abolished')).json().items[0];
    const s = await admin.post('/api/v1/powers/services', { powerId: abolished.id, orgId: org('xzspj'), code: 'FW-900', name: '测试事项', statutoryDays: 20, promisedDays: 25, instant: true, materials: [], baselineMaterials: 3 });
    expect(s.statusCode).toBe(400);
    expect(s.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.promisedDays', 'body.promisedDays']);
    const s2 = await admin.post('/api/v1/powers/services', { powerId: abolished.id, orgId: org('xzspj'), code: 'FW-900', name: '测试事项', statutoryDays: 20, promisedDays: 5, materials: [], baselineMaterials: 3 });
    expect(s2.statusCode).toBe(400);
    expect(s2.json().errors[0].path).toBe('body.powerId');
    const power = (await admin.get('/api/v1/powers/items?q=XK-005')).json().items[0];
    const tooLong = await admin.post('/api/v1/powers/services', { powerId: power.id, orgId: org('xzspj'), code: 'FW-901', name: '民办学校办学许可（新设）', statutoryDays: 30, promisedDays: 10, materials: [], baselineMaterials: 3 });
    expect(tooLong.json().errors[0].path).toBe('body.statutoryDays');
    const ok = await admin.post('/api/v1/powers/services', { powerId: power.id, orgId: org('xzspj'), code: 'FW-901', name: '民办学校办学许可（新设）', statutoryDays: 20, promisedDays: 10, materials: [{ name: '办学申请书', required: true }], baselineMaterials: 8, fees: '不收费' }, { 'idempotency-key': 'svc-create-0001' });
    expect(ok.statusCode).toBe(201);
    const replay = await admin.post('/api/v1/powers/services', { powerId: power.id, orgId: org('xzspj'), code: 'FW-901', name: '民办学校办学许可（新设）', statutoryDays: 20, promisedDays: 10, materials: [{ name: '办学申请书', required: true }], baselineMaterials: 8, fees: '不收费' }, { 'idempotency-key': 'svc-create-0001' });
    expect(replay.json().id).toBe(ok.json().id);
    expect((await pub.get(`/api/v1/public/services/${ok.json().id}`)).json()).toMatchObject({ name: '民办学校办学许可（新设）', powerCode: 'XK-005', promisedDays: 10 });
  });

  it('updating a service item: 401, 400 naming every field, 404, 403 for a handler of another org, listed powers only; then audited, idempotent', async () => {
    type Svc = { id: string; code: string; name: string; powerId: string; orgId: string; statutoryDays: number; promisedDays: number; instant: boolean; materials: { name: string; required: boolean }[]; baselineMaterials: number; fees: string; guide: string; online: boolean; status: string };
    const all = (await admin.get('/api/v1/powers/services')).json() as Svc[];
    const body = (x: Svc) => ({ powerId: x.powerId, orgId: x.orgId, code: x.code, name: x.name, statutoryDays: x.statutoryDays, promisedDays: x.promisedDays, instant: x.instant, materials: x.materials, baselineMaterials: x.baselineMaterials, fees: x.fees, guide: x.guide, online: x.online, status: x.status });
    const own = all.find((x) => x.orgId === org('scjgj') && !x.instant)!;
    const other = all.find((x) => x.orgId !== org('scjgj'))!;
    expect(own).toBeTruthy();
    const url = `/api/v1/powers/services/${own.id}`;
    expect((await anonymous(env.app).put(url, body(own))).statusCode).toBe(401);
    const bad = await handler.put(url, { ...body(own), code: '坏', name: '', statutoryDays: 25, promisedDays: -1, baselineMaterials: -1, status: 'gone', materials: [{ name: 'x' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.baselineMaterials', 'body.code', 'body.materials.0.name', 'body.name', 'body.promisedDays', 'body.status', 'body.statutoryDays']);
    const over = await handler.put(url, { ...body(own), statutoryDays: 10, promisedDays: 12 });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors).toEqual([{ path: 'body.promisedDays', message: '承诺时限不能超过法定时限' }]);
    expect((await handler.put('/api/v1/powers/services/00000000-0000-4000-8000-000000000000', body(own))).statusCode).toBe(404);
    expect((await handler.put(`/api/v1/powers/services/${other.id}`, body(other))).statusCode).toBe(403);
    expect((await handler.put(url, { ...body(own), orgId: org('xzspj') })).statusCode).toBe(403);
    const abolished = (await admin.get('/api/v1/powers/items?status=abolished')).json().items[0];
    const unlisted = await handler.put(url, { ...body(own), powerId: abolished.id });
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.json().errors[0].path).toBe('body.powerId');
    const dup = await handler.put(url, { ...body(own), code: other.code });
    expect(dup.json().errors).toEqual([{ path: 'body.code', message: '事项编码已存在' }]);
    expect((await env.ownerSql(`select count(*)::int as n from audit_log where action = 'powers.service.update'`)).rows[0].n).toBe(0);
    // Happy path: the handler of the org shortens the promise and adds a material.
    const promised = Math.max(0, own.statutoryDays - 3);
    const next = { ...body(own), promisedDays: promised, materials: [...own.materials, { name: '补充说明材料', required: false }], guide: '网上申请后邮寄送达' };
    const ok = await handler.put(url, next, { 'idempotency-key': 'svc-update-0001' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().changed.sort()).toEqual(['guide', 'materials', ...(promised !== own.promisedDays ? ['promisedDays'] : [])].sort());
    const replay = await handler.put(url, next, { 'idempotency-key': 'svc-update-0001' });
    expect(replay.json()).toEqual(ok.json());
    const audit = (await env.ownerSql(`select actor_name, target_id, detail from audit_log where action = 'powers.service.update'`)).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0].target_id).toBe(own.id);
    expect((audit[0].detail as { changed: Record<string, { to: unknown }> }).changed.guide.to).toBe('网上申请后邮寄送达');
    const guide = (await anonymous(env.app).get(`/api/v1/public/services/${own.id}`)).json();
    expect(guide).toMatchObject({ promisedDays: promised, guide: '网上申请后邮寄送达' });
    expect(guide.materials).toHaveLength(own.materials.length + 1);
    // the 办事指南 says where, when and whom to call, and what must hold (issue 11); an update without them keeps them
    expect(guide).toMatchObject({ place: expect.stringContaining('政务服务中心'), hours: expect.stringContaining('工作日'), phone: expect.any(String) });
    expect(guide.conditions.length).toBeGreaterThan(4);
    const badPhone = await handler.put(url, { ...next, phone: '请拨打12345' }, { 'idempotency-key': 'svc-update-bad-phone' });
    expect(badPhone.statusCode).toBe(400);
    expect(JSON.stringify(badPhone.json().errors)).toContain('body.phone');
    // Suspending takes it off the portal; a suspended item may keep a power no longer in the list.
    expect((await admin.put(url, { ...next, powerId: abolished.id, status: 'suspended' })).statusCode).toBe(200);
    expect((await anonymous(env.app).get(`/api/v1/public/services/${own.id}`)).statusCode).toBe(404);
    expect((await admin.put(url, { ...next, status: 'active' })).statusCode).toBe(200);
  });
});

describe('权责清单 metrics', () => {
  it('items by type and 下放率 match an independent count', async () => {
    const items = (await admin.get('/api/v1/powers/items?limit=500')).json().items as { type: string; status: string; delegable: boolean; delegatedOn: string | null; delegatedUntil: string | null; level: string; townshipKind: string | null }[];
    const active = items.filter((i) => i.status === 'active');
    const to = '2026-06-15';
    const m = (await leader.get(`/api/v1/metrics/powers.items?to=${to}&groupBy=type`)).json();
    expect(m.value).toBe(active.length);
    const lic = m.groups.find((g: { key: string }) => g.key === '行政许可');
    expect(lic.value).toBe(active.filter((i) => i.type === '行政许可').length);
    const rate = (kind: 'power' | 'service') => {
      const pool = active.filter((i) => i.delegable && (kind === 'service' ? i.type === '公共服务' : i.type !== '公共服务'));
      const done = pool.filter((i) => i.delegatedOn && i.delegatedOn <= to && (!i.delegatedUntil || i.delegatedUntil > to));
      return { n: done.length, d: pool.length };
    };
    const p = (await leader.get(`/api/v1/metrics/powers.delegation_rate?to=${to}`)).json();
    const s = (await leader.get(`/api/v1/metrics/powers.service_delegation_rate?to=${to}`)).json();
    expect([p.numerator, p.denominator]).toEqual([rate('power').n, rate('power').d]);
    expect([s.numerator, s.denominator]).toEqual([rate('service').n, rate('service').d]);
    expect(s.numerator).toBeLessThan(s.denominator); // GG-002 was taken back, GG-003 never delegated
    const lv = (await leader.get(`/api/v1/metrics/powers.items?to=${to}&groupBy=level`)).json();
    expect(lv.groups.find((g: { key: string }) => g.key === '乡镇法定').value).toBe(active.filter((i) => i.level === 'township' && i.townshipKind === '法定').length);
    const dd = (await leader.get(`/api/v1/metrics/powers.delegation_rate/drilldown?to=${to}`)).json();
    expect(dd.total).toBe(rate('power').d);
  });

  it('下放率 of a closed period is computed from the list as of its end date: adjustments dated later do not change it', async () => {
    type Snap = { id: string; code: string; type: string; status: string; delegable: boolean; delegatedTo: string[] };
    const asOf = async (date: string) => (await admin.get(`/api/v1/powers/as-of?date=${date}`)).json().items as Snap[];
    const expected = (list: Snap[]) => {
      const pool = list.filter((i) => i.status === 'active' && i.delegable && i.type !== '公共服务');
      return [pool.filter((i) => i.delegatedTo.length > 0).length, pool.length];
    };
    const metric2025 = async () => (await leader.get('/api/v1/metrics/powers.delegation_rate?from=2025-01-01&to=2025-12-31')).json();
    expect((await leader.get('/api/v1/metrics/powers.delegation_rate?from=2025-01-01&to=2025-13-01')).statusCode).toBe(400);
    const list2025 = await asOf('2025-12-31');
    const before = await metric2025();
    expect([before.numerator, before.denominator]).toEqual(expected(list2025));
    expect(before.numerator).toBeGreaterThan(0);
    // 2026 adjustments: abolish a power delegated in 2025, take a delegable power off the list of delegable ones, delegate another.
    const powers = list2025.filter((i) => i.status === 'active' && i.delegable && i.type !== '公共服务');
    const delegatedOne = powers.find((i) => i.delegatedTo.length > 0)!;
    const [notYet, another] = powers.filter((i) => i.delegatedTo.length === 0);
    const cgz = org('cgz');
    const changes = [
      { change: { kind: 'abolish', itemId: delegatedOne.id }, reason: '上级决定取消该职权' },
      ...(notYet ? [{ change: { kind: 'modify', itemId: notYet.id, changes: { delegable: false } }, reason: '经评估不宜下放乡镇' }] : []),
      ...(another ? [{ change: { kind: 'delegate', itemId: another.id, townshipIds: [cgz] }, reason: '扩权强镇继续下放' }] : []),
    ];
    for (const c of changes) {
      const p = await admin.post('/api/v1/powers/adjustments', { ...c, effectiveOn: '2026-06-15' });
      expect(p.statusCode).toBe(201);
      expect((await leader.post(`/api/v1/powers/adjustments/${p.json().id}/approve`, { note: '同意' })).statusCode).toBe(200);
    }
    const now = await asOf('2026-06-15');
    const current = (await leader.get('/api/v1/metrics/powers.delegation_rate?from=2026-01-01&to=2026-06-15')).json();
    expect([current.numerator, current.denominator]).toEqual(expected(now));
    expect([current.numerator, current.denominator]).not.toEqual([before.numerator, before.denominator]);
    const after = await metric2025();
    expect([after.numerator, after.denominator, after.value]).toEqual([before.numerator, before.denominator, before.value]);
    const dd = (await leader.get('/api/v1/metrics/powers.delegation_rate/drilldown?from=2025-01-01&to=2025-12-31&limit=500')).json();
    expect(dd.total).toBe(before.denominator);
    expect(dd.items.some((i: { code: string }) => i.code === delegatedOne.code)).toBe(true);
  });
});

describe('权责清单: large imports', () => {
  it('a large file runs as a background task with progress', async () => {
    const rows: (string | number)[][] = [HEAD];
    for (let i = 0; i < 620; i++) rows.push([`BIG-${i}`, `批量事项${i}`, '行政检查', '990101-scjgj', '《测试条例》', '', '检查；处置', '县级', '', '', '', '', '']);
    const m = multipart('big.xlsx', await xlsx(rows));
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/powers/import', payload: m.body, headers: { ...m.headers, cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(r.statusCode).toBe(202);
    const { taskId, total } = r.json();
    expect(total).toBe(620);
    let task: { status: string; done: number; total: number; result?: { imported: number } } = { status: 'running', done: 0, total: 0 };
    for (let i = 0; i < 200 && task.status === 'running'; i++) {
      await new Promise((res) => setTimeout(res, 50));
      task = (await admin.get(`/api/v1/tasks/${taskId}`)).json();
    }
    expect(task).toMatchObject({ status: 'done', done: 620, total: 620, result: { imported: 620 } });
  });
});
