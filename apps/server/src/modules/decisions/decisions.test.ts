/**
 * 重大行政决策 (国务院令第713号): failures first for every gate — the 目录 published only after the 党委 consent (Art. 3),
 * a decision only for an item of a published 目录 or with an urgency reason, the Art. 3 exclusions, the 30-day comment
 * floor (Art. 15), hearing materials 7 days before (Art. 17), experts from the 专家库 without conflict (Art. 19–21), a
 * 不可控 risk blocking until the draft is adjusted (Art. 24), no 集体讨论 without a passing legality review and with the
 * Art. 29 pack naming each missing part (Art. 25, 29), the head speaking last with a reason against the majority
 * (Art. 30), the pre-decision assessor refused as post-evaluator (Art. 36); then a whole life with the portal, each
 * comment answered, an idempotent replay and a 重大调整 re-running the procedures (Art. 37). The harness starts on
 * 2026-06-15 (a Monday).
 */
import { legalDateOf } from '@yifa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { CHECKLISTS } from '../legality-review/workflow.ts';
import { docxText } from '../../../test/docx.ts';
import { verifyArchive } from './archive.ts';

let env: TestEnv;
let handler: Session; let reviewer: Session;
let scjgj = ''; let expertId = '';
const DAY = 24 * 3600_000;
async function loginAll() { [handler, reviewer] = await Promise.all(['handler', 'reviewer'].map((u) => env.login(u))); }
const today = () => legalDateOf(env.clock.now()); // the ledger's legal date (Beijing)
const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const paths = (r: { json: () => { errors?: { path: string }[] } }) => (r.json().errors ?? []).map((e) => e.path).sort();
async function advance(days: number) { env.clock.advance(days * DAY); await loginAll(); }
const pub = (method: 'GET' | 'POST', url: string, payload?: unknown) => env.app.inject({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  env = await createTestEnv();
  await loginAll();
  scjgj = (await handler.get('/api/v1/auth/session')).json().user.orgId;
  expertId = (await env.ctx.db.selectFrom('advisors').select('id').where('kind', '=', '合法性审查专家').limit(1).executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await env.close(); });

const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  s.post(`/api/v1/cases/${id}/actions`, { action, input }, headers);
async function ok(s: Session, id: string, action: string, input: Record<string, unknown> = {}) {
  const r = await act(s, id, action, input);
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  return r.json();
}
const dataOf = async (id: string) => (await env.ctx.db.selectFrom('cases').select(['data', 'state']).where('id', '=', id).executeTakeFirstOrThrow());
const item = (over: Record<string, unknown> = {}) => ({ title: '城区停车设施建设三年行动方案', scope: '重大公共建设项目', standard: '总投资5000万元以上的公共建设项目', leadOrgId: scjgj, ...over });
const consent = { partyBody: '中共示范县委', consentedOn: '2026-06-10', consentRef: '县委常委会第8次会议纪要' };

async function catalog(): Promise<string> {
  const r = await handler.post('/api/v1/cases', { type: 'decision_catalog', input: { year: 2026, ownerOrgId: scjgj, items: [item(), item({ title: '农贸市场布局规划', scope: '经济和社会发展等方面的重要规划' })] } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}
let published = '';
async function publishedCatalog() {
  if (published) return published;
  published = await catalog();
  await ok(handler, published, 'record_consent', consent);
  await ok(handler, published, 'publish', {});
  return published;
}
const decisionInput = (over: Record<string, unknown> = {}) => ({ title: '示范县城区停车设施建设三年行动方案', scope: '重大公共建设项目', leadOrgId: scjgj, needsExpert: false, needsRisk: false, ...over });
async function launch(over: Record<string, unknown> = {}) {
  const r = await handler.post('/api/v1/cases', { type: 'major_decision', input: decisionInput({ catalogId: await publishedCatalog(), itemNo: 1, ...over }) });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as string;
  await ok(handler, id, 'finish_draft', { draft: '一、建设目标：三年内新增公共停车泊位3000个。二、保障措施。', explanation: '起草背景、依据和主要内容的说明。', bases: ['中华人民共和国城乡规划法'] });
  return id;
}
/** Comment for 30 days, answer every comment, close. */
async function commented(id: string) {
  await ok(handler, id, 'open_comment', { startOn: today(), endOn: plus(today(), 30) });
  await advance(31);
  await ok(handler, id, 'close_comment', { adoption: '共收到意见若干条，采纳情况逐条说明如下。' });
}
const checklist = CHECKLISTS['重大行政决策'].items.map((item) => ({ item, answer: '符合' }));
async function review(id: string, conclusion = '合法') {
  const rid = ((await dataOf(id)).data as { reviewCaseId: string }).reviewCaseId;
  await ok(reviewer, rid, 'accept');
  // 713号 Art. 28: the legal opinion of a 法律顾问 or 公职律师
  const counsel = await env.ctx.db.selectFrom('advisors').select('id').where('kind', '=', '政府法律顾问').where('status', '=', 'active').limit(1)
    .executeTakeFirstOrThrow();
  await ok(reviewer, rid, 'assign_advisor', { advisorId: counsel.id });
  await ok(reviewer, rid, 'advisor_declare', { declaration: '无利益冲突' });
  await ok(reviewer, rid, 'advisor_sign', { opinion: '决策事项在法定权限内，程序合法，建议通过。' });
  await advance(12);
  await ok(reviewer, rid, 'conclude', { conclusion, checklist, opinionNo: `示司审〔2026〕${Math.floor(Math.random() * 900) + 100}号`, opinion: '经审查，决策事项符合法定权限，程序合法。' });
  return rid;
}
const meeting = (over: Record<string, unknown> = {}) => ({
  meeting: '政府常务会议', session: '第15次常务会议', meetingOn: today(), attendees: ['张县长', '李副县长', '王副县长', '赵局长'],
  views: [{ name: '李副县长', view: '同意' }, { name: '王副县长', view: '不同意', remarks: '建议缩小首期规模' }, { name: '赵局长', view: '同意' },
    { name: '张县长', view: '同意', post: '县长' }],
  head: '张县长', headDecision: '通过', ...over,
});

describe('重大行政决策: the demo county', () => {
  it('shows a published 目录 and decisions at different steps; every metric is registered with its drill-down', async () => {
    const leader = await env.login('leader');
    const q = '?from=2025-06-16&to=2026-06-15';
    expect((await leader.get(`/api/v1/metrics/decisions.catalog_items${q}`)).json().value).toBe(4);
    expect((await leader.get(`/api/v1/metrics/decisions.decided${q}`)).json().value).toBe(1);
    expect((await leader.get(`/api/v1/metrics/decisions.participation_rate${q}`)).json().value).toBe(100);
    expect((await leader.get(`/api/v1/metrics/decisions.adoption_rate${q}`)).json().value).toBe(100);
    expect((await leader.get(`/api/v1/metrics/decisions.hearings${q}`)).json().value).toBe(1);
    expect((await leader.get(`/api/v1/metrics/decisions.adjustments${q}`)).json().value).toBe(1);
    for (const key of ['expert_rate', 'risk_rate', 'review_on_time_rate', 'comments', 'hearings', 'expert_reviews', 'risk_assessments', 'post_evaluations', 'adjustments']) {
      expect((await leader.get(`/api/v1/metrics/decisions.${key}${q}`)).statusCode, key).toBe(200);
    }
    const drill = await leader.get(`/api/v1/metrics/decisions.post_evaluations/drilldown${q}`);
    expect(drill.statusCode, drill.body).toBe(200);
    expect(JSON.stringify(drill.json())).toContain('示范县城区停车设施建设三年行动方案');
    const open = (await pub('GET', '/public/decisions/consultations')).json();
    expect(open.filter((c: { open: boolean }) => c.open).length).toBeGreaterThanOrEqual(1);
  });
});

describe('重大行政决策: failures first', () => {
  it('409: the 目录 is published only after the 同级党委 consent (Art. 3 ¶3); 400: a decision only for an item of a published 目录 or with an urgency reason; Art. 3 exclusions', async () => {
    const draft = await catalog();
    const early = await act(handler, draft, 'publish', {});
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('第三条第三款');
    const none = await handler.post('/api/v1/cases', { type: 'major_decision', input: decisionInput() });
    expect(none.statusCode).toBe(400);
    expect(paths(none)).toEqual(['body.input.catalogId']);
    const unpublished = await handler.post('/api/v1/cases', { type: 'major_decision', input: decisionInput({ catalogId: draft, itemNo: 1, scope: '突发事件应急处置决策' }) });
    expect(paths(unpublished)).toEqual(['body.input.catalogId', 'body.input.scope']);
    expect(unpublished.json().errors.find((e: { path: string }) => e.path === 'body.input.scope').message).toContain('第三条第二款');
    const noItem = await handler.post('/api/v1/cases', { type: 'major_decision', input: decisionInput({ catalogId: await publishedCatalog(), itemNo: 9 }) });
    expect(paths(noItem)).toEqual(['body.input.itemNo']);
    const urgent = await handler.post('/api/v1/cases', { type: 'major_decision', input: decisionInput({ urgencyReason: '上级部署限期完成的民生项目' }) });
    expect(urgent.statusCode, urgent.body).toBe(201);
  });

  it('400: the comment period is at least 30 days unless a reason is stated (Art. 15); 409: not closed before its end nor with comments unanswered', async () => {
    const id = await launch();
    const short = await act(handler, id, 'open_comment', { startOn: today(), endOn: plus(today(), 29) });
    expect(short.statusCode).toBe(400);
    expect(paths(short)).toEqual(['body.input.endOn']);
    expect(short.json().errors[0].message).toContain(plus(today(), 30));
    expect(short.json().errors[0].message).toContain('第十五条');
    await ok(handler, id, 'open_comment', { startOn: today(), endOn: plus(today(), 10), shortReason: '因执行上级紧急部署需要缩短期限' });
    const sent = await pub('POST', `/public/decisions/consultations/${id}/comments`, { body: '建议增加充电桩车位比例，联系我13800138000。', name: '王小明', phone: '13800138000' });
    expect(sent.statusCode, sent.body).toBe(201);
    const early = await act(handler, id, 'close_comment', { adoption: '采纳情况说明如下。共一条。' });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('期限届满前');
    await advance(11);
    const unanswered = await act(handler, id, 'close_comment', { adoption: '采纳情况说明如下。共一条。' });
    expect(unanswered.statusCode).toBe(409);
    expect(unanswered.json().detail).toContain('1 条公众意见未答复');
    const closedPost = await pub('POST', `/public/decisions/consultations/${id}/comments`, { body: '期限届满后再提的意见。' });
    expect(closedPost.statusCode).toBe(409);
  });

  it('400: hearing materials at least 7 days before (Art. 17), the list published before; the hearing recorded only once held', async () => {
    const id = await launch();
    const bad = await act(handler, id, 'schedule_hearing', { hearingOn: plus(today(), 10), participants: ['居民代表甲'], listPublishedOn: plus(today(), 10), materialsSentOn: plus(today(), 4) });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['body.input.listPublishedOn', 'body.input.materialsSentOn']);
    expect(bad.json().errors.find((e: { path: string }) => e.path === 'body.input.materialsSentOn').message).toContain(plus(today(), 11));
    await ok(handler, id, 'schedule_hearing', { hearingOn: plus(today(), 10), participants: ['居民代表甲', '商户代表乙'], listPublishedOn: today(), materialsSentOn: plus(today(), 3) });
    const before = await act(handler, id, 'record_hearing', { minutes: '听证会按介绍、陈述、询问、质证、辩论程序进行。', signed: true });
    expect(before.statusCode).toBe(409);
    const list = (await pub('GET', '/public/decisions/consultations')).json();
    expect(list.some((c: { id: string; kind: string }) => c.id === id && c.kind === '听证会')).toBe(true);
  });

  it('400: experts from the 专家库 without conflict (Art. 20–21); 409: no review without the flagged procedures, a 不可控 risk blocks until the draft is adjusted (Art. 24)', async () => {
    const id = await launch({ needsExpert: true, needsRisk: true, nonPublicReason: '涉及国家秘密，依法不予公开' });
    const gaps = await act(handler, id, 'submit_review', { procedureNote: '已履行相关程序。' });
    expect(gaps.statusCode).toBe(409);
    expect(gaps.json().detail).toContain('专家论证意见');
    expect(gaps.json().detail).toContain('风险评估报告');
    const conflict = await act(handler, id, 'expert_opinion', { advisorId: scjgj, declaration: '存在利益冲突', opinion: '方案总体可行，建议分期实施。', signed: true });
    expect(paths(conflict)).toEqual(['body.input.advisorId', 'body.input.declaration']);
    const unsigned = await act(handler, id, 'expert_opinion', { advisorId: expertId, declaration: '无利益冲突', opinion: '方案总体可行，建议分期实施。', signed: false });
    expect(paths(unsigned)).toEqual(['body.input.signed']);
    await ok(handler, id, 'expert_opinion', { advisorId: expertId, declaration: '无利益冲突', opinion: '方案总体可行，建议分期实施。', signed: true });
    await ok(handler, id, 'risk_assessment', { assessor: '陈评估', assessorOrg: '县社会稳定风险评估中心', riskPoints: '征收补偿', measures: '提前公示', plan: '应急预案', result: '风险不可控' });
    const blocked = await act(handler, id, 'submit_review', { procedureNote: '已履行相关程序。' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().detail).toContain('第二十四条');
    await ok(handler, id, 'adjust_draft', { draft: '一、建设目标：三年内新增公共停车泊位2000个，首期不涉及征收。', changes: '缩小首期规模，取消征收。' });
    const r = await ok(handler, id, 'submit_review', { procedureNote: '已履行专家论证、风险评估程序。' });
    expect(r.state).toBe('reviewing');
  });

  it('409: no 集体讨论 without a passing legality review, naming each missing part of the Art. 29 pack; 400: the head speaks last, a reason against the majority (Art. 30)', async () => {
    const id = await launch({ needsExpert: true });
    await commented(id);
    await ok(handler, id, 'expert_opinion', { advisorId: expertId, declaration: '无利益冲突', opinion: '方案总体可行，建议分期实施。', signed: true });
    await ok(handler, id, 'submit_review', { procedureNote: '已履行公众参与、专家论证程序。' });
    const rid = ((await dataOf(id)).data as { reviewCaseId: string }).reviewCaseId;
    const review0 = await env.ctx.db.selectFrom('cases').select(['type', 'data']).where('id', '=', rid).executeTakeFirstOrThrow();
    expect(review0.type).toBe('legality_review');
    expect((review0.data as { kind: string }).kind).toBe('重大行政决策');
    const before = await act(handler, id, 'decide', meeting());
    expect(before.statusCode).toBe(409);
    expect(before.json().detail).toContain('缺少：合法性审查意见');
    expect(before.json().detail).toContain('不得提交集体讨论');
    await review(id, '不合法');
    const illegal = await act(handler, id, 'decide', meeting());
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().detail).toContain('不合法');
    await ok(handler, id, 'resubmit_review', { procedureNote: '按审查意见修改了第二条。' });
    await review(id);
    const notLast = await act(handler, id, 'decide', meeting({ views: [{ name: '张县长', view: '同意' }, { name: '李副县长', view: '同意' }] }));
    expect(paths(notLast)).toEqual(['body.input.views']);
    const against = await act(handler, id, 'decide', meeting({ views: [{ name: '李副县长', view: '不同意' }, { name: '王副县长', view: '不同意' }, { name: '张县长', view: '同意' }] }));
    expect(paths(against)).toEqual(['body.input.headReason']);
    expect(against.json().errors[0].message).toContain('第三十条');
    await ok(handler, id, 'decide', meeting());
    await ok(handler, id, 'report_party', { partyBody: '中共示范县委', reportedOn: today(), reply: '同意按程序公布实施。' });
    await ok(handler, id, 'publish', { docNo: '示政发〔2026〕11号', adoptionExplanation: '专家关于分期实施的意见已采纳。' });
    const expert = await env.ctx.db.selectFrom('advisors').select('name').where('id', '=', expertId).executeTakeFirstOrThrow();
    const byExpert = await act(handler, id, 'post_evaluate', { reason: '决策机关认为有必要', assessor: expert.name, assessorOrg: '示范大学', findings: '总体达到预期效果，群众满意。' });
    expect(paths(byExpert)).toEqual(['body.input.assessor']);
    expect(byExpert.json().errors[0].message).toContain('决策前专家论证');
  });

  it('the Art. 29 pack: a decision without public participation names the missing 公众意见', async () => {
    const id = await launch();
    const r = await act(handler, id, 'submit_review', { procedureNote: '已履行相关程序。' });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('第十四条');
  });
});

describe('重大行政决策: a whole life', () => {
  it('目录 → 启动 → 征求意见 (portal, masked, each comment answered) → 审查 → 讨论 (with dissent) → 党委 → 公布 → 执行 → 后评估 (not the risk assessor) → 调整', async () => {
    const catalogId = await publishedCatalog();
    const added = await ok(handler, catalogId, 'add_item', { item: item({ title: '县城供水价格调整', scope: '重大公共政策和措施（公共服务、市场监管、社会管理、环境保护等）' }), ...consent });
    expect(added.state).toBe('published');
    const cats = (await pub('GET', '/public/decisions/catalogs')).json();
    expect(cats.find((c: { id: string }) => c.id === catalogId).items).toHaveLength(3);
    const pubItems = await env.ctx.db.selectFrom('disclosureItems').select(['title', 'version']).where('sourceRef', '=', catalogId).execute();
    expect(pubItems).toHaveLength(1);
    expect(pubItems[0].version).toBe(2);

    const id = await launch({ itemNo: 3, title: '示范县县城供水价格调整方案', needsRisk: true });
    await ok(handler, id, 'open_comment', { startOn: today(), endOn: plus(today(), 30) });
    const page = (await pub('GET', `/public/decisions/consultations/${id}`)).json();
    expect(page.open).toBe(true);
    expect(page.daysLeft).toBe(30);
    expect(page.draft).toContain('建设目标');
    const bad = await pub('POST', `/public/decisions/consultations/${id}/comments`, { body: '短', phone: '123' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['body.body', 'body.phone']);
    await pub('POST', `/public/decisions/consultations/${id}/comments`, { body: '建议阶梯水价第一档提高到每月15吨，王小明，电话13900139000。', name: '王小明', phone: '13900139000' });
    await pub('POST', `/public/decisions/consultations/${id}/comments`, { body: '广告：专业疏通下水道，价格优惠。' });
    const shown = (await pub('GET', `/public/decisions/consultations/${id}`)).json();
    expect(shown.comments.find((c: { body: string }) => c.body.startsWith('建议阶梯水价')).name).toBe('王**');
    expect(JSON.stringify(shown.comments)).not.toContain('13900139000');
    expect(JSON.stringify(shown.comments)).not.toContain('王小明');
    const stored = await env.ctx.db.selectFrom('consultationComments').select(['nameEnc', 'phoneEnc']).where('caseId', '=', id).orderBy('createdAt').execute();
    expect(stored[0].nameEnc).not.toContain('王小明');
    const listed = (await handler.get(`/api/v1/consultations/cases/${id}/comments`)).json();
    const byBody = (prefix: string) => listed.items.find((c: { body: string }) => c.body.startsWith(prefix));
    const list = { items: [byBody('建议阶梯水价'), byBody('广告')] };
    const hiddenNoReason = await handler.post(`/api/v1/consultations/comments/${list.items[1].id}/hide`, { reason: '' });
    expect(paths(hiddenNoReason)).toEqual(['body.reason']);
    expect((await handler.post(`/api/v1/consultations/comments/${list.items[1].id}/hide`, { reason: '与决策事项无关的广告' })).statusCode).toBe(200);
    expect((await handler.post(`/api/v1/consultations/comments/${list.items[0].id}/answer`, { answer: '部分采纳', reason: '第一档调整为每月12吨。' })).statusCode).toBe(200);
    await advance(31);
    await ok(handler, id, 'close_comment', { adoption: '共收到有效意见1条，部分采纳，详见逐条答复。' });
    const after = (await pub('GET', `/public/decisions/consultations/${id}`)).json();
    expect(after.open).toBe(false);
    expect(after.comments).toHaveLength(1);
    expect(after.comments[0]).toMatchObject({ answer: '部分采纳', answerReason: '第一档调整为每月12吨。' });
    expect((await handler.post(`/api/v1/consultations/comments/${list.items[0].id}/answer`, { answer: '采纳', reason: '改为采纳。' })).statusCode).toBe(409);

    await ok(handler, id, 'risk_assessment', { assessor: '陈评估', assessorOrg: '县社会稳定风险评估中心', riskPoints: '低收入家庭负担', measures: '低保家庭水费减免', plan: '设立咨询热线的处置预案', result: '风险可控' });
    // an idempotent replay: the same key, the same answer, one event
    const key = { 'Idempotency-Key': 'decisions-submit-review-1' };
    const a = await act(handler, id, 'submit_review', { procedureNote: '已履行公众参与、风险评估程序。' }, key);
    const b = await act(handler, id, 'submit_review', { procedureNote: '已履行公众参与、风险评估程序。' }, key);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.body).toBe(a.body);
    const reviews = await env.ctx.db.selectFrom('cases').select('id').where('type', '=', 'legality_review').where(({ eb, ref }) => eb(ref('data', '->>').key('sourceCaseId' as never), '=', id)).execute();
    expect(reviews).toHaveLength(1);
    await review(id);
    await ok(handler, id, 'decide', meeting());
    const d1 = (await dataOf(id)).data as { meeting: { views: { view: string }[] } };
    expect(d1.meeting.views.some((v) => v.view === '不同意')).toBe(true);
    await ok(handler, id, 'report_party', { partyBody: '中共示范县委', reportedOn: today(), reply: '同意按程序公布实施。' });
    const p = await ok(handler, id, 'publish', { docNo: '示政发〔2026〕12号', adoptionExplanation: '公众意见部分采纳：第一档水量调整为每月12吨。' });
    expect(p.state).toBe('executing');
    const item0 = await env.ctx.db.selectFrom('disclosureItems').select(['body', 'category']).where('sourceRef', '=', id).executeTakeFirstOrThrow();
    expect(item0.body).toContain('采纳情况说明');
    // 归档 (Art. 33): every record, the DOCX 决策过程记录, a manifest with each file's SM3 and the chain head; verified offline
    const arch = await handler.post(`/api/v1/decisions/cases/${id}/archive`, {});
    expect(arch.statusCode, arch.body).toBe(200);
    expect(arch.headers['content-type']).toBe('application/zip');
    const zip = Buffer.from(arch.rawPayload);
    const entries = unzipSync(new Uint8Array(zip));
    const manifest = JSON.parse(strFromU8(entries['manifest.json'])) as { chainHead: string; files: { name: string }[] };
    const head = await env.ctx.db.selectFrom('cases').select('headHash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(manifest.chainHead).toBe(head.headHash);
    expect(manifest.files.map((f) => f.name)).toContain('决策过程记录.docx');
    const record = docxText(Buffer.from(entries['决策过程记录.docx']));
    expect(record).toContain('重大行政决策过程记录');
    expect(record).toContain('不同意');
    expect(strFromU8(entries['04-公众参与.json'])).toContain('部分采纳');
    expect(verifyArchive(zip).problems).toEqual([]);
    const tampered = Buffer.from(zipSync({ ...entries, '01-决策草案.txt': strToU8('篡改后的草案') }));
    expect(verifyArchive(tampered).problems.join('；')).toContain('01-决策草案.txt 的 SM3 与清单不符');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yifa-archive-'));
    fs.writeFileSync(path.join(dir, 'ok.zip'), zip);
    fs.writeFileSync(path.join(dir, 'bad.zip'), tampered);
    const cli = (f: string) => {
      try { return { code: 0, out: execFileSync('npx', ['tsx', 'apps/server/src/cli.ts', 'decisions', 'verify-archive', path.join(dir, f)], { encoding: 'utf8' }) }; }
      catch (e) { return { code: (e as { status: number }).status, out: String((e as { stdout: string }).stdout) }; }
    };
    const good = cli('ok.zip');
    expect(good.code, good.out).toBe(0);
    expect(good.out).toContain('归档完整');
    const broken = cli('bad.zip');
    expect(broken.code).toBe(2);
    expect(broken.out).toContain('SM3 与清单不符');

    await ok(handler, id, 'execution_report', { reportedOn: today(), summary: '已按新水价执行，运行平稳，未出现集中投诉。' });
    const same = await act(handler, id, 'post_evaluate', { reason: '公民、法人或者其他组织提出较多意见', assessor: '陈评估', assessorOrg: '示范学院', findings: '总体达到预期效果，群众满意度较高。' });
    expect(same.statusCode).toBe(400);
    expect(paths(same)).toEqual(['body.input.assessor']);
    expect(same.json().errors[0].message).toContain('第三十六条');
    await ok(handler, id, 'post_evaluate', { reason: '公民、法人或者其他组织提出较多意见', assessor: '刘教授', assessorOrg: '示范学院', findings: '总体达到预期效果，群众满意度较高。' });
    await ok(handler, id, 'suspend', { reason: '发生干旱，行政首长决定中止执行。' });
    await ok(handler, id, 'resume', { reason: '旱情解除。' });
    const major = await ok(handler, id, 'major_adjust', { reason: '水源变化，需重新测算。' });
    expect(major.state).toBe('drafting');
    const d2 = (await dataOf(id)).data as { comment: unknown; reviewCaseId: unknown };
    expect(d2.comment).toBeNull();
    expect(d2.reviewCaseId).toBeNull();
    // the 重大调整 consults the public anew (Art. 37): the new draft's round starts with no comments — the old round's are not
    // shown, counted or answerable in it
    const old = await env.ctx.db.selectFrom('consultationComments').select('id').where('caseId', '=', id).execute();
    expect(old.length).toBeGreaterThan(0);
    await ok(handler, id, 'finish_draft', { draft: '一、调整后的水价方案：按新水源测算的阶梯水价。二、保障措施。', explanation: '重大调整后的起草说明。', bases: ['中华人民共和国价格法'] });
    await ok(handler, id, 'open_comment', { startOn: today(), endOn: plus(today(), 30) });
    expect((await pub('GET', `/public/decisions/consultations/${id}`)).json().comments).toEqual([]);
    expect((await handler.get(`/api/v1/consultations/cases/${id}/comments`)).json()).toMatchObject({ total: 0, unanswered: 0, items: [] });
    expect((await handler.post(`/api/v1/consultations/comments/${old[0]!.id}/answer`, { answer: '不采纳', reason: '上一轮的意见。' })).statusCode).toBe(409);
    await advance(31);
    await ok(handler, id, 'close_comment', { adoption: '本轮征求意见期间未收到公众意见，草案不作修改。' });
    expect(((await dataOf(id)).data as { comment: { received: number } }).comment.received).toBe(0);
  }, 60_000); // the whole life of a decision, some forty requests: 10–25 s alone, more on a loaded machine
});
