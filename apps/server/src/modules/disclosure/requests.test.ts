import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let handler: Session;
let scjgj: string;
beforeAll(async () => {
  env = await createTestEnv();
  handler = await env.login('handler');
  scjgj = String((await env.ownerSql(`select id from orgs where code = '990101-scjgj'`)).rows[0].id);
});
afterAll(async () => { await env.close(); });

const applicant = { name: '李四', idNo: '110101198001011111', phone: '13900000000' };
const valid = () => ({ orgId: scjgj, channel: 'online', applicantKind: 'natural', parties: { applicant }, description: '2025年食品抽检不合格名单', format: '电子', via: '电子邮件' });
async function apply(input: Record<string, unknown> = valid()) {
  const r = await anonymous(env.app).post('/api/v1/public/cases', { type: 'disclosure_request', input });
  expect(r.statusCode, r.body).toBe(201);
  const number = r.json().number as string;
  const id = String((await env.ownerSql(`select id from cases where number = $1`, [number])).rows[0].id);
  return { id, number, track: r.json() };
}
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => s.post(`/api/v1/cases/${id}/actions`, { action, input });
const clockOf = async (id: string, key: string) => (await handler.get(`/api/v1/cases/${id}`)).json().clocks.find((c: { key: string }) => c.key === key);

describe('依申请公开: intake (Art. 29, 31)', () => {
  it('400 names every missing Art. 29 field', async () => {
    const r = await anonymous(env.app).post('/api/v1/public/cases', { type: 'disclosure_request', input: { channel: 'fax', parties: { applicant: {} } } });
    expect(r.statusCode).toBe(400);
    const paths = r.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['body.input.orgId', 'body.input.applicantKind', 'body.input.parties.applicant.name', 'body.input.parties.applicant.idNo', 'body.input.parties.applicant.phone', 'body.input.description', 'body.input.format', 'body.input.via']));
  });
  it('online submission answers at once with the number and the 20-WD due date; other channels are refused online', async () => {
    const bad = await anonymous(env.app).post('/api/v1/public/cases', { type: 'disclosure_request', input: { ...valid(), channel: 'in_person' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.input.channel');
    const { track, id } = await apply();
    expect(track.number).toMatch(/^GK-2026-\d{6}$/);
    // 2026-06-15 (Mon) + 20 WD; 端午 2026-06-19 is a day off → 2026-07-14.
    const reply = await clockOf(id, 'reply');
    expect(reply.dueDate).toBe('2026-07-14');
    expect((await clockOf(id, 'notice')).dueDate).toBe('2026-06-25');
    expect(JSON.stringify(track)).not.toContain('李四');
  });
  it('平常信函 and 传真 need the confirmation with the applicant (Art. 31)', async () => {
    const r = await handler.post('/api/v1/cases', { type: 'disclosure_request', input: { ...valid(), channel: 'post_ordinary' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.input.confirmedWithApplicant']);
    const ok = await handler.post('/api/v1/cases', { type: 'disclosure_request', input: { ...valid(), channel: 'post_ordinary', confirmedWithApplicant: true } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().data.receiptRule).toContain('确认之日');
  });
});

describe('依申请公开: 收到申请之日 of a letter registered later (Art. 31)', () => {
  it('a letter signed for on 06-10 and registered on 06-15 runs from 06-10; a future date and a public backdate are refused', async () => {
    const input = { ...valid(), channel: 'post_signed', receivedOn: '2026-06-10' };
    const r = await handler.post('/api/v1/cases', { type: 'disclosure_request', input });
    expect(r.statusCode, r.body).toBe(201);
    const reply = r.json().clocks.find((c: { key: string }) => c.key === 'reply');
    // 06-10 + 20 WD, 端午 06-19 off → 2026-07-09 (registered on the day, it would be 07-14).
    expect(reply.dueDate).toBe('2026-07-09');
    expect(reply.explanation[0]).toContain('自2026年6月10日');
    const future = await handler.post('/api/v1/cases', { type: 'disclosure_request', input: { ...input, receivedOn: '2026-06-16' } });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].path).toBe('body.input.receivedOn');
    const pub = await anonymous(env.app).post('/api/v1/public/cases', { type: 'disclosure_request', input: { ...valid(), receivedOn: '2026-06-01' } });
    expect(pub.statusCode).toBe(400);
    expect(pub.json().errors[0].path).toBe('body.input.receivedOn');
  });
});

describe('依申请公开: workflow', () => {
  it('404 for an org that does not hold it, 403 for a role without it, 409 naming the allowed actions', async () => {
    const { id } = await apply();
    const township = await env.login('township');
    expect((await act(township, id, 'answer', {})).statusCode).toBe(404);
    const leader = await env.login('leader');
    expect((await act(leader, id, 'answer', { answerType: 'disclose', content: '提供', docNo: '示市监公开〔2026〕1号' })).statusCode).toBe(403);
    const r = await act(handler, id, 'serve', { method: '直接送达' });
    expect(r.statusCode).toBe(409);
    expect(r.json().allowedActions).toEqual(expect.arrayContaining(['answer', 'request_correction', 'consult', 'notify_fee', 'withdraw']));
    const noGround = await act(handler, id, 'answer', { answerType: 'withhold', content: '不予公开', docNo: '示市监公开〔2026〕01号' });
    expect(noGround.statusCode).toBe(400);
    expect(noGround.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.docNo', 'body.input.ground']);
  });

  it('补正: one notice, then the 20-WD clock restarts from the supplement (Art. 30); no second notice', async () => {
    const { id } = await apply();
    env.clock.set(new Date('2026-06-17T10:00:00+08:00'));
    handler = await env.login('handler');
    expect((await act(handler, id, 'request_correction', { items: '请说明所需信息的文号', guidance: '可提供文件名称或发文时间' })).statusCode).toBe(200);
    expect((await clockOf(id, 'notice')).metDeadline).toBe(true);
    expect((await clockOf(id, 'reply')).status).toBe('paused');
    expect((await clockOf(id, 'correction')).dueDate).toBe('2026-07-09');
    env.clock.set(new Date('2026-06-29T10:00:00+08:00'));
    handler = await env.login('handler');
    expect((await act(handler, id, 'supplement', { content: '文号为示市监〔2025〕3号' })).statusCode).toBe(200);
    // Restart on 06-29 (Mon): 20 WD → 2026-07-27.
    expect((await clockOf(id, 'reply')).dueDate).toBe('2026-07-27');
    const again = await act(handler, id, 'request_correction', { items: '再补正', guidance: '再补正' });
    expect(again.statusCode).toBe(409);
    expect(again.json().allowedActions).not.toContain('request_correction');
    expect((await act(handler, id, 'answer', { answerType: 'still_unclear', content: '补正后仍不明确', docNo: '示市监公开〔2026〕7号' })).statusCode).toBe(200);
    const p = (await env.ownerSql(`select leaf, closed_on::text from disclosure_requests where case_id = $1`, [id])).rows[0];
    expect(p).toEqual({ leaf: '4.3', closed_on: '2026-06-29' });
    env.clock.set(new Date('2026-06-15T10:00:00+08:00'));
    handler = await env.login('handler');
  });

  it('逾期不补正 → 视为放弃 only after the period ran out (6.1)', async () => {
    const { id } = await apply();
    expect((await act(handler, id, 'request_correction', { items: '请说明名称', guidance: '请具体描述' })).statusCode).toBe(200);
    const early = await act(handler, id, 'abandon', { reason: '未补正' });
    expect(early.statusCode).toBe(409);
    env.clock.set(new Date('2026-07-20T10:00:00+08:00'));
    handler = await env.login('handler');
    expect((await act(handler, id, 'abandon', { reason: '补正期限届满未补正' })).statusCode).toBe(200);
    expect((await env.ownerSql(`select leaf from disclosure_requests where case_id = $1`, [id])).rows[0].leaf).toBe('6.1');
    env.clock.set(new Date('2026-06-15T10:00:00+08:00'));
    handler = await env.login('handler');
  });

  it('third-party consultation pauses the reply clock; the third party has 15 WD (Art. 32, 33)', async () => {
    const { id } = await apply();
    env.clock.set(new Date('2026-06-16T10:00:00+08:00'));
    handler = await env.login('handler');
    const c1 = await act(handler, id, 'consult', { consultee: 'third_party', name: '某公司', matter: '是否同意公开' });
    expect(c1.statusCode, c1.body).toBe(200);
    expect((await clockOf(id, 'reply')).status).toBe('paused');
    expect((await clockOf(id, 'consult')).dueDate).toBe('2026-07-08');
    env.clock.set(new Date('2026-06-26T10:00:00+08:00'));
    handler = await env.login('handler');
    expect((await act(handler, id, 'consult_done', { opinion: '同意公开' })).statusCode).toBe(200);
    const reply = await clockOf(id, 'reply');
    expect(reply.status).toBe('running');

    expect(reply.dueDate).toBe('2026-07-23'); // 07-14 + the 7 WD paused (06-17…06-26 without 06-19 端午 and the weekend)
    env.clock.set(new Date('2026-06-15T10:00:00+08:00'));
    handler = await env.login('handler');
  });

  it('several consultation rounds: no new round while one is open; each round pauses the reply clock and runs 15 WD anew', async () => {
    const { id } = await apply();
    env.clock.set(new Date('2026-06-16T10:00:00+08:00'));
    handler = await env.login('handler');
    expect((await act(handler, id, 'consult', { consultee: 'third_party', name: '某公司', matter: '是否同意公开' })).statusCode).toBe(200);
    // Failure first: a second round cannot start while the first is open.
    const open = await act(handler, id, 'consult', { consultee: 'other_agency', name: '某局', matter: '再征求' });
    expect(open.statusCode).toBe(409);
    expect(open.json().allowedActions).toEqual(expect.arrayContaining(['consult_done', 'withdraw']));
    env.clock.set(new Date('2026-06-26T10:00:00+08:00'));
    handler = await env.login('handler');
    expect((await act(handler, id, 'consult_done', { opinion: '同意公开' })).statusCode).toBe(200);
    expect((await clockOf(id, 'reply')).dueDate).toBe('2026-07-23');
    // Round 2 from 办理中 (Art. 34: a co-producing agency), on Mon 06-29.
    env.clock.set(new Date('2026-06-29T10:00:00+08:00'));
    handler = await env.login('handler');
    const bad = await act(handler, id, 'consult', { consultee: 'other_agency' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.matter', 'body.input.name']);
    const r2 = await act(handler, id, 'consult', { consultee: 'other_agency', name: '县财政局', matter: '共同制作信息，征求意见' });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json().state).toBe('consulting');
    expect(r2.json().data.consultRounds).toBe(2);
    expect((await clockOf(id, 'reply')).status).toBe('paused');
    const consult = await clockOf(id, 'consult');
    expect(consult.status).toBe('running');
    expect(consult.dueDate).toBe('2026-07-20'); // 06-29 + 15 WD
    expect(consult.explanation.join('')).toContain('重新计算');
    env.clock.set(new Date('2026-07-03T10:00:00+08:00'));
    handler = await env.login('handler');
    expect((await act(handler, id, 'consult_done', { opinion: '逾期未提出意见' })).statusCode).toBe(200);
    const reply = await clockOf(id, 'reply');
    expect(reply.status).toBe('running');
    expect(reply.dueDate).toBe('2026-07-29'); // 07-23 + the 4 WD of round 2 (06-30…07-03)
    expect((await clockOf(id, 'consult')).status).toBe('stopped');
    env.clock.set(new Date('2026-06-15T10:00:00+08:00'));
    handler = await env.login('handler');
  });

  it('延迟答复 (Art. 35): leader only, every field named, not while 补正 is awaited; extends the reply clock beyond the 20-WD cap, with its own basis and letter', async () => {
    const { id } = await apply();
    const leader = await env.login('leader');
    const input = { applicantReason: '用于课题研究，需逐年比对', days: 30, reason: '申请涉及十年间数百份文件，数量明显超过合理范围', notifiedBy: '书面' };
    expect((await anonymous(env.app).post(`/api/v1/cases/${id}/actions`, { action: 'delay', input })).statusCode).toBe(401);
    const empty = await act(leader, id, 'delay', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.input.applicantReason', 'body.input.days', 'body.input.notifiedBy', 'body.input.reason']);
    expect((await act(leader, id, 'delay', { ...input, days: 0 })).json().errors[0].path).toBe('body.input.days');
    expect((await act(handler, id, 'delay', input)).statusCode).toBe(403);
    expect((await handler.get(`/api/v1/disclosure/requests/${id}/letter?kind=delay`)).statusCode).toBe(409);
    const { id: other } = await apply();
    expect((await act(handler, other, 'request_correction', { items: '请写明文件名称', guidance: '可参考目录' })).statusCode).toBe(200);
    const inCorrection = await act(leader, other, 'delay', input);
    expect(inCorrection.statusCode).toBe(409);
    expect(inCorrection.json().allowedActions).not.toContain('delay'); // the leader may do nothing here

    expect((await act(leader, id, 'extend', { days: 20, reason: '需调取档案', notifiedBy: '书面' })).statusCode).toBe(200);
    const d = await act(leader, id, 'delay', input);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().state).toBe('received');
    const reply = await clockOf(id, 'reply');
    expect(reply.totalLength).toBe(70);
    expect(reply.dueDate).toBe('2026-09-21'); // 07-14 + 20 WD (08-11) + 30 WD, Sun 09-20 being a 调休 working day
    const why = reply.explanation.join('');
    expect(why).toContain('延迟答复');
    expect(why).toContain('第三十五条');
    // The Art. 33 cap still counts only Art. 33 extensions.
    const more = await act(leader, id, 'extend', { days: 1, reason: '还需时间', notifiedBy: '书面' });
    expect(more.statusCode).toBe(400);
    expect(more.json().errors[0].message).toContain('最多还能延长0');
    const letter = await handler.get(`/api/v1/disclosure/requests/${id}/letter?kind=delay`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('wordprocessingml');
    expect(letter.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const track = (await anonymous(env.app).get(`/api/v1/public/track/${d.json().number}?code=${d.json().trackingCode}`)).json();
    expect(JSON.stringify(track)).toContain('延迟答复');
  });

  it('extension: leader only, at most 20 WD in total (Art. 33)', async () => {
    const { id } = await apply();
    const leader = await env.login('leader');
    expect((await act(handler, id, 'extend', { days: 5, reason: '需调取档案', notifiedBy: '书面' })).statusCode).toBe(403);
    const over = await act(leader, id, 'extend', { days: 21, reason: '需调取档案', notifiedBy: '书面' });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0].path).toBe('body.input.days');
    expect((await act(leader, id, 'extend', { days: 15, reason: '需调取档案', notifiedBy: '书面' })).statusCode).toBe(200);
    const more = await act(leader, id, 'extend', { days: 6, reason: '还需时间', notifiedBy: '书面' });
    expect(more.statusCode).toBe(400);
    expect(more.json().errors[0].message).toContain('最多还能延长5');
    expect((await clockOf(id, 'reply')).totalLength).toBe(35);
    const letter = await handler.get(`/api/v1/disclosure/requests/${id}/letter?kind=extension`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('wordprocessingml');
  });

  it('fees per 国办函〔2020〕109号: the 11th request of the month costs 100 元; unpaid → 6.2', async () => {
    const ids: string[] = [];
    const input = { ...valid(), parties: { applicant: { ...applicant, idNo: '110101198001012222' } } };
    for (let i = 0; i < 11; i++) ids.push((await apply(input)).id);
    const first = await act(handler, ids[0], 'notify_fee', { mode: 'per_item' });
    expect(first.statusCode).toBe(400);
    const both = await act(handler, ids[10], 'notify_fee', { mode: 'per_item', pages: 40 });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].path).toBe('body.input.pages');
    const r = await act(handler, ids[10], 'notify_fee', { mode: 'per_item' });
    expect(r.statusCode).toBe(200);
    expect(r.json().data.fee.amount).toBe(100);
    expect((await clockOf(ids[10], 'reply')).status).toBe('paused');
    const vol = await act(handler, ids[9], 'notify_fee', { mode: 'per_volume', pages: 120 });
    expect(vol.json().data.fee.amount).toBe(70 * 10 + 20 * 20);
    expect((await act(handler, ids[10], 'fee_overdue', {})).statusCode).toBe(409);
    env.clock.set(new Date('2026-08-20T10:00:00+08:00'));
    handler = await env.login('handler');
    expect((await act(handler, ids[10], 'fee_overdue', {})).statusCode).toBe(200);
    expect((await env.ownerSql(`select leaf from disclosure_requests where case_id = $1`, [ids[10]])).rows[0].leaf).toBe('6.2');
    env.clock.set(new Date('2026-06-15T10:00:00+08:00'));
    handler = await env.login('handler');
  });

  it('答复 → 送达 → 行政复议 recorded; the answer letter is a 公文 DOCX; idempotent replay', async () => {
    const { id } = await apply();
    const body = { action: 'answer', input: { answerType: 'withhold', ground: 'process', content: '所申请信息为内部讨论记录。', docNo: '示市监公开〔2026〕9号' } };
    const a = await handler.post(`/api/v1/cases/${id}/actions`, body, { 'idempotency-key': 'disc-answer-0001' });
    expect(a.statusCode).toBe(200);
    const b = await handler.post(`/api/v1/cases/${id}/actions`, body, { 'idempotency-key': 'disc-answer-0001' });
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect((await env.ownerSql(`select leaf from disclosure_requests where case_id = $1`, [id])).rows[0].leaf).toBe('3.6');
    expect((await act(handler, id, 'serve', { method: '电子送达' })).statusCode).toBe(200);
    expect((await handler.post(`/api/v1/disclosure/requests/${id}/remedies`, { kind: 'review', filedOn: '2026-06-01' })).statusCode).toBe(400);
    const m = await handler.post(`/api/v1/disclosure/requests/${id}/remedies`, { kind: 'review', filedOn: '2026-06-15', caseNo: '示府复〔2026〕3号' });
    expect(m.statusCode, m.body).toBe(201);
    const t4before = (await handler.get(`/api/v1/disclosure/reports?orgId=${scjgj}&year=2026`)).json().table4.review;
    expect((await handler.post(`/api/v1/disclosure/remedies/${m.json().id}/conclude`, { result: 'upheld', concludedOn: '2026-06-15' })).statusCode).toBe(200);
    expect((await handler.post(`/api/v1/disclosure/remedies/${m.json().id}/conclude`, { result: 'other', concludedOn: '2026-06-15' })).statusCode).toBe(409);
    const t4 = (await handler.get(`/api/v1/disclosure/reports?orgId=${scjgj}&year=2026`)).json().table4.review;
    expect(t4.upheld - t4before.upheld).toBe(1);
    expect(t4before.pending - t4.pending).toBe(1);
    expect(t4.total).toBe(t4before.total);
    const cell = (await handler.get(`/api/v1/disclosure/reports/cell?orgId=${scjgj}&year=2026&table=4&row=review&col=upheld`)).json();
    expect(cell.items.map((x: { caseNo: string }) => x.caseNo)).toContain('示府复〔2026〕3号');
    const letter = await handler.get(`/api/v1/disclosure/requests/${id}/letter?kind=answer`);
    expect(letter.statusCode).toBe(200);
    expect(letter.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a county may change the crosswalk (admin only), and it applies to later answers', async () => {
    expect((await handler.put('/api/v1/disclosure/crosswalk/not_responsible', { leaf: '6.3', basis: '本县口径' })).statusCode).toBe(403);
    const admin = await env.login('admin');
    expect((await admin.put('/api/v1/disclosure/crosswalk/not_responsible', { leaf: '6.3', basis: '本县口径：不属于本机关负责公开的计入其他' })).statusCode).toBe(200);
    const { id } = await apply();
    expect((await act(handler, id, 'answer', { answerType: 'not_responsible', content: '请向县自然资源局申请', docNo: '示市监公开〔2026〕10号' })).statusCode).toBe(200);
    expect((await env.ownerSql(`select leaf from disclosure_requests where case_id = $1`, [id])).rows[0].leaf).toBe('6.3');
  });
});
