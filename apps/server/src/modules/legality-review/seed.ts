import { addDays, legalDateOf, beijingTime } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoCounty } from '../../demo/seed.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';

/** Demo reviews in every state: fresh, running, paused, overdue, concluded on time and late. */
export async function seedLegalityReview(ctx: Ctx, demo: DemoCounty): Promise<void> {
  const today = legalDateOf(ctx.clock.now());
  const at = (daysAgo: number, hour = 10) => beijingTime(addDays(today, -daysAgo), hour);
  const clock = new ManualClock(at(0));
  const c2: Ctx = { ...ctx, clock };
  const handler = (await userActor(ctx.db, demo.users.handler, null))!;
  const reviewer = (await userActor(ctx.db, demo.users.reviewer, null))!;
  const township = (await userActor(ctx.db, demo.users.township, null))!;
  const docs: { title: string; by: typeof handler; org: string; steps: [number, string, Record<string, unknown>][] }[] = [
    { title: '示范县食品小作坊登记管理办法（送审稿）', by: handler, org: demo.orgs.scjgj, steps: [[40, 'accept', {}], [30, 'conclude', { conclusion: '修改后合法', opinionNo: '示司审〔2026〕11号', opinion: '第八条设定的备案事项缺乏上位法依据，应予删除；其余内容合法。' }]] },
    { title: '示范县城区户外广告设置管理规定（送审稿）', by: handler, org: demo.orgs.scjgj, steps: [[60, 'accept', {}], [52, 'request_materials', { items: '公平竞争审查表、征求意见采纳情况说明' }], [45, 'materials_received', {}], [20, 'conclude', { conclusion: '合法', opinionNo: '示司审〔2026〕12号', opinion: '经审核，制定主体适格，程序合法，内容未违法设定行政许可、行政处罚等事项。' }]] },
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
      title: d.title, draftingOrgId: d.org, docKind: d.title.includes('意见') ? '意见' : d.title.includes('规定') ? '规定' : '办法',
      summary: `${d.title}，共若干条，规定了适用范围、职责分工、管理措施和法律责任。`, affectsMarket: d.org === demo.orgs.scjgj,
    }, d.by, null));
    for (const [daysAgo, action, input] of d.steps) {
      clock.set(at(daysAgo, 15));
      await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: id, action, input, actor: reviewer }));
    }
  }
}
