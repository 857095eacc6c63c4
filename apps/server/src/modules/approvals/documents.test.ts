/**
 * The approvals 文书 say what the law asks of each (行政许可法): the 补正 notice lists every item at once (Art. 32), a
 * refusal and a 不予许可 give reasons and both remedies — no 复议前置 for licences (行政复议法 2023 Art. 23) —, the
 * extension names who approved it and the new due date (Art. 42).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { docxText } from '../../../test/docx.ts';

let env: TestEnv;
let clerk: Session; let approver: Session; let head: Session;
let s: { id: string; code: string; materials: { name: string }[] };
beforeAll(async () => {
  env = await createTestEnv();
  clerk = await env.login('dispatcher');
  approver = await env.login('approver');
  head = await env.login('bureau');
  s = ((await clerk.get('/api/v1/powers/services')).json() as (typeof s)[]).find((x) => x.code === 'FW-001')!;
});
afterAll(async () => { await env.close(); });

async function open(materials = s.materials.map((m) => m.name)) {
  const input = { serviceId: s.id, channel: 'window', applicantName: '吴用', applicantPhone: '13812345678', materials };
  const r = await clerk.post('/api/v1/cases', { type: 'approval', input });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
const act = async (u: Session, id: string, action: string, input: Record<string, unknown> = {}) => {
  const r = await u.post(`/api/v1/cases/${id}/actions`, { action, input });
  expect(r.statusCode, r.body).toBe(200);
};
async function text(u: Session, id: string, kind: string): Promise<{ number: string; text: string }> {
  const r = await u.post(`/api/v1/cases/${id}/documents`, { kind });
  expect(r.statusCode, r.body).toBe(201);
  return { number: r.json().number, text: docxText((await u.get(`/api/v1/documents/${r.json().id}/file`)).rawPayload) };
}

describe('approvals 文书', () => {
  it('补正材料通知书: every item of the one notice, numbered, with the article', async () => {
    const id = await open(s.materials.slice(0, 1).map((m) => m.name));
    const items = s.materials.slice(1).map((m) => m.name);
    await act(clerk, id, 'notify_correction', { items, note: '平面图须标明各功能区。' });
    const d = await text(clerk, id, 'approvals.correction');
    expect(d.number).toBe('许补字〔2026〕1号');
    items.forEach((m, i) => expect(d.text).toContain(`${i + 1}．${m}`));
    for (const x of ['一次告知', '第三十二条第一款第（四）项', '平面图须标明各功能区。', '吴用：']) expect(d.text).toContain(x);
  });

  it('不予受理决定书: the reason, the note, and both remedies before the county government', async () => {
    const id = await open();
    await act(clerk, id, 'refuse', { reason: '申请事项依法不属于本行政机关职权范围', note: '请向县交通运输局申请。' });
    const d = await text(clerk, id, 'approvals.refusal');
    for (const x of ['申请事项依法不属于本行政机关职权范围', '本机关决定不予受理', '请向县交通运输局申请。', '六十日内向示范县人民政府申请行政复议', '六个月内依法向人民法院提起行政诉讼']) {
      expect(d.text, x).toContain(x);
    }
  });

  it('延期通知书 by the 负责人: the days, the reason, the approver and the new due date; 不予行政许可决定书 with reasons and remedies', async () => {
    const id = await open();
    await act(clerk, id, 'accept');
    await act(head, id, 'extend', { days: 10, reason: '需要组织现场核查' });
    expect((await clerk.post(`/api/v1/cases/${id}/documents`, { kind: 'approvals.extension' })).statusCode).toBe(403);
    const e = await text(head, id, 'approvals.extension');
    for (const x of ['因需要组织现场核查', '经本行政机关负责人批准', '第四十二条第一款', '延长10个工作日', '届满日为2026年7月28日']) expect(e.text, x).toContain(x);
    await act(approver, id, 'deny', { reasons: '经现场核查，经营场所与申请材料所附平面图不符。', remedyNotified: true });
    const d = await text(approver, id, 'approvals.denial');
    for (const x of ['不符合法定条件、标准', '经现场核查，经营场所与申请材料所附平面图不符。', '第三十八条第二款', '本机关决定不予行政许可', '申请行政复议，或者', '提起行政诉讼']) {
      expect(d.text, x).toContain(x);
    }
    // A licence decision is not among Art. 23's 复议前置 cases: the applicant chooses.
    expect(d.text).not.toContain('应当先');
  });
});
