/**
 * Issue 10, legal corrections of 依申请公开 (政府信息公开条例; 行政复议法 2023): the 收到申请之日 decides the annual report's
 * year and the fee month; the remedy paragraph of a refusal follows the law in force on the answer's day (复议前置 since
 * 2024-01-01); 补正后仍不明确 needs a 补正; a 复议 against a request never answered can be recorded; dates in the future are refused.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let handler: Session;
let scjgj: string;
beforeAll(async () => {
  env = await createTestEnv();
  handler = await env.login('handler');
  scjgj = String((await env.ownerSql(`select id from orgs where code = '990101-scjgj'`)).rows[0].id);
});
afterAll(async () => { await env.close(); });

const applicant = { name: '王五', idNo: '110101198001012222', phone: '13900000001' };
const input = (extra: Record<string, unknown> = {}) => ({
  orgId: scjgj, channel: 'post_signed', applicantKind: 'natural', parties: { applicant }, description: '2025年餐饮服务食品安全监督检查结果', format: '电子', via: '电子邮件', ...extra,
});
async function register(extra: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
  const r = await handler.post('/api/v1/cases', { type: 'disclosure_request', input: input(extra) });
  expect(r.statusCode, r.body).toBe(201);
  return { id: r.json().id, number: r.json().number };
}
const act = (id: string, action: string, body: Record<string, unknown> = {}) => handler.post(`/api/v1/cases/${id}/actions`, { action, input: body });
const at = async (iso: string) => { env.clock.set(new Date(iso)); handler = await env.login('handler'); };
async function letterText(id: string): Promise<string> {
  const r = await handler.get(`/api/v1/disclosure/requests/${id}/letter?kind=answer`);
  expect(r.statusCode, r.body).toBe(200);
  const zip = await JSZip.loadAsync(r.rawPayload);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('item 1: a letter signed for in December and registered in January belongs to December', () => {
  it('the projection, the annual report (本年新收 / 结转) and the reply letter use the 收到申请之日', async () => {
    await at('2026-01-06T10:00:00+08:00');
    const { id } = await register({ receivedOn: '2025-12-20' });
    const row = (await env.ownerSql(`select received_on::text as r from disclosure_requests where case_id = $1`, [id])).rows[0] as { r: string };
    expect(row.r).toBe('2025-12-20');
    const y2025 = (await handler.get(`/api/v1/disclosure/reports?orgId=${scjgj}&year=2025`)).json();
    const y2026 = (await handler.get(`/api/v1/disclosure/reports?orgId=${scjgj}&year=2026`)).json();
    const cell = async (year: number, row: string) => (await handler.get(`/api/v1/disclosure/reports/cell?orgId=${scjgj}&year=${year}&table=3&row=${row}&col=natural`)).json();
    expect((await cell(2025, 'new')).items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await cell(2026, 'new')).items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await cell(2026, 'carried_in')).items.map((x: { id: string }) => x.id)).toContain(id);
    expect(y2025 && y2026).toBeTruthy();
    await act(id, 'answer', { answerType: 'disclose', content: '现予提供检查结果。', docNo: '示市监公开〔2026〕1号' });
    expect(await letterText(id)).toContain('2025年12月20日，本机关收到您提出的政府信息公开申请');
  });
});

describe('item 3: the remedy paragraph follows the law in force on the day of the answer', () => {
  it('a refusal answered since 2024-01-01 tells the applicant to apply for 行政复议 first, naming the 复议机关; before, either remedy', async () => {
    await at('2026-06-15T10:00:00+08:00');
    const now = await register();
    await act(now.id, 'answer', { answerType: 'withhold', ground: 'process', content: '所申请信息属于过程性信息。', docNo: '示市监公开〔2026〕11号' });
    const text = await letterText(now.id);
    expect(text).toContain('应当先');
    expect(text).toContain('示范县人民政府申请行政复议');
    expect(text).not.toContain('或者自知道或者应当知道之日起六个月内依法提起行政诉讼');
    // a disclosure (not a refusal) keeps the choice
    const given = await register();
    await act(given.id, 'answer', { answerType: 'disclose', content: '现予提供。', docNo: '示市监公开〔2026〕12号' });
    expect(await letterText(given.id)).toContain('或者自知道或者应当知道之日起六个月内依法提起行政诉讼');
    // a refusal answered in 2023 (old law): the choice too
    await at('2023-11-06T10:00:00+08:00');
    const old = await register();
    await act(old.id, 'answer', { answerType: 'withhold', ground: 'process', content: '所申请信息属于过程性信息。', docNo: '示市监公开〔2023〕5号' });
    await at('2026-06-15T10:00:00+08:00');
    const oldText = await letterText(old.id);
    expect(oldText).toContain('或者自知道或者应当知道之日起六个月内依法提起行政诉讼');
    expect(oldText).not.toContain('应当先');
  });
});

describe('item 6: 补正后仍不明确 only after a 补正', () => {
  it('is refused without a 补正 notice, naming the field', async () => {
    await at('2026-06-15T10:00:00+08:00');
    const { id } = await register();
    const r = await act(id, 'answer', { answerType: 'still_unclear', content: '申请内容不明确。', docNo: '示市监公开〔2026〕13号' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.input.answerType']);
  });
});

describe('items 7 and 14: 复议 against a request never answered; no dates in the future', () => {
  it('within the reply period: 409; after it: recorded as 不作为 and counted in table 四; a future date is refused', async () => {
    await at('2026-06-15T10:00:00+08:00');
    const { id } = await register();
    const early = await handler.post(`/api/v1/disclosure/requests/${id}/remedies`, { kind: 'review', filedOn: '2026-06-15' });
    expect(early.statusCode).toBe(409);
    await at('2026-08-20T10:00:00+08:00');
    const future = await handler.post(`/api/v1/disclosure/requests/${id}/remedies`, { kind: 'review', filedOn: '2026-09-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.filedOn']);
    const before = (await handler.get(`/api/v1/disclosure/reports?orgId=${scjgj}&year=2026`)).json().table4.review;
    const m = await handler.post(`/api/v1/disclosure/requests/${id}/remedies`, { kind: 'review', filedOn: '2026-08-18', caseNo: '示府复〔2026〕9号' });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json().ground).toBe('inaction');
    const after = (await handler.get(`/api/v1/disclosure/reports?orgId=${scjgj}&year=2026`)).json().table4.review;
    expect(after.total - before.total).toBe(1);
    const late = await handler.post(`/api/v1/disclosure/remedies/${m.json().id}/conclude`, { result: 'corrected', concludedOn: '2026-08-30' });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.concludedOn']);
    expect((await handler.post(`/api/v1/disclosure/remedies/${m.json().id}/conclude`, { result: 'corrected', concludedOn: '2026-08-20' })).statusCode).toBe(200);
  });
});

type Clock = { key: string; status: string; dueDate: string | null; totalLength: number; metDeadline: boolean | null; explanation: string[] };
const clockOf = async (id: string, key: string): Promise<Clock> =>
  ((await handler.get(`/api/v1/cases/${id}`)).json().clocks as Clock[]).find((k) => k.key === key)!;

describe('item 4: a late 补正 notice neither pauses nor restarts the answer period (Art. 30: within 7 working days)', () => {
  it('a notice on the 9th working day leaves the answer due on the original date, and an answer after it is late', async () => {
    await at('2026-03-02T10:00:00+08:00');
    const { id } = await register();
    const due = (await clockOf(id, 'reply')).dueDate;
    await at('2026-03-13T10:00:00+08:00');
    expect((await act(id, 'request_correction', { items: '请说明所需信息的年度和地域范围', guidance: '可参照公开指南第三条' })).statusCode).toBe(200);
    expect(await clockOf(id, 'notice')).toMatchObject({ status: 'stopped', metDeadline: false });
    expect(await clockOf(id, 'reply')).toMatchObject({ status: 'running', dueDate: due });
    await at('2026-03-20T10:00:00+08:00');
    expect((await act(id, 'supplement', { content: '2025年，本县范围' })).statusCode).toBe(200);
    const after = await clockOf(id, 'reply');
    expect(after).toMatchObject({ status: 'running', dueDate: due });
    expect(after.explanation.join('')).not.toContain('重新计算');
    await at('2026-04-02T10:00:00+08:00');
    expect((await act(id, 'answer', { answerType: 'disclose', content: '现予提供。', docNo: '示市监公开〔2026〕31号' })).statusCode).toBe(200);
    expect(await clockOf(id, 'reply')).toMatchObject({ status: 'stopped', metDeadline: false });
  });

  it('a notice within 7 working days pauses the period and the 补正 restarts it', async () => {
    await at('2026-03-02T10:00:00+08:00');
    const { id } = await register();
    const due = (await clockOf(id, 'reply')).dueDate;
    await at('2026-03-05T10:00:00+08:00');
    expect((await act(id, 'request_correction', { items: '请说明所需信息的年度', guidance: '可参照公开指南第三条' })).statusCode).toBe(200);
    expect((await clockOf(id, 'reply')).status).toBe('paused');
    await at('2026-03-20T10:00:00+08:00');
    expect((await act(id, 'supplement', { content: '2025年' })).statusCode).toBe(200);
    const after = await clockOf(id, 'reply');
    expect(after.explanation.join('')).toContain('重新计算');
    expect(after.dueDate! > due!).toBe(true);
  });
});

describe('item 5: after a restart the period is the statutory one; an earlier extension does not carry over', () => {
  it('an extension granted before the 补正 is not in the restarted period; a new one needs approval, with the full cap again', async () => {
    await at('2026-04-01T10:00:00+08:00');
    const { id } = await register();
    const lead = await env.login('leader');
    expect((await lead.post(`/api/v1/cases/${id}/actions`, { action: 'extend', input: { days: 10, reason: '需调取档案', notifiedBy: '书面' } })).statusCode).toBe(200);
    expect((await clockOf(id, 'reply')).totalLength).toBe(30);
    await at('2026-04-03T10:00:00+08:00');
    expect((await act(id, 'request_correction', { items: '请说明所需信息的年度', guidance: '可参照公开指南第三条' })).statusCode).toBe(200);
    await at('2026-04-10T10:00:00+08:00');
    expect((await act(id, 'supplement', { content: '2025年' })).statusCode).toBe(200);
    const restarted = await clockOf(id, 'reply');
    expect(restarted.totalLength).toBe(20);
    expect(restarted.explanation.join('')).toContain('不再适用');
    const lead2 = await env.login('leader');
    const full = await lead2.post(`/api/v1/cases/${id}/actions`, { action: 'extend', input: { days: 20, reason: '涉及多个机关', notifiedBy: '书面' } });
    expect(full.statusCode, full.body).toBe(200);
    expect((await clockOf(id, 'reply')).totalLength).toBe(40);
    const more = await lead2.post(`/api/v1/cases/${id}/actions`, { action: 'extend', input: { days: 1, reason: '还需时间', notifiedBy: '书面' } });
    expect(more.statusCode).toBe(400);
  });
});
