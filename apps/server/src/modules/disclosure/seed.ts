import { addDays, legalDateOf, beijingTime } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoCounty } from '../../demo/seed.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import { publishInTrx } from '../../platform/publication/publication.ts';

/** A small 示范县 catalogue, a guide, and requests in several states (modest: it runs in every test template). */
export async function seedDisclosure(ctx: Ctx, demo: DemoCounty): Promise<void> {
  const today = legalDateOf(ctx.clock.now());
  const at = (daysAgo: number, hour = 10) => beijingTime(addDays(today, -daysAgo), hour);
  const clock = new ManualClock(at(0));
  const c2: Ctx = { ...ctx, clock };
  const handler = (await userActor(ctx.db, demo.users.handler, null))!;
  const sys = { userId: null, name: '系统（演示数据）' };
  const items: [string, string, string, number, number][] = [
    ['art20_1_normative', '示范县食品小作坊登记管理办法', '示市监规〔2026〕1号', 40, 30],
    ['art20_1_normative', '示范县城区户外广告设置管理规定', '示市监规〔2026〕2号', 30, 5],
    ['art20_5_license', '食品经营许可决定公示（2026年第5期）', '', 20, 3],
    ['art20_6_penalty', '行政处罚决定书（示市监罚〔2026〕12号）', '示市监罚〔2026〕12号', 25, 2],
    ['art20_2', '示范县市场监督管理局机构职能', '', 60, 1],
    ['art20_14', '2026年第二季度食品安全监督抽检信息', '', 15, 10],
  ];
  for (const [category, title, docNo, formedAgo, publishedAgo] of items) {
    clock.set(at(publishedAgo, 16));
    await ctx.db.transaction().execute((trx) => publishInTrx(c2, trx, {
      regionCode: demo.region, orgId: demo.orgs.scjgj, sourceModule: 'demo', sourceRef: title, category, title,
      summary: `${title}。依据《政府信息公开条例》主动公开。`, docNo: docNo || null, formedOn: addDays(today, -formedAgo), actor: sys,
    }));
  }
  await ctx.db.insertInto('disclosureGuides').values({
    orgId: demo.orgs.scjgj, regionCode: demo.region, updatedAt: ctx.clock.now(),
    content: JSON.stringify({ classification: '按《政府信息公开条例》第二十条所列事项和本机关职能分类编排', access: '主动公开信息通过政府网站、政务新媒体、公开查阅点获取；依申请公开可网上、当面、邮寄、传真提交', office: '示范县市场监督管理局办公室', address: '示范县城关镇人民路8号', hours: '工作日 9:00—12:00，14:30—17:30', phone: '0000-1234567', fax: '0000-1234568', web: '/disclosure/apply' }),
  }).execute();
  const reqs: { desc: string; kind: string; steps: [number, string, Record<string, unknown>][] }[] = [
    { desc: '2025年度本县食品生产许可发放情况统计表', kind: 'natural', steps: [[20, 'answer', { answerType: 'disclose', content: '现将统计表随本告知书提供。', docNo: '示市监公开〔2026〕5号' }], [18, 'serve', { method: '电子送达' }]] },
    { desc: '某超市2026年3月行政处罚决定书', kind: 'business', steps: [[25, 'consult', { consultee: 'third_party', name: '示范县某超市有限公司', matter: '是否同意公开处罚决定书中的经营信息' }], [15, 'consult_done', { opinion: '不同意公开', note: '涉及商业秘密' }], [10, 'answer', { answerType: 'partial', content: '隐去商业秘密部分后提供。', docNo: '示市监公开〔2026〕6号' }]] },
    { desc: '关于我家门口市场噪音的情况', kind: 'natural', steps: [[3, 'request_correction', { items: '请说明所需政府信息的名称或文号', guidance: '政府信息是行政机关制作或获取的信息，请具体描述' }]] },
    { desc: '城区农贸市场2026年抽检报告', kind: 'research', steps: [] },
  ];
  for (const r of reqs) {
    const first = r.steps.length ? r.steps[0][0] + 2 : 1;
    clock.set(at(first, 9));
    const id = await ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, 'disclosure_request', {
      orgId: demo.orgs.scjgj, channel: 'in_person', applicantKind: r.kind,
      parties: { applicant: { name: r.kind === 'natural' ? '张三' : '示范县某研究院', idNo: r.kind === 'natural' ? '110101199001011234' : '12990101MB0000009X', phone: '13800000000' } },
      description: r.desc, format: '电子', via: '电子邮件',
    }, handler, null));
    for (const [daysAgo, action, input] of r.steps) {
      clock.set(at(daysAgo, 15));
      await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: id, action, input, actor: handler }));
    }
  }
}
