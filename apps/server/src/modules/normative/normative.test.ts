/**
 * 行政规范性文件: every gate and clock of its life, failures first — the 制定主体清单 and county lists, the 公平竞争审查
 * record, the 30-day comment floor (优化营商环境条例 Art. 62), no 集体审议 without a 合法 review (115号), no 公布 before 登记,
 * the 备案 window from 公布 and the 纠错 clock, the citation gate (Art. 64); then a whole life with the portal library, public
 * comments (masked), the registry, an idempotent replay, 修改 (a new version) and the jobs. The harness starts on
 * 2026-06-15 (a Monday).
 */
import { legalDateOf } from '@yifa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { runJob } from '../../platform/jobs/runner.ts';
import { docxText } from '../../../test/docx.ts';
import { CHECKLISTS } from '../legality-review/workflow.ts';
import { assertCitableInTrx } from './citable.ts';
import { normativeJobs } from './jobs.ts';
import { validUntilOf } from './validity.ts';

let env: TestEnv;
let handler: Session; let reviewer: Session; let township: Session;
let scjgj = ''; let cgz = '';
const DAY = 24 * 3600_000;
async function loginAll() { [handler, reviewer, township] = await Promise.all(['handler', 'reviewer', 'township'].map((u) => env.login(u))); }
const today = () => legalDateOf(env.clock.now()); // the ledger's legal date (Beijing)
const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const paths = (r: { json: () => { errors?: { path: string }[] } }) => (r.json().errors ?? []).map((e) => e.path).sort();
async function advance(days: number) { env.clock.advance(days * DAY); await loginAll(); }

beforeAll(async () => {
  env = await createTestEnv();
  await loginAll();
  scjgj = (await handler.get('/api/v1/auth/session')).json().user.orgId;
  cgz = (await township.get('/api/v1/auth/session')).json().user.orgId;
});
afterAll(async () => { await env.close(); });

const draftInput = (over: Record<string, unknown> = {}) => ({
  title: '示范县测试管理办法', issuerOrgId: scjgj, docKind: '办法', category: '市场监管', draft: '第一条 为规范测试管理，根据有关法律法规，制定本办法。第二条 本办法自公布之日起施行。',
  explanation: '本办法起草的背景、依据和主要内容说明。', bases: [{ lawTitle: '中华人民共和国行政许可法', article: '第十二条' }], affectsMarket: false, ...over,
});
async function create(s: Session, over: Record<string, unknown> = {}) {
  const r = await s.post('/api/v1/cases', { type: 'normative_document', input: draftInput(over) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; number: string };
}
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  s.post(`/api/v1/cases/${id}/actions`, { action, input }, headers);
async function ok(s: Session, id: string, action: string, input: Record<string, unknown> = {}) {
  const r = await act(s, id, action, input);
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  return r.json();
}
const dataOf = async (id: string) => (await env.ctx.db.selectFrom('cases').select(['data', 'state']).where('id', '=', id).executeTakeFirstOrThrow());
const checklist = CHECKLISTS['规范性文件'].items.map((item) => ({ item, answer: '符合' }));

/** Review the draft's linked legality_review: accept, wait 7 days, conclude. */
async function review(id: string, conclusion = '合法', extra: Record<string, unknown> = {}) {
  const { data } = await dataOf(id);
  const rid = (data as { reviewCaseId: string }).reviewCaseId;
  await ok(reviewer, rid, 'accept');
  await advance(10); // at least 5 working days whatever the weekday
  await ok(reviewer, rid, 'conclude', { conclusion, checklist, opinionNo: `示司审〔2026〕${Math.floor(Math.random() * 900) + 100}号`, opinion: '经审核，制定主体适格，程序合法。', ...extra });
  return rid;
}
const deliberation = (over: Record<string, unknown> = {}) => ({ body: '部门领导班子会议', meetingOn: today(), session: '第5次会议', minutes: '会议审议通过该文件。', ...over });
/** A non-market draft taken to 已集体审议. */
async function deliberated(over: Record<string, unknown> = {}) {
  const c = await create(handler, over);
  await ok(handler, c.id, 'submit_review');
  await review(c.id);
  await ok(handler, c.id, 'deliberate', deliberation());
  return c.id;
}
async function publishedDoc(over: Record<string, unknown> = {}) {
  const id = await deliberated(over);
  await ok(reviewer, id, 'register');
  await ok(handler, id, 'issue', { docNo: `示市监规〔2026〕${Math.floor(Math.random() * 900) + 100}号`, effectiveOn: today() });
  await ok(handler, id, 'publish', { interpretation: '政策解读。' });
  return id;
}

describe('规范性文件: the demo county', () => {
  it('reports 6 documents registered in the year (规范性文件制定数), with a drill-down to the registry rows; metrics are registered', async () => {
    const leader = await env.login('leader');
    const m = (await leader.get('/api/v1/metrics/normative.made?from=2025-06-16&to=2026-06-15')).json();
    expect(m.value).toBe(6);
    for (const key of ['normative.comments', 'normative.adoption_rate', 'normative.filing_on_time_rate', 'normative.corrections', 'normative.cleanup']) {
      expect((await leader.get(`/api/v1/metrics/${key}?from=2025-06-16&to=2026-06-15`)).statusCode, key).toBe(200);
    }
    expect((await leader.get('/api/v1/metrics/normative.corrections?from=2025-06-16&to=2026-06-15')).json().value).toBe(1);
    const lib = (await env.app.inject({ method: 'GET', url: '/api/v1/public/normative/docs' })).json();
    expect(lib.total).toBeGreaterThanOrEqual(6);
  });
});

describe('规范性文件: failures first', () => {
  it('400: the 制定机关 must be on the county 制定主体清单; 公文种类 and 管理事项类别 from the county lists; market drafts need 公平竞争审查', async () => {
    const villages = await env.ctx.db.selectFrom('orgs').select('id').where('kind', '=', 'village').limit(1).executeTakeFirstOrThrow();
    const r = await handler.post('/api/v1/cases', { type: 'normative_document', input: draftInput({ issuerOrgId: villages.id, docKind: '小说', category: '星际', affectsMarket: true }) });
    expect(r.statusCode).toBe(400);
    expect(paths(r)).toEqual(['body.input.category', 'body.input.docKind', 'body.input.fairCompetition', 'body.input.issuerOrgId']);
    expect(r.json().errors.find((e: { path: string }) => e.path === 'body.input.issuerOrgId').message).toContain('制定主体清单');
    const none = await handler.post('/api/v1/cases', { type: 'normative_document', input: { ...draftInput(), bases: [] } });
    expect(paths(none)).toEqual(['body.input.bases']);
  });

  it('400: a market draft is open for comment at least 30 days (Art. 62) unless a reason is stated; 409 before it ends', async () => {
    const c = await create(handler, { affectsMarket: true, fairCompetition: { conclusion: '不具有排除、限制竞争效果', reviewedOn: today() } });
    const early = await act(handler, c.id, 'submit_review');
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('第六十二条');
    const short = await act(handler, c.id, 'open_comment', { startOn: today(), endOn: plus(today(), 29) });
    expect(short.statusCode).toBe(400);
    expect(paths(short)).toEqual(['body.input.endOn']);
    expect(short.json().errors[0].message).toContain(plus(today(), 30));
    const noNote = await act(handler, c.id, 'open_comment', { startOn: today(), endOn: plus(today(), 10), shortReason: '执行上级机关的紧急命令和决定' });
    expect(paths(noNote)).toEqual(['body.input.shortNote']);
    const past = await act(handler, c.id, 'open_comment', { startOn: plus(today(), -1), endOn: plus(today(), 40) });
    expect(paths(past)).toEqual(['body.input.startOn']);
    await ok(handler, c.id, 'open_comment', { startOn: today(), endOn: plus(today(), 30) });
    const closeEarly = await act(handler, c.id, 'close_comment', { adoption: '采纳了全部合理意见并作了说明。' });
    expect(closeEarly.statusCode).toBe(409);
    expect(closeEarly.json().detail).toContain('期限届满前');
    await advance(30);
    const closeOnLastDay = await act(handler, c.id, 'close_comment', { adoption: '采纳了全部合理意见并作了说明。' });
    expect(closeOnLastDay.statusCode).toBe(409);
    expect(closeOnLastDay.json().detail).toContain('期限届满前');
  });

  it('409: no 集体审议 before the review concludes, nor after 不合法; 400: 修改后合法 needs the changes recorded (115号)', async () => {
    const c = await create(handler);
    await ok(handler, c.id, 'submit_review');
    const { data } = await dataOf(c.id);
    const rid = (data as { reviewCaseId: string }).reviewCaseId;
    const review0 = await env.ctx.db.selectFrom('cases').select(['data', 'type']).where('id', '=', rid).executeTakeFirstOrThrow();
    expect(review0.type).toBe('legality_review');
    expect((review0.data as { sourceCaseId: string }).sourceCaseId).toBe(c.id);
    const before = await act(handler, c.id, 'deliberate', deliberation());
    expect(before.statusCode).toBe(409);
    expect(before.json().detail).toContain('未经合法性审核或者经审核不合法的，不得提交集体审议');
    await review(c.id, '不合法', { checklist: checklist.map((x, i) => (i === 2 ? { ...x, answer: '不符合', note: '违法设定义务' } : x)) });
    const bad = await act(handler, c.id, 'deliberate', deliberation());
    expect(bad.statusCode).toBe(409);
    expect(bad.json().detail).toContain('不合法');
    await ok(handler, c.id, 'resubmit_review', { note: '删除了第八条。' });
    await review(c.id, '修改后合法', { changes: '删除第八条第二款。' });
    const noChanges = await act(handler, c.id, 'deliberate', deliberation());
    expect(noChanges.statusCode).toBe(400);
    expect(paths(noChanges)).toEqual(['body.input.changesMade']);
    const told = await env.ctx.db.selectFrom('notifications').select(['title', 'body']).where('caseId', '=', c.id).execute();
    expect(told.map((n) => n.body).join()).toContain('修改后合法');
    const okd = await ok(handler, c.id, 'deliberate', deliberation({ changesMade: '已按审核意见删除第八条第二款。' }));
    expect(okd.state).toBe('deliberated');
  });

  it('409: no 公布 before 统一登记; 400: validity beyond the county 有效期 (试行 ≤ 2 years)', async () => {
    const id = await deliberated({ trial: '试行' });
    const r = await act(handler, id, 'publish');
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('未经统一登记');
    const notHandler = await act(handler, id, 'register');
    expect(notHandler.statusCode).toBe(403);
    await ok(reviewer, id, 'register');
    const long = await act(handler, id, 'issue', { docNo: '示市监规〔2026〕7号', effectiveOn: '2026-07-01', validUntil: '2028-07-01' });
    expect(long.statusCode).toBe(400);
    expect(paths(long)).toEqual(['body.input.validUntil']);
    expect(long.json().errors[0].message).toContain('2028-06-30');
    const issued = await ok(handler, id, 'issue', { docNo: '示市监规〔2026〕7号', effectiveOn: '2026-07-01' });
    expect(issued.state).toBe('issued');
    expect((await dataOf(id)).data).toMatchObject({ validUntil: '2028-06-30' });
  });

  it('终止制定 while in review withdraws the review', async () => {
    const c = await create(handler);
    await ok(handler, c.id, 'submit_review');
    const rid = ((await dataOf(c.id)).data as { reviewCaseId: string }).reviewCaseId;
    await ok(handler, c.id, 'abandon', { reason: '上级已出台统一规定' });
    expect((await env.ctx.db.selectFrom('cases').select('state').where('id', '=', rid).executeTakeFirstOrThrow()).state).toBe('withdrawn');
  });

  it('an unpublished or not-in-force document cannot be cited (Art. 64): assertCitableInTrx, and as a 依据 of another draft', async () => {
    const id = await deliberated();
    await expect(assertCitableInTrx(env.ctx.db, id)).rejects.toThrow('尚未统一公布');
    const r = await handler.post('/api/v1/cases', { type: 'normative_document', input: draftInput({ bases: [{ lawTitle: '某规范性文件', normativeId: id }] }) });
    expect(r.statusCode).toBe(400);
    expect(paths(r)).toEqual(['body.input.bases.0.normativeId']);
  });

  it('备案: a department document is filed within the county window (3 WD from 公布, unsourced default); 纠错 has its own clock and outcome', async () => {
    const id = await publishedDoc();
    const early = await act(reviewer, id, 'filing_accept', { opinion: '予以备案。' });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('尚未报送备案');
    const v = (await handler.get(`/api/v1/cases/${id}`)).json();
    const filing = v.clocks.find((k: { key: string }) => k.key === 'filing');
    expect(filing).toMatchObject({ totalLength: 3, unit: 'workdays' });
    // offered on the case page only when there is something to act on (CaseType.offered): 报送备案 yes, 记录纠错结果 not yet
    const offered = async (s: Session) => ((await s.get(`/api/v1/cases/${id}`)).json().abilities.actions as { name: string }[]).map((a) => a.name);
    expect(await offered(handler)).toContain('file');
    expect(await offered(handler)).not.toContain('correction_outcome');
    expect(await offered(reviewer)).not.toContain('filing_accept');
    await advance(7); // Monday + 7 days = past 3 WD
    const late = (await handler.get(`/api/v1/cases/${id}`)).json().clocks.find((k: { key: string }) => k.key === 'filing');
    expect(late.level).toBe('red');
    await ok(handler, id, 'file', { materials: '备案报告、正式文本、起草说明' });
    expect(await offered(handler)).not.toContain('file');
    const again = await act(handler, id, 'file', { materials: '再次报送' });
    expect(again.statusCode).toBe(409);
    await ok(reviewer, id, 'filing_correct', { noticeNo: '示司纠〔2026〕1号', problems: '第三条设定的义务缺乏上位法依据，应予修改。' });
    const k = (await handler.get(`/api/v1/cases/${id}`)).json().clocks.find((x: { key: string }) => x.key === 'correction');
    expect(k).toMatchObject({ totalLength: 30, status: 'running' });
    const twice = await act(reviewer, id, 'filing_accept', { opinion: '予以备案。' });
    expect(twice.statusCode).toBe(409);
    const doc = await reviewer.post(`/api/v1/cases/${id}/documents`, { kind: 'normative.correction' });
    expect(doc.statusCode, doc.body).toBe(201);
    expect(doc.json().number).toBe('示司纠〔2026〕1号');
    const text = docxText((await reviewer.get(`/api/v1/documents/${doc.json().id}/file`)).rawPayload);
    for (const s of ['备案审查纠错通知书', '第三条设定的义务缺乏上位法依据', '示范县市场监督管理局']) expect(text, s).toContain(s);
    await ok(handler, id, 'correction_outcome', { outcome: '制定机关自行纠正', note: '已修改第三条。' });
    expect((await dataOf(id)).data).toMatchObject({ filing: { status: '已纠错（制定机关自行纠正）' } });
  });

  it('a county government document is filed upward: its window is the 30-day rule', async () => {
    const gov = await env.ctx.db.selectFrom('orgs').select('id').where('kind', '=', 'government').where('regionCode', '=', '990101').executeTakeFirstOrThrow();
    const id = await publishedDoc({ issuerOrgId: gov.id });
    const filing = (await handler.get(`/api/v1/cases/${id}`)).json().clocks.find((k: { key: string }) => k.key === 'filing');
    expect(filing).toMatchObject({ totalLength: 30, unit: 'days' });
  });
});

describe('规范性文件: a whole life', () => {
  it('draft → comment on the portal (masked) → review → 审议 → 登记 → 印发 → 公布 → library; replay; 修改; jobs', async () => {
    const c = await create(township, { title: '城关镇集贸市场摊位管理办法', issuerOrgId: cgz, category: '市场监管', affectsMarket: true,
      fairCompetition: { conclusion: '不具有排除、限制竞争效果', reviewedOn: today() } });
    await ok(township, c.id, 'open_comment', { startOn: today(), endOn: plus(today(), 30) });
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/public/normative/consultations' });
    expect(list.json().some((x: { id: string; open: boolean }) => x.id === c.id && x.open)).toBe(true);
    const bad = await env.app.inject({ method: 'POST', url: `/api/v1/public/normative/consultations/${c.id}/comments`, payload: { body: '好', phone: '123' } });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['body.body', 'body.phone']);
    const post = await env.app.inject({ method: 'POST', url: `/api/v1/public/normative/consultations/${c.id}/comments`,
      payload: { body: '建议摊位费公示，我是张三丰，电话13912345678。', name: '张三丰', phone: '13912345678' } });
    expect(post.statusCode, post.body).toBe(201);
    const page = (await env.app.inject({ method: 'GET', url: `/api/v1/public/normative/consultations/${c.id}` })).json();
    expect(page.comments[0].name).toBe('张**');
    expect(page.comments[0].body).not.toContain('13912345678');
    expect(page.comments[0].body).not.toContain('张三丰');
    const stored = await env.ctx.db.selectFrom('consultationComments').selectAll().where('caseId', '=', c.id).executeTakeFirstOrThrow();
    expect(stored.nameEnc).not.toContain('张三丰');
    expect(stored.phoneEnc).not.toContain('13912345678');
    const staff = (await township.get(`/api/v1/consultations/cases/${c.id}/comments`)).json();
    expect(staff.items[0]).toMatchObject({ name: '张**', phone: '139****5678', status: 'shown', answer: null });
    await advance(31);
    const unanswered = await act(township, c.id, 'close_comment', { adoption: '采纳了摊位费公示的意见，已写入第六条。' });
    expect(unanswered.statusCode).toBe(409);
    expect(unanswered.json().detail).toContain('1 条公众意见未答复');
    const answer = await township.post(`/api/v1/consultations/comments/${staff.items[0].id}/answer`, { answer: '采纳', reason: '已写入第六条：摊位费按月公示。' });
    expect(answer.statusCode, answer.body).toBe(200);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/public/normative/consultations/${c.id}` })).json().comments[0].answer).toBeNull();
    await ok(township, c.id, 'close_comment', { adoption: '采纳了摊位费公示的意见，已写入第六条。' });
    const closedPage = (await env.app.inject({ method: 'GET', url: `/api/v1/public/normative/consultations/${c.id}` })).json();
    expect(closedPage.adoption).toContain('第六条');
    expect(closedPage.comments[0]).toMatchObject({ answer: '采纳', answerReason: '已写入第六条：摊位费按月公示。' });
    const stats = (await env.ctx.db.selectFrom('cases').select('data').where('id', '=', c.id).executeTakeFirstOrThrow()).data as { comment: object };
    expect(stats.comment).toMatchObject({ received: 1, adopted: 1 });
    const closed = await env.app.inject({ method: 'POST', url: `/api/v1/public/normative/consultations/${c.id}/comments`, payload: { body: '还有一条意见。' } });
    expect(closed.statusCode).toBe(409);

    await ok(township, c.id, 'submit_review');
    await review(c.id);
    await ok(township, c.id, 'deliberate', deliberation({ body: '乡镇党委政府联席会议' }));
    const reg = await act(reviewer, c.id, 'register', {}, { 'idempotency-key': 'reg-once-1' });
    expect(reg.statusCode, reg.body).toBe(200);
    const replay = await act(reviewer, c.id, 'register', {}, { 'idempotency-key': 'reg-once-1' });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const { data } = await dataOf(c.id);
    const regNo = (data as { regNo: string }).regNo;
    expect(regNo).toMatch(/^SXGS—2026—\d+$/);
    expect(await env.ctx.db.selectFrom('caseEvents').select('seq').where('caseId', '=', c.id).where('action', '=', 'register').execute()).toHaveLength(1);
    const form = await reviewer.post(`/api/v1/cases/${c.id}/documents`, { kind: 'normative.registration' });
    expect(form.statusCode, form.body).toBe(201);
    expect(form.json().number).toBe(regNo);
    const formText = docxText((await reviewer.get(`/api/v1/documents/${form.json().id}/file`)).rawPayload);
    for (const s of ['行政规范性文件统一登记表', '城关镇集贸市场摊位管理办法', '经合法性审核（HF-2026-', '结论：合法', '乡镇党委政府联席会议']) expect(formText, s).toContain(s);
    await ok(township, c.id, 'issue', { docNo: '示城关规〔2026〕1号', effectiveOn: plus(today(), 10) });
    await ok(township, c.id, 'publish', { interpretation: '本办法明确了摊位分配和收费公示。' });
    const early = await act(township, c.id, 'take_effect');
    expect(early.statusCode).toBe(409);
    await expect(assertCitableInTrx(env.ctx.db, c.id)).rejects.toThrow('已公布');

    const found = (await env.app.inject({ method: 'GET', url: `/api/v1/public/normative/docs?q=${encodeURIComponent('摊位')}` })).json();
    const hit = found.items.find((i: { id: string }) => i.id === c.id);
    expect(hit).toMatchObject({ regNo, docNo: '示城关规〔2026〕1号', statusLabel: '已公布尚未施行' });
    const doc = (await env.app.inject({ method: 'GET', url: `/api/v1/public/normative/docs/${hit.rootId}` })).json();
    expect(doc).toMatchObject({ versionNo: 1, interpretation: '本办法明确了摊位分配和收费公示。', adoption: expect.stringContaining('第六条') });
    expect(doc.commentDraft).toContain('第一条');
    const catalogue = await env.ctx.db.selectFrom('disclosureItems').select(['category', 'docNo']).where('sourceModule', '=', 'normative').where('sourceRef', '=', c.id).executeTakeFirstOrThrow();
    expect(catalogue).toEqual({ category: 'art20_1_normative', docNo: '示城关规〔2026〕1号' });

    await advance(10);
    expect(await runJob(env.ctx, normativeJobs[0], env.clock.now())).toMatchObject({ tookEffect: expect.any(Number) });
    expect((await dataOf(c.id)).state).toBe('in_force');
    await assertCitableInTrx(env.ctx.db, c.id);
    const inForce = (await env.app.inject({ method: 'GET', url: `/api/v1/public/normative/docs?status=in_force&q=${encodeURIComponent('集贸')}` })).json();
    expect(inForce.items.map((i: { id: string }) => i.id)).toContain(c.id);

    // 修改: a new version, published, makes the old one 已修改; the stable address shows both
    const v2 = await create(township, { title: '城关镇集贸市场摊位管理办法', issuerOrgId: cgz, amendsId: c.id, bases: [{ lawTitle: '城关镇集贸市场摊位管理办法', normativeId: c.id }] });
    await ok(township, v2.id, 'submit_review');
    await review(v2.id);
    await ok(township, v2.id, 'deliberate', deliberation({ body: '乡镇党委政府联席会议' }));
    await ok(reviewer, v2.id, 'register');
    await ok(township, v2.id, 'issue', { docNo: '示城关规〔2026〕2号', effectiveOn: today() });
    await ok(township, v2.id, 'publish');
    expect((await dataOf(c.id)).state).toBe('amended');
    const both = (await env.app.inject({ method: 'GET', url: `/api/v1/public/normative/docs/${hit.rootId}` })).json();
    expect(both.versionNo).toBe(2);
    expect(both.versions.map((x: { statusLabel: string }) => x.statusLabel)).toEqual(['已修改', '现行有效']);
    const first = (await env.app.inject({ method: 'GET', url: `/api/v1/public/normative/docs/${hit.rootId}/versions/1` })).json();
    expect(first).toMatchObject({ id: c.id, statusLabel: '已修改' });

    // the registry (登记簿) with filters and its XLSX export
    const registry = (await reviewer.get('/api/v1/normative/registry?year=2026')).json();
    expect(registry.items.some((r: { id: string }) => r.id === c.id)).toBe(true);
    const xlsx = await reviewer.get('/api/v1/normative/registry?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('a 依据 from the 法律法规目录: once issued, the document is flagged for 清理 when the cited law is repealed later — not before 印发', async () => {
    const admin = await env.login('admin');
    const law = (await admin.get(`/api/v1/laws?q=${encodeURIComponent('行政许可法')}`)).json().items[0] as { id: string; title: string };
    expect(law).toBeTruthy();
    const draft = await create(handler, { title: '示范县依据测试管理办法', bases: [{ lawId: law.id, lawTitle: law.title, article: '第十二条' }] });
    const flagsOf = async () => ((await (await env.login('admin')).get(`/api/v1/laws/flags?lawId=${law.id}&state=open`)).json() as { items?: { caseId: string }[] } | { caseId: string }[]);
    const ids = async () => { const f = await flagsOf(); return (Array.isArray(f) ? f : f.items ?? []).map((x) => x.caseId); };
    const cited = (await env.ownerSql(`select effective_on from law_citations where case_id = $1`, [draft.id])).rows;
    expect(cited).toEqual([{ effective_on: null }]); // a draft: cited, not in force
    const id = await publishedDoc({ title: '示范县依据测试管理办法（送审稿）', bases: [{ lawId: law.id, lawTitle: law.title, article: '第十二条' }] });
    expect((await env.ownerSql(`select effective_on::text as on from law_citations where case_id = $1`, [id])).rows[0].on).toBe(today());
    await advance(3);
    const again = await env.login('admin'); // the clock moved past the session's idle limit
    const r = await again.post(`/api/v1/laws/${law.id}/repeal`, { on: today() });
    expect(r.statusCode, r.body).toBe(200);
    const flagged = await ids();
    expect(flagged).toContain(id);
    expect(flagged).not.toContain(draft.id);
    // the 登记簿 shows it, and the drafting org is told in its notices
    const reg = (await (await env.login('admin')).get(`/api/v1/normative/registry?limit=500`)).json() as { items: { id: string; basisChanged: string | null }[] };
    expect(reg.items.find((x) => x.id === id)?.basisChanged).toBe('法律依据已废止');
    await loginAll();
    const notes = (await handler.get('/api/v1/notifications?unread=true')).json() as { caseId: string; title: string }[];
    expect(notes.some((n) => n.caseId === id && n.title.startsWith('依据变化待清理'))).toBe(true);
  });

  it('the public library: two-character words, filters; 404 for an unpublished document', async () => {
    const r = (await env.app.inject({ method: 'GET', url: `/api/v1/public/normative/docs?q=${encodeURIComponent('登记')}` })).json();
    expect(r.tokens).toEqual(['登记']);
    expect(r.items.length).toBeGreaterThan(0);
    const bad = await env.app.inject({ method: 'GET', url: '/api/v1/public/normative/docs?status=draft&year=abc' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['query.status', 'query.year']);
    const id = await deliberated();
    const nf = await env.app.inject({ method: 'GET', url: `/api/v1/public/normative/docs/${id}` });
    expect(nf.statusCode).toBe(404);
  });

  it('清理: a campaign lists the documents in force; a decision per document, 废止 applied to the document; 403 / 400 / 409 first', async () => {
    const id = await publishedDoc();
    expect((await dataOf(id)).state).toBe('in_force'); // 施行日期 reached on publication
    const denied = await handler.post('/api/v1/normative/campaigns', { title: '2026年度规范性文件清理', kind: 'annual', basis: '国办发〔2018〕37号' });
    expect(denied.statusCode).toBe(403);
    const bad = await reviewer.post('/api/v1/normative/campaigns', { title: '清理', kind: 'weekly' });
    expect(paths(bad)).toEqual(['body.basis', 'body.kind', 'body.title']);
    const k = await reviewer.post('/api/v1/normative/campaigns', { title: '2026年度规范性文件清理', kind: 'annual', basis: '国办发〔2018〕37号（定期清理）' });
    expect(k.statusCode, k.body).toBe(201);
    const view = (await reviewer.get(`/api/v1/normative/campaigns/${k.json().id}`)).json();
    expect(view.items.map((i: { caseId: string }) => i.caseId)).toContain(id);
    const draft = await create(handler);
    const outside = await reviewer.post(`/api/v1/normative/campaigns/${k.json().id}/decisions`, { caseId: draft.id, decision: '废止', reason: '不在清理范围' });
    expect(paths(outside)).toEqual(['body.caseId']);
    const d = await reviewer.post(`/api/v1/normative/campaigns/${k.json().id}/decisions`, { caseId: id, decision: '废止', reason: '上位法已修改，文件不再适用。' });
    expect(d.statusCode, d.body).toBe(200);
    expect((await dataOf(id)).state).toBe('repealed');
    const twice = await reviewer.post(`/api/v1/normative/campaigns/${k.json().id}/decisions`, { caseId: id, decision: '继续有效', reason: '再次决定' });
    expect(twice.statusCode).toBe(409);
    const lib = (await env.app.inject({ method: 'GET', url: '/api/v1/public/normative/docs?status=repealed' })).json();
    expect(lib.items.map((i: { id: string }) => i.id)).toContain(id);
    const leader = await env.login('leader');
    const m = (await leader.get('/api/v1/metrics/normative.cleanup?from=2026-01-01&to=2026-12-31&groupBy=decision')).json();
    expect(m.value).toBeGreaterThanOrEqual(1);
    const drill = (await leader.get('/api/v1/metrics/normative.cleanup/drilldown?from=2026-01-01&to=2026-12-31')).json();
    expect(JSON.stringify(drill)).toContain(id);
  });

  it('有效期: one reminder within the county window (rerun: none more), and 已失效 after 有效期至 (the job)', async () => {
    const id = await publishedDoc({ trial: '暂行' });
    const { data } = await dataOf(id);
    const until = (data as { validUntil: string }).validUntil;
    expect(until).toBe(validUntilOf(today(), 2)); // 暂行: the county's 2 years
    const reminders = async () => (await env.ctx.db.selectFrom('notifications').select('id').where('caseId', '=', id)
      .where('title', '=', '规范性文件有效期即将届满').execute()).length;
    const days = (Date.parse(until) - Date.parse(today())) / DAY;
    env.clock.advance((days - 30) * DAY);
    await runJob(env.ctx, normativeJobs[0], env.clock.now());
    expect(await reminders()).toBe(1);
    await runJob(env.ctx, normativeJobs[0], env.clock.now());
    expect(await reminders()).toBe(1);
    env.clock.advance(31 * DAY);
    await runJob(env.ctx, normativeJobs[0], env.clock.now());
    expect((await dataOf(id)).state).toBe('expired');
    await expect(assertCitableInTrx(env.ctx.db, id)).rejects.toThrow('已失效');
    await loginAll();
  });
});
