/**
 * Issue 10 item 8: the annual report counts each figure on its legal date. Table 二 本年制发 by the day a document was made
 * (formed_on), not the day it reached the catalogue; 行政许可 本年处理决定数量 includes the permit decisions made in yifa (by
 * the decision's date); section 六 (信息处理费) by the day the fee was paid, not the day the request closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { act, inputs, openCase, orgIds } from '../../../test/factories.ts';
import { publishInTrx } from '../../platform/publication/publication.ts';

let env: TestEnv;
let handler: Session;
let clerk: Session;
let approver: Session;
let admin: Session;
let leader: Session;
let org: Record<string, string>;

async function at(iso: string): Promise<void> {
  env.clock.set(new Date(iso));
  [handler, clerk, approver, admin, leader] = await Promise.all(['handler', 'dispatcher', 'approver', 'admin', 'leader'].map((u) => env.login(u)));
}
const report = (orgId: string, year: number) => leader.get(`/api/v1/disclosure/reports?orgId=${orgId}&year=${year}`).then((r) => r.json());
const cell = (s: Session, orgId: string, year: number, row: string, col: string) =>
  s.get(`/api/v1/disclosure/reports/cell?orgId=${orgId}&year=${year}&table=2&row=${row}&col=${col}`).then((r) => r.json());

beforeAll(async () => {
  env = await createTestEnv();
  await at('2026-01-08T10:00:00+08:00');
  org = await orgIds(env);
});
afterAll(async () => { await env.close(); });

describe('table 二 and section 六 on their legal dates', () => {
  it('a 规范性文件 made on 20 December and published on 8 January is 本年制发 of the earlier year', async () => {
    const [b25, b26] = [await report(org.scjgj, 2025), await report(org.scjgj, 2026)];
    await env.ctx.db.transaction().execute(async (trx) => {
      await publishInTrx(env.ctx, trx, {
        regionCode: '990101', orgId: org.scjgj, sourceModule: 'test', sourceRef: 'gf-1225', category: 'art20_1_normative',
        title: '示范县市场监管局关于规范农贸市场计量器具管理的通知', docNo: '示市监规〔2025〕3号', formedOn: '2025-12-20', actor: { userId: null, name: '测试' },
      });
    });
    const [a25, a26] = [await report(org.scjgj, 2025), await report(org.scjgj, 2026)];
    expect(a25.table2.art20_1_normative.issued - b25.table2.art20_1_normative.issued).toBe(1);
    expect(a26.table2.art20_1_normative.issued - b26.table2.art20_1_normative.issued).toBe(0);
    // valid at the end of 2025: made and in force then, although published in January
    expect(a25.table2.art20_1_normative.valid - b25.table2.art20_1_normative.valid).toBe(0);
    expect(a26.table2.art20_1_normative.valid - b26.table2.art20_1_normative.valid).toBe(1);
    const drill = await cell(handler, org.scjgj, 2025, 'art20_1_normative', 'issued');
    expect(drill.metric).toBe('disclosure.items_formed');
    expect(drill.items.map((x: { docNo: string }) => x.docNo)).toContain('示市监规〔2025〕3号');
  });

  it('行政许可 本年处理决定数量 counts the 准予 and 不予许可 decisions made in yifa, by the decision date, once', async () => {
    await at('2026-01-08T10:00:00+08:00');
    const services = (await admin.get('/api/v1/powers/services')).json() as { id: string; code: string; orgId: string; materials: { name: string }[] }[];
    const fw = services.find((s) => s.code === 'FW-001')!;
    const before = { y25: await report(fw.orgId, 2025), y26: await report(fw.orgId, 2026) };
    // decided on paper on 30 December, keyed in on 8 January
    const granted = await openCase(clerk, 'approval', inputs.approval(fw), '2025-12-29T10:00:00+08:00');
    await act(clerk, granted.id, 'accept', {}, '2025-12-29T10:30:00+08:00');
    await act(approver, granted.id, 'approve', { licenceNo: 'JY12025000009' }, '2025-12-30T15:00:00+08:00');
    const denied = await openCase(clerk, 'approval', inputs.approval(fw, { applicantName: '周八' }));
    await act(clerk, denied.id, 'accept');
    await act(approver, denied.id, 'deny', { reasons: '经现场核查，经营场所不符合食品安全要求，不予许可。', remedyNotified: true });
    // a refusal to accept (不予受理) is not a 许可 decision
    const refused = await openCase(clerk, 'approval', inputs.approval(fw, { applicantName: '吴九' }));
    await act(clerk, refused.id, 'refuse', { reason: '申请事项依法不属于本行政机关职权范围', note: '请向县自然资源局申请。' });

    const after = { y25: await report(fw.orgId, 2025), y26: await report(fw.orgId, 2026) };
    expect(after.y25.table2.art20_5_license.decisions - before.y25.table2.art20_5_license.decisions).toBe(1);
    expect(after.y26.table2.art20_5_license.decisions - before.y26.table2.art20_5_license.decisions).toBe(1);
    const drill = await cell(leader, fw.orgId, 2025, 'art20_5_license', 'decisions');
    expect(drill.metric).toBe('disclosure.decisions');
    expect(drill.items.map((x: { ref: string }) => x.ref)).toContain(granted.number);
    const d26 = (await cell(leader, fw.orgId, 2026, 'art20_5_license', 'decisions')).items.map((x: { ref: string }) => x.ref);
    expect(d26).toContain(denied.number);
    expect(d26).not.toContain(refused.number);
    // the same figure on the dashboard (one definition)
    const m = await leader.get(`/api/v1/metrics/disclosure.decisions?from=2026-01-01&to=2026-12-31&orgId=${fw.orgId}&groupBy=category`);
    expect(m.statusCode, m.body).toBe(200);
  });

  it('信息处理费 paid on 28 December of a request answered in January is section 六 of the earlier year', async () => {
    await at('2026-01-08T10:00:00+08:00');
    const c = await openCase(handler, 'disclosure_request', inputs.disclosureRequest(org.scjgj, { applicantKind: 'business' }), '2025-12-15T10:00:00+08:00');
    await act(handler, c.id, 'notify_fee', { mode: 'per_volume', pages: 300 }, '2025-12-18T10:00:00+08:00');
    await act(handler, c.id, 'fee_paid', { receiptNo: 'SF2025-1228' }, '2025-12-28T10:00:00+08:00');
    await act(handler, c.id, 'answer', { answerType: 'disclose', content: '现予提供。', docNo: '示市监公开〔2026〕3号' });
    const fee = (year: number) => leader.get(`/api/v1/metrics/disclosure.processing_fees?from=${year}-01-01&to=${year}-12-31`).then((r) => r.json());
    const drill25 = await leader.get('/api/v1/metrics/disclosure.processing_fees/drilldown?from=2025-01-01&to=2025-12-31&limit=500');
    expect(drill25.json().items.map((x: { number: string }) => x.number)).toContain(c.number);
    const drill26 = await leader.get('/api/v1/metrics/disclosure.processing_fees/drilldown?from=2026-01-01&to=2026-12-31&limit=500');
    expect(drill26.json().items.map((x: { number: string }) => x.number)).not.toContain(c.number);
    expect((await fee(2025)).value).toBeGreaterThan(0);
  });
});
