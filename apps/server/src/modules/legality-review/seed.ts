import { addDays, legalDateOf, beijingTime } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoCounty } from '../../demo/seed.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import { CHECKLISTS, type ReviewKind } from './workflow.ts';
import { seedIncidental } from './incidental.ts';

/** Every item of the kind's checklist answered; the first `bad` items 不符合 with a note. */
const answered = (kind: ReviewKind, bad = 0) => CHECKLISTS[kind].items.map((item, i) => (
  i < bad ? { item, answer: '不符合', note: '缺乏上位法依据，应予删除或修改。' } : { item, answer: '符合' }));

/** Demo reviews in every state: fresh, running, paused, overdue, concluded on time and late. */
export async function seedLegalityReview(ctx: Ctx, demo: DemoCounty): Promise<void> {
  const today = legalDateOf(ctx.clock.now());
  const at = (daysAgo: number, hour = 10) => beijingTime(addDays(today, -daysAgo), hour);
  const clock = new ManualClock(at(0));
  const c2: Ctx = { ...ctx, clock };
  const handler = (await userActor(ctx.db, demo.users.handler, null))!;
  const reviewer = (await userActor(ctx.db, demo.users.reviewer, null))!;
  const township = (await userActor(ctx.db, demo.users.township, null))!;
  const docs: { title: string; kind?: ReviewKind; by: typeof handler; org: string; steps: [number, string, Record<string, unknown>][] }[] = [
    { title: '示范县食品小作坊登记管理办法（送审稿）', by: handler, org: demo.orgs.scjgj, steps: [[40, 'accept', {}], [30, 'conclude', { conclusion: '修改后合法',
      checklist: answered('规范性文件', 1), changes: '删除第八条。', opinionNo: '示司审〔2026〕11号', opinion: '第八条设定的备案事项缺乏上位法依据，应予删除；其余内容合法。' }]] },
    { title: '示范县城区户外广告设置管理规定（送审稿）', by: handler, org: demo.orgs.scjgj, steps: [[60, 'accept', {}], [52, 'request_materials',
      { items: '公平竞争审查表、征求意见采纳情况说明' }], [45, 'materials_received', {}], [20, 'conclude', { conclusion: '合法', checklist: answered('规范性文件'),
      opinionNo: '示司审〔2026〕12号', opinion: '经审核，制定主体适格，程序合法，内容未违法设定行政许可、行政处罚等事项。' }]] },
    { title: '示范县城区停车设施建设三年行动方案（重大行政决策草案）', kind: '重大行政决策', by: handler, org: demo.orgs.scjgj, 
      steps: [[50, 'accept', {}]] }, // the 法律顾问's opinion and the conclusion: advisors/seed.ts (Art. 28)
    { title: '示范县政府与某公司城区公交特许经营协议', kind: '行政协议及合同', by: handler, org: demo.orgs.scjgj, steps: [[26, 'accept', {}], [15, 'conclude', {
      conclusion: '不合法', checklist: answered('行政协议及合同', 3), opinionNo: '示司审〔2026〕14号', opinion: '协议约定的排他性经营条款违反公平竞争审查规定，签约程序未经招标，不合法。' }]] },
    { title: '关于县城区国有土地上房屋征收补偿方案的法律意见', kind: '其他涉法事务', by: handler, org: demo.orgs.scjgj, steps: [[6, 'accept', {}]] },
    { title: '城关镇农村人居环境整治奖补办法', by: township, org: demo.orgs.cgz, steps: [[30, 'accept', {}]] },
    { title: '示范县市场主体住所登记管理办法', by: handler, org: demo.orgs.scjgj, steps: [[12, 'accept', {}]] },
    { title: '示范县个体工商户分型分类精准帮扶实施意见', by: handler, org: demo.orgs.scjgj, steps: [[8, 'accept', {}], [5, 'request_materials', { items: '起草说明、法律依据对照表' }]] },
    { title: '示范县集贸市场管理暂行办法', by: handler, org: demo.orgs.scjgj, steps: [] },
    { title: '城关镇农贸市场摊位管理规定', by: township, org: demo.orgs.cgz, steps: [[2, 'return', { reason: '不属于行政规范性文件', note: '属于内部管理制度，不涉及公民、法人和其他组织权利义务。' }]] },
  ];
  for (const d of docs) {
    const first = d.steps.length ? d.steps[0][0] + 1 : 1;
    clock.set(at(first, 9));
    const id = await ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, 'legality_review', {
      title: d.title, kind: d.kind ?? '规范性文件', draftingOrgId: d.org,
        docKind: d.kind ? undefined : d.title.includes('意见') ? '意见' : d.title.includes('规定') ? '规定' : '办法',
      summary: `${d.title}，共若干条，规定了适用范围、职责分工、管理措施和法律责任。`, affectsMarket: d.org === demo.orgs.scjgj,
    }, d.by, null));
    for (const [daysAgo, action, input] of d.steps) {
      clock.set(at(daysAgo, 15));
      await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: id, action, input, actor: reviewer }));
    }
  }
  await seedIncidental(ctx, demo);
}
