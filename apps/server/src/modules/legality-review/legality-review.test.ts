/**
 * 合法性审查 of every kind (规范性文件, 重大行政决策, 行政协议及合同, 其他涉法事务): the clock of the kind's rule, the 115号
 * checklist answered item by item, the minimum review time with its 突发事件 exception, the conclusion, and the numbered
 * 审核意见书. Failure cases first; the clock is injected (the harness starts on 2026-06-15, a Monday).
 */
import { addDays, legalDateOf } from '@yifa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { docxText } from '../../../test/docx.ts';
import { CHECKLISTS, type ReviewKind } from './workflow.ts';

let env: TestEnv;
let handler: Session; let reviewer: Session;
let draftingOrgId = '';
const DAY = 24 * 3600_000;
async function loginAll() { [handler, reviewer] = await Promise.all(['handler', 'reviewer'].map((u) => env.login(u))); }
beforeAll(async () => {
  env = await createTestEnv();
  await loginAll();
  draftingOrgId = (await handler.get('/api/v1/auth/session')).json().user.orgId;
});
afterAll(async () => { await env.close(); });

const all = (kind: ReviewKind, answer = '符合') => CHECKLISTS[kind].items.map((item) => ({ item, answer }));
async function openAccepted(kind: ReviewKind, over: Record<string, unknown> = {}) {
  const input = { kind, title: `示范县${kind}测试事项`, draftingOrgId, summary: '用于验证合法性审查的期限、审查要点和结论。', ...(kind === '规范性文件' ? { docKind: '办法' } : {}), ...over };
  const c = await handler.post('/api/v1/cases', { type: 'legality_review', input });
  expect(c.statusCode, c.body).toBe(201);
  const a = await reviewer.post(`/api/v1/cases/${c.json().id}/actions`, { action: 'accept' });
  expect(a.statusCode, a.body).toBe(200);
  return a.json();
}
const conclude = (id: string, input: Record<string, unknown>, headers?: Record<string, string>) =>
  reviewer.post(`/api/v1/cases/${id}/actions`, { action: 'conclude', input: { opinion: '经审核，制定主体适格，程序合法，内容合法。', ...input } }, headers);
const paths = (r: { json: () => { errors?: { path: string }[] } }) => (r.json().errors ?? []).map((e) => e.path).sort();
/** An advisor of the roster of `kind` assigned to the review, declared free of conflict and with a signed opinion. */
async function advise(id: string, kind: '政府法律顾问' | '公职律师' | '合法性审查专家') {
  const a = await env.ctx.db.selectFrom('advisors').select('id').where('kind', '=', kind).where('status', '=', 'active').limit(1).executeTakeFirstOrThrow();
  for (const [action, input] of [['assign_advisor', { advisorId: a.id }], ['advisor_declare', { declaration: '无利益冲突' }],
    ['advisor_sign', { opinion: '决策事项在法定权限内，程序合法，建议通过。' }]] as const) {
    const r = await reviewer.post(`/api/v1/cases/${id}/actions`, { action, input });
    expect(r.statusCode, r.body).toBe(200);
  }
}

describe('合法性审查: failures first', () => {
  it('400: a 规范性文件 needs its 公文种类; an unknown kind is named', async () => {
    const r = await handler.post('/api/v1/cases', { type: 'legality_review', input: { title: '示范县某某办法', draftingOrgId, summary: '本办法规定了若干事项。' } });
    expect(r.statusCode).toBe(400);
    expect(paths(r)).toEqual(['body.input.docKind']);
    const k = await handler.post('/api/v1/cases', { type: 'legality_review', input: { kind: '小说', title: '示范县某某办法', draftingOrgId, summary: '本办法规定了若干事项。' } });
    expect(paths(k)).toEqual(['body.input.kind']);
  });

  it('400: the checklist must be answered item by item, 不符合 explained, a 合法 conclusion without 不符合, 修改后合法 with its changes', async () => {
    const c = await openAccepted('规范性文件');
    const none = await conclude(c.id, { conclusion: '合法', opinionNo: '示司审〔2026〕31号' });
    expect(none.statusCode).toBe(400);
    expect(paths(none)).toEqual(['body.input.checklist']);
    expect(none.json().errors[0].message).toContain('制定主体是否合法');
    const bad = [...all('规范性文件').slice(1), { item: '是否违反规范性文件制定程序', answer: '符合' }, { item: '文件是否美观', answer: '符合' },
      { item: '制定主体是否合法', answer: '不符合' }];
    const r = await conclude(c.id, { conclusion: '合法', checklist: bad, opinionNo: '示司审〔2026〕31号' });
    expect(paths(r)).toEqual(['body.input.checklist.6.item', 'body.input.checklist.7.item', 'body.input.checklist.8.note', 'body.input.conclusion']);
    const m = await conclude(c.id, { conclusion: '修改后合法', checklist: all('规范性文件'), opinionNo: '示司审〔2026〕31号' });
    expect(paths(m)).toEqual(['body.input.changes']);
  });

  it('400: not before 5 working days of review (115号) unless the 突发事件 / 紧急命令 exception is recorded', async () => {
    const c = await openAccepted('规范性文件');
    env.clock.advance(2 * DAY);
    await loginAll();
    const r = await conclude(c.id, { conclusion: '合法', checklist: all('规范性文件'), opinionNo: '示司审〔2026〕32号' });
    expect(r.statusCode).toBe(400);
    expect(paths(r)).toEqual(['body.input.urgentReason']);
    expect(r.json().detail).toContain('一般不少于5个工作日');
    const ok = await conclude(c.id, { conclusion: '合法', checklist: all('规范性文件'), opinionNo: '示司审〔2026〕32号', urgentReason: '为预防、应对和处置突发事件' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('concluded');
  });

  it('400: a conclusion recorded later is measured on the day it was made, not the day it is keyed in', async () => {
    const c = await openAccepted('规范性文件');
    const accepted = env.clock.now().getTime();
    env.clock.advance(14 * DAY); // keyed in two weeks later: past the floor by now
    await loginAll();
    const beijing = (t: number) => new Date(t + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, '+08:00');
    const r = await reviewer.post(`/api/v1/cases/${c.id}/actions`, {
      action: 'conclude', occurredAt: beijing(accepted + DAY),
      input: { opinion: '经审核，制定主体适格，程序合法，内容合法。', conclusion: '合法', checklist: all('规范性文件'), opinionNo: '示司审〔2026〕35号' },
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(paths(r)).toEqual(['body.input.urgentReason']);
  });

  it('409: a 重大行政决策 review is concluded only with the signed opinion of a 法律顾问 or 公职律师 (713号 Art. 28) — an expert alone does not do', async () => {
    const c = await openAccepted('重大行政决策');
    env.clock.advance(14 * DAY);
    await loginAll();
    const none = await conclude(c.id, { conclusion: '合法', checklist: all('重大行政决策'), opinionNo: '示司审〔2026〕36号' });
    expect(none.statusCode).toBe(409);
    expect(none.json().detail).toContain('第二十八条');
    await advise(c.id, '合法性审查专家');
    expect((await conclude(c.id, { conclusion: '合法', checklist: all('重大行政决策'), opinionNo: '示司审〔2026〕36号' })).statusCode).toBe(409);
    await advise(c.id, '公职律师');
    const done = await conclude(c.id, { conclusion: '合法', checklist: all('重大行政决策'), opinionNo: '示司审〔2026〕36号' });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('400: a 法律顾问 whose 聘期 ended (or who left the roster) after being assigned cannot sign; another is assigned in place', async () => {
    const c = await openAccepted('重大行政决策');
    const a = await env.ctx.db.selectFrom('advisors').select(['id', 'contractTo', 'status']).where('kind', '=', '政府法律顾问').where('status', '=', 'active')
      .limit(1).executeTakeFirstOrThrow();
    const today = legalDateOf(env.clock.now());
    expect((await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'assign_advisor', input: { advisorId: a.id } })).statusCode).toBe(200);
    expect((await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'advisor_declare', input: { declaration: '无利益冲突' } })).statusCode).toBe(200);
    try {
      await env.ownerSql(`update advisors set contract_to = $2 where id = $1`, [a.id, today]);
      env.clock.advance(2 * DAY);
      await loginAll();
      const late = await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'advisor_sign', input: { opinion: '决策事项在法定权限内，程序合法，建议通过。' } });
      expect(late.statusCode).toBe(400);
      expect(paths(late)).toEqual(['body.input.opinion']);
      expect(late.json().errors[0].message).toContain('聘期');
      await env.ownerSql(`update advisors set contract_to = $2, status = 'ended' where id = $1`, [a.id, a.contractTo]);
      const ended = await reviewer.post(`/api/v1/cases/${c.id}/actions`, { action: 'advisor_sign', input: { opinion: '决策事项在法定权限内，程序合法，建议通过。' } });
      expect(ended.statusCode).toBe(400);
      env.clock.advance(14 * DAY);
      await loginAll();
      expect((await conclude(c.id, { conclusion: '合法', checklist: all('重大行政决策'), opinionNo: '示司审〔2026〕37号' })).statusCode).toBe(409);
      // the stale assignment does not block the case: another counsel is assigned in its place and signs
      await advise(c.id, '公职律师');
      const done = await conclude(c.id, { conclusion: '合法', checklist: all('重大行政决策'), opinionNo: '示司审〔2026〕37号' });
      expect(done.statusCode, done.body).toBe(200);
    } finally {
      await env.ownerSql(`update advisors set contract_to = $2, status = $3 where id = $1`, [a.id, a.contractTo, a.status]);
    }
  });

  it('400: a 重大行政决策 draft gets at least 7 working days (713号 Art. 26), its own checklist (Art. 27)', async () => {
    const c = await openAccepted('重大行政决策');
    await advise(c.id, '政府法律顾问');
    env.clock.advance(7 * DAY); // 5 working days
    await loginAll();
    const early = await conclude(c.id, { conclusion: '合法', checklist: all('重大行政决策'), opinionNo: '示司审〔2026〕33号' });
    expect(paths(early)).toEqual(['body.input.urgentReason']);
    expect(early.json().detail).toContain('7个工作日');
    const wrongList = await conclude(c.id, { conclusion: '合法', checklist: all('规范性文件'), opinionNo: '示司审〔2026〕33号' });
    expect(paths(wrongList)[0]).toBe('body.input.checklist');
  });
});

describe('合法性审查: the clock of the kind and the conclusion', () => {
  it('each kind runs under its own rule: 115号 sourced for 规范性文件, the county\'s (unsourced) upper bound for the others', async () => {
    const doc = await openAccepted('规范性文件');
    expect(doc.clocks.find((k: { key: string }) => k.key === 'review')).toMatchObject({ ruleKey: 'legality.review', sourced: true, totalLength: 15 });
    const dec = await openAccepted('重大行政决策');
    expect(dec.clocks.find((k: { key: string }) => k.key === 'review')).toMatchObject({ ruleKey: 'legality.review.decision', sourced: false });
    const con = await openAccepted('行政协议及合同');
    expect(con.clocks.find((k: { key: string }) => k.key === 'review')).toMatchObject({ ruleKey: 'legality.review.contract', sourced: false });
    // a contract has no minimum: concluded the same day
    const r = await conclude(con.id, { conclusion: '不合法', checklist: all('行政协议及合同').map((a, i) => (i ? a : { ...a, answer: '不符合', note: '签约主体不适格。' })),
      opinionNo: '示司审〔2026〕34号' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('concluded');
  });

  it("the county's own review period (PUT /rules/:key) applies to matters filed from its date; running clocks keep theirs", async () => {
    const admin = await env.login('admin');
    const today = legalDateOf(env.clock.now());
    const tomorrow = addDays(today, 1);
    const review = (c: { clocks: { key: string; totalLength: number; ruleKey: string }[] }) => c.clocks.find((k) => k.key === 'review')!;
    const running = await openAccepted('行政协议及合同');
    expect(review(running)).toMatchObject({ ruleKey: 'legality.review.contract', totalLength: 15 });
    const filedToday = await handler.post('/api/v1/cases', { type: 'legality_review', input: { kind: '行政协议及合同', title: '示范县行政协议测试事项（今日报送）',
      draftingOrgId, summary: '用于验证本县期限设定的生效日。' } });
    expect(filedToday.statusCode, filedToday.body).toBe(201);
    expect((await admin.put('/api/v1/rules/legality.review.contract', { length: 10, yellowWithin: 2, effectiveFrom: today > tomorrow ? today : tomorrow,
      basis: '示政办发〔2026〕40号 示范县合法性审查办法' })).statusCode).toBe(200);
    expect(review(await openAccepted('行政协议及合同'))).toMatchObject({ totalLength: 15 });
    env.clock.advance(DAY);
    await loginAll();
    expect(review(await openAccepted('行政协议及合同'))).toMatchObject({ totalLength: 10 });
    const late = await reviewer.post(`/api/v1/cases/${filedToday.json().id}/actions`, { action: 'accept' });
    expect(late.statusCode, late.body).toBe(200);
    expect(review(late.json())).toMatchObject({ totalLength: 15 });
    expect(review((await reviewer.get(`/api/v1/cases/${running.id}`)).json())).toMatchObject({ totalLength: 15 });
  });

  it('concluded after 5 working days; the 审核意见书 carries the opinion number and every checklist answer; a replay does nothing twice', async () => {
    const c = await openAccepted('规范性文件');
    env.clock.advance(8 * DAY);
    await loginAll();
    const checklist = all('规范性文件').map((a, i) => (i === 3 ? { ...a, answer: '不符合', note: '第八条设定备案事项缺乏上位法依据。' } : a));
    const input = { conclusion: '修改后合法', checklist, changes: '删除第八条。', opinionNo: '示司审〔2026〕35号' };
    const key = `lr-${c.id}`;
    const a = await conclude(c.id, input, { 'idempotency-key': key });
    expect(a.statusCode, a.body).toBe(200);
    const b = await conclude(c.id, input, { 'idempotency-key': key });
    expect(b.statusCode).toBe(200);
    expect(b.json().version).toBe(a.json().version);
    const events = await env.ownerSql(`select count(*)::int as n from case_events where case_id = $1 and action = 'conclude'`, [c.id]);
    expect(events.rows[0].n).toBe(1);
    const d = await reviewer.post(`/api/v1/cases/${c.id}/documents`, { kind: 'legality-review.opinion' });
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json().number).toBe('示司审〔2026〕35号');
    const text = docxText((await reviewer.get(`/api/v1/documents/${d.json().id}/file`)).rawPayload);
    for (const s of ['合法性审核意见书', '示范县规范性文件测试事项', '审核结论：修改后合法', '4. 是否违法设立行政许可', '不符合（第八条设定备案事项缺乏上位法依据。）', '删除第八条。']) {
      expect(text, s).toContain(s);
    }
  });

  it('合法性审查件数 groups by kind', async () => {
    const leader = await env.login('leader');
    const m = await leader.get('/api/v1/metrics/legality_review.count?from=2026-01-01&to=2026-12-31&groupBy=kind');
    expect(m.statusCode, m.body).toBe(200);
    const groups = m.json().groups as { key: string; value: number }[];
    expect(groups.map((g) => g.key)).toEqual(expect.arrayContaining(['规范性文件', '行政协议及合同']));
  });
});
