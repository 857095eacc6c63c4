import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { publishInTrx, withdrawInTrx } from '../../platform/publication/publication.ts';

let env: TestEnv;
let handler: Session;
let scjgj: string;
beforeAll(async () => {
  env = await createTestEnv();
  handler = await env.login('handler');
  scjgj = String((await env.ownerSql(`select id from orgs where code = '990101-scjgj'`)).rows[0].id);
});
afterAll(async () => { await env.close(); });

describe('主动公开 catalogue', () => {
  it('400 names every bad field; 404 for an org the user cannot see… 403 for a user without a managing role', async () => {
    const r = await handler.post('/api/v1/disclosure/items', { orgId: scjgj, title: 'x', category: 'art99', formedOn: '2026-02-30' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.category', 'body.formedOn', 'body.title']);
    const township = await env.login('township');
    expect((await township.post('/api/v1/disclosure/items', { orgId: scjgj, title: '某某信息公开', category: 'art20_2', formedOn: '2026-06-01' })).statusCode).toBe(404);
    const reviewer = await env.login('reviewer');
    const sfj = String((await env.ownerSql(`select id from orgs where code = '990101-sfj'`)).rows[0].id);
    expect((await reviewer.post('/api/v1/disclosure/items', { orgId: sfj, title: '某某信息公开', category: 'art20_2', formedOn: '2026-06-01' })).statusCode).toBe(403);
  });

  it('draft → 保密审查 by someone else → published, late when past 20 WD (Art. 26); revise and withdraw are recorded', async () => {
    const created = await handler.post('/api/v1/disclosure/items', { orgId: scjgj, title: '示范县市场监管行政复议决定书汇编', summary: '2026年上半年行政复议决定', category: 'art20_14', formedOn: '2026-05-06' });
    expect(created.statusCode, created.body).toBe(201);
    const it0 = created.json();
    expect(it0.indexNo).toMatch(/^990101-scjgj\/2026-\d{5}$/);
    expect(it0.publishDue).toBe('2026-06-02'); // 2026-05-09 (Sat) is a 调休 working day
    expect((await handler.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: true, opinion: '同意' })).statusCode).toBe(409);
    expect((await handler.get('/api/v1/disclosure/items?status=draft')).json().items.find((x: { id: string }) => x.id === it0.id).overdue).toBe(true);
    expect((await handler.post(`/api/v1/disclosure/items/${it0.id}/submit`)).statusCode).toBe(200);
    expect((await handler.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: true, opinion: '同意' })).statusCode).toBe(403);
    const leader = await env.login('leader');
    const pub = await leader.post(`/api/v1/disclosure/items/${it0.id}/review`, { approve: true, opinion: '经保密审查，不涉密，同意公开' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', publishedOn: '2026-06-15', late: true });
    expect((await handler.get('/api/v1/disclosure/items?late=true')).json().items.map((x: { id: string }) => x.id)).toContain(it0.id);
    // Stable public URL and search by a two-character word.
    const anon = anonymous(env.app);
    expect((await anon.get(`/api/v1/public/disclosure/items/${it0.id}`)).json().title).toBe('示范县市场监管行政复议决定书汇编');
    const s = (await anon.get(`/api/v1/public/disclosure/items?q=${encodeURIComponent('复议')}`)).json();
    expect(s.tokens).toEqual(['复议']);
    expect(s.items.map((x: { id: string }) => x.id)).toContain(it0.id);
    const none = (await anon.get(`/api/v1/public/disclosure/items?q=${encodeURIComponent('诉讼')}`)).json();
    expect(none.items.map((x: { id: string }) => x.id)).not.toContain(it0.id);
    const rev = await handler.post(`/api/v1/disclosure/items/${it0.id}/revise`, { title: '示范县市场监管行政诉讼案件汇编', changedOn: '2026-06-12', reason: '更正名称' });
    expect(rev.statusCode).toBe(200);
    expect(rev.json()).toMatchObject({ late: false, version: 2 });
    expect((await anon.get(`/api/v1/public/disclosure/items?q=${encodeURIComponent('诉讼')}`)).json().items.map((x: { id: string }) => x.id)).toContain(it0.id);
    expect((await handler.post(`/api/v1/disclosure/items/${it0.id}/withdraw`, { reason: '内容有误' })).statusCode).toBe(200);
    expect((await anon.get(`/api/v1/public/disclosure/items/${it0.id}`)).statusCode).toBe(404);
    const detail = (await handler.get(`/api/v1/disclosure/items/${it0.id}`)).json();
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['draft', 'submit', 'publish', 'revise', 'withdraw']);
  });

  it('other modules publish through the spine service; counts feed table 二', async () => {
    const actor = { userId: null, name: '规范性文件模块' };
    const before = (await handler.get(`/api/v1/disclosure/reports?orgId=${scjgj}&year=2026`)).json().table2;
    await env.ctx.db.transaction().execute(async (trx) => {
      const a = await publishInTrx(env.ctx, trx, { regionCode: '990101', orgId: scjgj, sourceModule: 'test', sourceRef: 'doc-1', category: 'art20_1_normative', title: '示范县测试规范性文件', docNo: '示市监规〔2026〕9号', formedOn: '2026-06-10', actor });
      const again = await publishInTrx(env.ctx, trx, { regionCode: '990101', orgId: scjgj, sourceModule: 'test', sourceRef: 'doc-1', category: 'art20_1_normative', title: '示范县测试规范性文件（修订）', formedOn: '2026-06-12', actor });
      expect(again).toMatchObject({ id: a.id, revised: true });
      await publishInTrx(env.ctx, trx, { regionCode: '990101', orgId: scjgj, sourceModule: 'test', sourceRef: 'fee-1', category: 'art20_8_fee', title: '2026年6月行政事业性收费', formedOn: '2026-06-10', amountWan: 1.25, actor });
      await publishInTrx(env.ctx, trx, { regionCode: '990101', orgId: scjgj, sourceModule: 'test', sourceRef: 'pen-1', category: 'art20_6_penalty', title: '行政处罚决定', formedOn: '2026-06-10', actor });
      await publishInTrx(env.ctx, trx, { regionCode: '990101', orgId: scjgj, sourceModule: 'test', sourceRef: 'pen-2', category: 'art20_6_penalty', title: '行政处罚决定二', formedOn: '2026-06-10', actor });
      await withdrawInTrx(env.ctx, trx, { regionCode: '990101', sourceModule: 'test', sourceRef: 'pen-2', reason: '撤销', actor });
    });
    const after = (await handler.get(`/api/v1/disclosure/reports?orgId=${scjgj}&year=2026`)).json().table2;
    expect(after.art20_1_normative.issued - before.art20_1_normative.issued).toBe(1);
    expect(after.art20_1_normative.valid - before.art20_1_normative.valid).toBe(1);
    expect(after.art20_6_penalty.decisions - before.art20_6_penalty.decisions).toBe(1);
    expect(after.art20_8_fee.amountWan - before.art20_8_fee.amountWan).toBeCloseTo(1.25);
    const cell = (await handler.get(`/api/v1/disclosure/reports/cell?orgId=${scjgj}&year=2026&table=2&row=art20_1_normative&col=issued`)).json();
    expect(cell.items.map((x: { title: string }) => x.title)).toContain('示范县测试规范性文件（修订）');
  });

  it('公开指南 per org', async () => {
    const bad = await handler.put(`/api/v1/disclosure/guides/${scjgj}`, {});
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.length).toBe(6);
    const g = (await anonymous(env.app).get(`/api/v1/public/disclosure/guides/${scjgj}`)).json();
    expect(g.orgName).toBe('示范县市场监督管理局');
    expect(g.office).toContain('办公室');
  });
});
