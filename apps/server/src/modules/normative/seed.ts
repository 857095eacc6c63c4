import { addDays, legalDateOf, beijingTime } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoCounty } from '../../demo/seed.ts';
import type { Actor } from '../../platform/authz.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { CHECKLISTS } from '../legality-review/workflow.ts';
import { NORMATIVE_DEFAULTS } from './settings.ts';
import { NORMATIVE_TYPE } from './workflow.ts';
import { decideInCampaign, startCampaign } from './cleanup.ts';

/** How far a demo document goes in its life. */
type Stage = 'drafting' | 'commenting' | 'reviewing' | 'registered' | 'published' | 'in_force' | 'filed' | 'corrected' | 'repealed';

/**
 * 示范县's 规范性文件 over the last year: the county's lists (制定主体清单 …) set a year and a half ago; six documents
 * registered in the year (the county's report: 6 under 三统一) — in force, filed and reviewed, one with a 纠错 notice, one
 * repealed — and drafts open for comment, in review and in drafting, so that the registry, the portal and the metrics
 * show something.
 */
export async function seedNormative(ctx: Ctx, demo: DemoCounty): Promise<void> {
  const today = legalDateOf(ctx.clock.now());
  const at = (daysAgo: number, hour = 10) => beijingTime(addDays(today, -daysAgo), hour);
  const o = demo.orgs;
  const issuers = [o.gov, o.xzfb, o.scjgj, o.sfj, o.xzspj, o.cgz].filter(Boolean);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('moduleSettings').values({
      regionCode: demo.region, module: 'normative', version: 1, values: JSON.stringify({ ...NORMATIVE_DEFAULTS, issuers }), setBy: null,
      setByName: '系统（演示数据）', setAt: at(540), reason: '公布本县规范性文件制定主体清单、公文种类和管理事项类别（演示数据）',
    }).execute();
    await appendAuditInTrx(trx, { id: null, name: '系统（演示数据）' }, { action: 'settings.save', targetType: 'settings', targetId: 'normative', detail: { after: { issuers }, version: 1 } }, at(540), demo.region);
  });
  const clock = new ManualClock(at(0));
  const c2: Ctx = { ...ctx, clock };
  const handler = (await userActor(ctx.db, demo.users.handler, null))!;
  const reviewer = (await userActor(ctx.db, demo.users.reviewer, null))!;
  const township = (await userActor(ctx.db, demo.users.township, null))!;
  const act = async (daysAgo: number, id: string, action: string, input: Record<string, unknown>, actor: Actor) => {
    clock.set(at(daysAgo, 15));
    await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: id, action, input, actor }));
  };
  const docs: { title: string; org: string; by: Actor; kind: string; category: string; market: boolean; start: number; stage: Stage; comments?: string[] }[] = [
    { title: '示范县食品小作坊登记管理办法', org: o.scjgj, by: handler, kind: '办法', category: '市场监管', market: true, start: 330, stage: 'filed',
      comments: ['建议明确小作坊登记证有效期届满前的延续办理时限。', '希望对现有小作坊给予一定的过渡期。'] },
    { title: '示范县城区户外广告设置管理规定', org: o.scjgj, by: handler, kind: '规定', category: '城乡建设', market: true, start: 300, stage: 'corrected',
      comments: ['第十条对广告牌尺寸的限制过严，建议区分主次干道。'] },
    { title: '示范县行政执法公示办法', org: o.gov, by: handler, kind: '办法', category: '其他', market: false, start: 260, stage: 'filed' },
    { title: '城关镇农村人居环境整治奖补办法', org: o.cgz, by: township, kind: '办法', category: '农业农村', market: false, start: 230, stage: 'in_force' },
    { title: '示范县个体工商户分型分类精准帮扶实施意见', org: o.scjgj, by: handler, kind: '意见', category: '市场监管', market: true, start: 200, stage: 'repealed' },
    { title: '示范县市场主体住所（经营场所）登记管理暂行办法', org: o.scjgj, by: handler, kind: '办法', category: '市场监管', market: true, start: 160, stage: 'published',
      comments: ['建议允许"一址多照"。'] },
    { title: '示范县集贸市场管理办法（征求意见稿）', org: o.scjgj, by: handler, kind: '办法', category: '市场监管', market: true, start: 8, stage: 'commenting',
      comments: ['摊位费标准应当公示，联系电话13800138000。'] },
    { title: '城关镇农贸市场摊位管理规定', org: o.cgz, by: township, kind: '规定', category: '市场监管', market: false, start: 40, stage: 'reviewing' },
    { title: '示范县政府信息公开工作规范', org: o.xzfb, by: handler, kind: '通知', category: '其他', market: false, start: 3, stage: 'drafting' },
  ];
  let no = 0;
  for (const d of docs) {
    const by = d.by;
    clock.set(at(d.start, 9));
    const id = await ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, NORMATIVE_TYPE, {
      title: d.title, issuerOrgId: d.org, docKind: d.kind, category: d.category, affectsMarket: d.market, ...(d.title.includes('暂行') ? { trial: '暂行' } : {}),
      draft: `第一条 为规范${d.category}管理，根据有关法律、法规，结合本县实际，制定本${d.kind}。\n第二条 本县行政区域内的相关活动适用本${d.kind}。\n第三条 本${d.kind}自公布之日起施行。`,
      explanation: `${d.title}的起草背景、依据、主要内容和征求意见情况说明。`,
      bases: [{ lawTitle: '中华人民共和国行政许可法', article: '第十二条' }, { lawTitle: '优化营商环境条例', article: '第六十四条' }],
      ...(d.market ? { fairCompetition: { conclusion: '不具有排除、限制竞争效果', reviewedOn: addDays(today, -d.start) } } : {}),
    }, by, null));
    if (d.stage === 'drafting') continue;
    let t = d.start - 1;
    if (d.market || d.comments) {
      const start = addDays(today, -t);
      await act(t, id, 'open_comment', { startOn: start, endOn: addDays(start, 30) }, by);
      for (const body of d.comments ?? []) {
        clock.set(at(t - 2, 11));
        const answered = d.stage !== 'commenting';
        await ctx.db.insertInto('consultationComments').values({ caseId: id, regionCode: demo.region, body, bodyPublic: body.replace(/1\d{10}/g, '138****8000'),
          createdAt: at(t - 2, 11),
          ...(answered ? { answer: '采纳', answerReason: '已在草案中作相应修改。', answeredBy: by.userId, answeredAt: at(t - 30, 10) } : {}) }).execute();
      }
      if (d.stage === 'commenting') continue;
      t -= 31;
      await act(t, id, 'close_comment', { adoption: '共收到意见若干条，经研究，采纳了关于过渡期和办理时限的意见，逐条答复见下。' }, by);
    }
    t -= 1;
    await act(t, id, 'submit_review', { note: '报请合法性审核' }, by);
    if (d.stage === 'reviewing') continue;
    const review = (await ctx.db.selectFrom('cases').select(['data']).where('id', '=', id).executeTakeFirstOrThrow()).data as { reviewCaseId: string };
    await act(t - 1, review.reviewCaseId, 'accept', {}, reviewer);
    no++;
    await act(t - 16, review.reviewCaseId, 'conclude', {
      conclusion: '合法', checklist: CHECKLISTS['规范性文件'].items.map((item) => ({ item, answer: '符合' })), opinionNo: `示司规审〔${today.slice(0, 4)}〕${no}号`,
      opinion: '经审核，制定主体适格，未超越法定职权，内容合法，制定程序符合规定。',
    }, reviewer);
    t -= 18;
    await act(t, id, 'deliberate', { body: d.org === o.cgz ? '乡镇党委政府联席会议' : '部门领导班子会议', meetingOn: addDays(today, -t), session: `第${no + 3}次会议`,
      minutes: '会议审议了草案，同意按程序印发施行。' }, by);
    await act(t - 1, id, 'register', {}, reviewer);
    await act(t - 2, id, 'issue', { docNo: `示${d.org === o.cgz ? '城关' : d.org === o.gov ? '政' : '市监'}规〔${addDays(today, -(t - 2)).slice(0, 4)}〕${no}号`,
      effectiveOn: d.stage === 'published' ? addDays(today, 20) : addDays(today, -(t - 3)) }, by);
    await act(t - 3, id, 'publish', { interpretation: `《${d.title}》政策解读：本文件明确了适用范围、办理程序和监督措施。` }, by);
    if (d.stage === 'registered' || d.stage === 'published') {
      continue;
    }
    if (d.stage === 'in_force') continue;
    await act(t - 4, id, 'file', { filingNo: `示${d.org === o.gov ? '政' : '市监'}备〔${today.slice(0, 4)}〕${no}号`, materials: '备案报告、正式文本、起草说明、合法性审核意见书' }, by);
    if (d.stage === 'corrected') {
      await act(t - 12, id, 'filing_correct', { noticeNo: `示司纠〔${today.slice(0, 4)}〕1号`, problems: '第十条设定的广告牌尺寸限制缺乏上位法依据，应予修改。' }, reviewer);
      await act(t - 30, id, 'correction_outcome', { outcome: '制定机关自行纠正', note: '制定机关已修改第十条并重新公布。' }, by);
      continue;
    }
    await act(t - 10, id, 'filing_accept', { opinion: '经审查，予以备案。' }, reviewer);
    if (d.stage === 'repealed') await act(20, id, 'repeal', { repealedOn: addDays(today, -20), reason: '上位政策调整，本意见已不适应工作需要。' }, by);
  }
  // an ad-hoc 清理 a month ago: two documents continue in force, the others wait for their decision
  clock.set(at(30, 9));
  const k = await startCampaign(c2, reviewer, { title: '优化营商环境涉及的规范性文件专项清理', kind: 'adhoc', basis: '《优化营商环境条例》第六十四条；国办发〔2018〕37号（定期清理）' });
  const listed = await ctx.db.selectFrom('normativeCampaignItems').select('caseId').where('campaignId', '=', k.id).limit(2).execute();
  clock.set(at(25, 15));
  for (const i of listed) await decideInCampaign(c2, reviewer, k.id, { caseId: i.caseId, decision: '继续有效', reason: '符合上位法和现行政策，继续有效。' });
}
