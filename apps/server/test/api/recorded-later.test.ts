/**
 * Issue 10 item 2: acts carry their real date. A receipt or an act keyed in after it happened is recorded with the time it
 * happened (occurredAt) — not in the future, not before the case's previous act, within the county's window, by staff
 * holding case.record_late — and the event says when it was recorded. Clocks, facts, metrics, reports and letters use the
 * act's time; the audit log and the chains record it; a case can be closed in a past year.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../harness.ts';
import { verifyChains } from '../../src/platform/audit/chain.ts';
import { inputs, orgIds } from '../factories.ts';

let env: TestEnv;
let handler: Session;
let clerk: Session;
let approver: Session;
let leader: Session;
let admin: Session;
let scjgj: string;

const disclosureInput = () => inputs.disclosureRequest(scjgj);
const paths = (r: { json: () => { errors?: { path: string }[] } }) => (r.json().errors ?? []).map((e) => e.path);

async function at(iso: string): Promise<void> {
  env.clock.set(new Date(iso));
  [handler, clerk, approver, leader, admin] = await Promise.all(['handler', 'dispatcher', 'approver', 'leader', 'admin'].map((u) => env.login(u)));
}

beforeAll(async () => {
  env = await createTestEnv();
  await at('2026-03-10T10:00:00+08:00');
  scjgj = (await orgIds(env)).scjgj;
});
afterAll(async () => { await env.close(); });

describe('the bounds of an act recorded later', () => {
  it('refuses a time in the future, before the previous act, out of the county window, or without an offset — naming body.occurredAt', async () => {
    await at('2026-03-10T10:00:00+08:00');
    const c = await handler.post('/api/v1/cases', { type: 'disclosure_request', input: disclosureInput() });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    const answer = { answerType: 'disclose', content: '现予提供。', docNo: '示市监公开〔2026〕21号' };
    const tryAt = (occurredAt: string) => handler.post(`/api/v1/cases/${id}/actions`, { action: 'answer', input: answer, occurredAt });

    const future = await tryAt('2026-03-10T12:00:00+08:00');
    expect(future.statusCode).toBe(400);
    expect(paths(future)).toEqual(['body.occurredAt']);
    expect(future.json().errors[0].message).toContain('不能晚于现在');

    const beforeReceipt = await tryAt('2026-03-09T16:00:00+08:00');
    expect(beforeReceipt.statusCode).toBe(400);
    expect(paths(beforeReceipt)).toEqual(['body.occurredAt']);
    expect(beforeReceipt.json().errors[0].message).toContain('不能早于上一办理环节');

    const noOffset = await tryAt('2026-03-10');
    expect(noOffset.statusCode).toBe(400);
    expect(paths(noOffset)).toEqual(['body.occurredAt']);

    const tooOld = await handler.post('/api/v1/cases', { type: 'disclosure_request', input: disclosureInput(), occurredAt: '2024-12-01T09:00:00+08:00' });
    expect(tooOld.statusCode).toBe(400);
    expect(paths(tooOld)).toEqual(['body.occurredAt']);
    expect(tooOld.json().errors[0].message).toContain('400 日');

    // nothing was written by the refusals: the case is where it was, with one event
    const view = (await handler.get(`/api/v1/cases/${id}`)).json();
    expect(view.state).toBe('received');
    expect(view.timeline).toHaveLength(1);
  });

  it('the county may narrow the window (a setting with its source); the public cannot back-date a submission', async () => {
    await at('2026-03-10T10:00:00+08:00');
    const put = await admin.put('/api/v1/settings/spine', { values: { recordLateDays: 30 }, reason: '本县规定补录不超过30日' });
    expect(put.statusCode, put.body).toBe(200);
    const r = await handler.post('/api/v1/cases', { type: 'disclosure_request', input: disclosureInput(), occurredAt: '2026-02-01T09:00:00+08:00' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].message).toContain('30 日');
    expect((await admin.put('/api/v1/settings/spine', { values: { recordLateDays: 400 }, reason: '恢复默认' })).statusCode).toBe(200);
    const settings = (await admin.get('/api/v1/settings/spine')).json();
    expect(settings.sources.recordLateDays).toContain('无全国规定');

    const pub = await env.app.inject({
      method: 'POST', url: '/api/v1/public/cases',
      payload: { type: 'disclosure_request', input: { ...disclosureInput(), channel: 'online' }, occurredAt: '2026-03-01T09:00:00+08:00' },
    });
    if (pub.statusCode === 201) expect(pub.json().filedOn).toBe('2026-03-10');
    else expect(pub.statusCode).toBe(400);
  });
});

describe('a receipt recorded later', () => {
  it('a letter signed for on 31 December and keyed in on 5 January: filed, numbered, clocked, reported and answered by its real dates', async () => {
    await at('2026-01-05T09:00:00+08:00');
    const r = await handler.post('/api/v1/cases', { type: 'disclosure_request', input: disclosureInput(), occurredAt: '2025-12-31T16:00:00+08:00' });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    expect(c.filedOn).toBe('2025-12-31');
    expect(c.number).toMatch(/^GK-2025-/);
    expect(c.timeline[0]).toMatchObject({ occurredAt: '2025-12-31T08:00:00.000Z', recordedAt: '2026-01-05T01:00:00.000Z' });
    const reply = c.clocks.find((k: { key: string }) => k.key === 'reply');
    expect(reply.explanation[0]).toContain('2025年12月31日');
    const audit = await env.ownerSql(`select actor_name, occurred_at, detail from audit_log where target_id = $1 and action = 'case.open'`, [c.id]);
    expect(audit.rows[0].detail).toMatchObject({ recordedLate: true, occurredAt: '2025-12-31T08:00:00.000Z' });
    expect((audit.rows[0].occurred_at as Date).toISOString()).toBe('2026-01-05T01:00:00.000Z');

    // the annual report puts it in 2025's 本年新收 (收到申请之日)
    const cell = (year: number, row: string) => handler.get(`/api/v1/disclosure/reports/cell?orgId=${scjgj}&year=${year}&table=3&row=${row}&col=natural`);
    expect((await cell(2025, 'new')).json().items.map((x: { id: string }) => x.id)).toContain(c.id);

    // answered on paper on Sunday 4 January, keyed in on Tuesday 6 January: the answer and the letter carry the 4th
    await at('2026-01-06T09:00:00+08:00');
    const a = await handler.post(`/api/v1/cases/${c.id}/actions`, {
      action: 'answer', input: { answerType: 'disclose', content: '现予提供统计表。', docNo: '示市监公开〔2026〕2号' }, occurredAt: '2026-01-04T15:00:00+08:00',
    });
    expect(a.statusCode, a.body).toBe(200);
    const answered = a.json();
    expect(answered.timeline[1]).toMatchObject({ action: 'answer', occurredAt: '2026-01-04T07:00:00.000Z', recordedAt: '2026-01-06T01:00:00.000Z' });
    const stopped = answered.clocks.find((k: { key: string }) => k.key === 'reply');
    expect(stopped).toMatchObject({ status: 'stopped', metDeadline: true });
    const letter = await handler.get(`/api/v1/disclosure/requests/${c.id}/letter?kind=answer`);
    const text = (await (await JSZip.loadAsync(letter.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('2026年1月4日');
    expect(text).not.toContain('2026年1月6日');
  });

  it('an approval received on an earlier date, accepted and decided in December, is closed in that year and counted there', async () => {
    await at('2026-01-06T09:00:00+08:00');
    const services = (await admin.get('/api/v1/powers/services')).json() as { id: string; code: string; materials: { name: string }[] }[];
    const fw = services.find((s) => s.code === 'FW-001')!;
    const open = await clerk.post('/api/v1/cases', {
      type: 'approval', occurredAt: '2025-12-29T10:00:00+08:00',
      input: { serviceId: fw.id, channel: 'window', applicantName: '孙七', applicantPhone: '13812340000', applicantKind: 'person',
        materials: fw.materials.map((m) => m.name) },
    });
    expect(open.statusCode, open.body).toBe(201);
    const id = open.json().id as string;
    expect(open.json().filedOn).toBe('2025-12-29');
    const act = (s: Session, action: string, occurredAt: string, input: Record<string, unknown> = {}) => s.post(`/api/v1/cases/${id}/actions`, { action,
      input, occurredAt });
    expect((await act(clerk, 'accept', '2025-12-29T10:30:00+08:00')).statusCode).toBe(200);
    const approved = await act(approver, 'approve', '2025-12-31T15:00:00+08:00', { licenceNo: 'JY12025000001' });
    expect(approved.statusCode, approved.body).toBe(200);
    // the order of acts holds: nothing before the decision
    const early = await act(clerk, 'deliver', '2025-12-31T14:00:00+08:00', { method: '窗口领取' });
    expect(early.statusCode).toBe(400);
    const delivered = await act(clerk, 'deliver', '2025-12-31T16:00:00+08:00', { method: '窗口领取' });
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json().closedAt).toBe('2025-12-31T08:00:00.000Z');
    const decision = delivered.json().clocks.find((k: { key: string }) => k.key === 'decision');
    expect(decision).toMatchObject({ status: 'stopped', metDeadline: true });

    const drill = await leader.get('/api/v1/metrics/approvals.on_time_statutory_rate/drilldown?from=2025-01-01&to=2025-12-31&part=numerator&limit=500');
    expect(drill.statusCode, drill.body).toBe(200);
    const number = open.json().number as string;
    expect(drill.json().items.map((i: { number: string }) => i.number)).toContain(number);
    const next = await leader.get('/api/v1/metrics/approvals.on_time_statutory_rate/drilldown?from=2026-01-01&to=2026-12-31&limit=500');
    expect(next.json().items.map((i: { number: string }) => i.number)).not.toContain(number);
  });

  it('the chains and seals hold over acts recorded later (recordedAt is part of the event hash)', async () => {
    const { problems } = await verifyChains(env.ctx.db);
    expect(problems).toEqual([]);
    const late = await env.ownerSql(`select id from case_events where recorded_at is not null order by id limit 1`);
    await env.ownerSql('ALTER TABLE case_events DISABLE TRIGGER USER');
    await env.ownerSql(`update case_events set recorded_at = recorded_at + interval '1 day' where id = $1`, [late.rows[0].id]);
    await env.ownerSql('ALTER TABLE case_events ENABLE TRIGGER USER');
    const after = await verifyChains(env.ctx.db);
    expect(after.problems.map((p) => p.id)).toContain(String(late.rows[0].id));
  });
});
