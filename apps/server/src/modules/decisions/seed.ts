import { addDays, legalDateOf, beijingTime } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoCounty } from '../../demo/seed.ts';
import type { Actor } from '../../platform/authz.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import { CHECKLISTS } from '../legality-review/workflow.ts';
import { CATALOG_TYPE, DECISION_TYPE } from './workflow.ts';

/**
 * 示范县's 重大行政决策: the year's 目录 (consented by the 县委 and published four months ago, one item added later) and
 * decisions at different steps — one published and in execution with a 后评估 and an adjustment, one in 合法性审查 (after a
 * hearing), one open for public comment with a comment, one being drafted — so that the portal, the case list and the metrics
 * show something.
 */
export async function seedDecisions(ctx: Ctx, demo: DemoCounty): Promise<void> {
  const today = legalDateOf(ctx.clock.now());
  const at = (daysAgo: number, hour = 10) => beijingTime(addDays(today, -daysAgo), hour);
  const o = demo.orgs;
  const clock = new ManualClock(at(0));
  const c2: Ctx = { ...ctx, clock };
  const handler = (await userActor(ctx.db, demo.users.handler, null))!;
  const reviewer = (await userActor(ctx.db, demo.users.reviewer, null))!;
  const act = async (daysAgo: number, id: string, action: string, input: Record<string, unknown>, actor: Actor = handler) => {
    clock.set(at(daysAgo, 15));
    await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: id, action, input, actor }));
  };
  const open = async (daysAgo: number, type: string, input: Record<string, unknown>) => {
    clock.set(at(daysAgo, 9));
    return ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, type, input, handler, null));
  };
  const year = Number(addDays(today, -130).slice(0, 4));
  const consent = (daysAgo: number, ref: string) => ({ partyBody: '中共示范县委', consentedOn: addDays(today, -daysAgo), consentRef: ref });
  const item = (title: string, scope: string, standard: string) => ({ title, scope, standard, leadOrgId: o.scjgj });
  const catalog = await open(140, CATALOG_TYPE, { year, ownerOrgId: o.gov, items: [
    item('示范县城区停车设施建设三年行动方案', '重大公共建设项目', '总投资5000万元以上或者涉及城区主要道路的公共建设项目'),
    item('示范县农贸市场布局专项规划', '经济和社会发展等方面的重要规划', '涉及全县范围的专项规划'),
    item('示范县城区集贸市场摊位费收费标准调整', '重大公共政策和措施（公共服务、市场监管、社会管理、环境保护等）', '涉及1000户以上市场主体切身利益的收费政策'),
  ] });
  await act(135, catalog, 'record_consent', consent(135, `县委常委会${year}年第3次会议纪要`));
  await act(130, catalog, 'publish', {});
  await act(60, catalog, 'add_item', { item: item('示范县食品安全责任保险推行方案', '重大公共政策和措施（公共服务、市场监管、社会管理、环境保护等）', '涉及全县食品生产经营者的政策措施'),
    ...consent(62, `县委常委会${year}年第9次会议纪要`) });

  const draft = (title: string) => ({ draft: `${title}（草案）\n一、目标任务。\n二、主要措施。\n三、保障措施。`, explanation: `${title}的起草背景、依据和主要内容说明。`,
    bases: ['中华人民共和国城乡规划法', '重大行政决策程序暂行条例'] });
  const launch = (daysAgo: number, itemNo: number, title: string, over: Record<string, unknown> = {}) =>
    open(daysAgo, DECISION_TYPE, { title, catalogId: catalog, itemNo, scope: '重大公共建设项目', leadOrgId: o.scjgj, needsExpert: false, needsRisk: false, ...over });

  // 1. decided, published and in execution, with a 后评估
  const parking = await launch(125, 1, '示范县城区停车设施建设三年行动方案', { needsExpert: true, needsRisk: true });
  await act(124, parking, 'finish_draft', draft('示范县城区停车设施建设三年行动方案'));
  await act(120, parking, 'open_comment', { startOn: addDays(today, -120), endOn: addDays(today, -89) });
  for (const [d, body] of [[115, '建议在老旧小区周边优先建设立体停车库。'], [100, '希望明确停车收费标准的听证程序。']] as const) {
    await ctx.db.insertInto('consultationComments').values({ caseId: parking, regionCode: demo.region, body, bodyPublic: body,
      answer: d === 115 ? '采纳' : '部分采纳',
      answerReason: d === 115 ? '已在第二部分增加老旧小区周边停车设施建设内容。' : '收费标准另行按价格听证程序制定。', createdAt: at(d, 11) }).execute();
  }
  await act(88, parking, 'close_comment', { adoption: '共收到意见2条，采纳1条，部分采纳1条，逐条答复见下。' });
  const expert = await ctx.db.selectFrom('advisors').select('id').where('regionCode', '=', demo.region).where('kind', '=', '合法性审查专家').limit(1).executeTakeFirst();
  if (expert) await act(86, parking, 'expert_opinion', { advisorId: expert.id, declaration: '无利益冲突', opinion: '方案总体可行，建议分三期实施并预留充电设施。', signed: true });
  await act(84, parking, 'risk_assessment', { assessor: '周明', assessorOrg: '示范县社会稳定风险评估中心', riskPoints: '施工期间交通组织、周边商户经营影响',
    measures: '分段施工、提前公告、设置临时停车点', plan: '成立现场协调组，开通投诉电话', result: '风险基本可控' });
  await act(83, parking, 'submit_review', { procedureNote: '已履行公众参与、专家论证、风险评估程序。' });
  const rid = ((await ctx.db.selectFrom('cases').select('data').where('id', '=', parking).executeTakeFirstOrThrow()).data as { reviewCaseId: string }).reviewCaseId;
  await act(82, rid, 'accept', {}, reviewer);
  // Art. 28: the 公职律师 of the 司法局 gives the legal opinion the review rests on
  const lawyer = await ctx.db.selectFrom('advisors').select('id').where('regionCode', '=', demo.region).where('kind', '=', '公职律师').limit(1).executeTakeFirst();
  if (lawyer) {
    await act(80, rid, 'assign_advisor', { advisorId: lawyer.id }, reviewer);
    await act(80, rid, 'advisor_declare', { declaration: '无利益冲突' }, reviewer);
    await act(74, rid, 'advisor_sign', { opinion: '决策事项属于县政府法定权限，草案已履行公众参与、专家论证和风险评估程序，建议通过审查。' }, reviewer);
  }
  await act(70, rid, 'conclude', { conclusion: '合法', checklist: CHECKLISTS['重大行政决策'].items.map((i) => ({ item: i, answer: '符合' })),
    opinionNo: `示司审〔${year}〕21号`, opinion: '决策事项属于县政府法定权限，已履行法定程序，内容合法。' }, reviewer);
  await act(65, parking, 'decide', { meeting: '政府常务会议', session: `县政府${year}年第9次常务会议`, meetingOn: addDays(today, -65),
    attendees: ['县长', '常务副县长', '副县长甲', '副县长乙'], head: '县长', headDecision: '通过',
    views: [{ name: '常务副县长', view: '同意' }, { name: '副县长甲', view: '保留意见', remarks: '首期规模偏大，建议压缩' }, { name: '副县长乙', view: '同意' },
      { name: '县长', view: '同意', remarks: '按首期2000个泊位实施' }] });
  await act(63, parking, 'report_party', { partyBody: '中共示范县委', reportedOn: addDays(today, -63), reply: '同意印发实施。' });
  await act(60, parking, 'publish', { docNo: `示政发〔${year}〕8号`, adoptionExplanation: '采纳了老旧小区周边优先建设的意见；专家关于分期实施的意见已采纳。' });
  await act(20, parking, 'execution_report', { reportedOn: addDays(today, -20), summary: '首期已开工建设泊位800个，进展顺利。' });
  await act(10, parking, 'post_evaluate', { reason: '公民、法人或者其他组织提出较多意见', assessor: '吴教授', assessorOrg: '示范学院公共管理系',
    findings: '首期建设总体达到预期，建议优化收费时段。' });
  await act(5, parking, 'adjust', { reason: '按后评估建议，夜间停车收费时段调整为22时至次日7时。' });

  // 2. in 合法性审查
  const plan = await launch(90, 2, '示范县农贸市场布局专项规划', { scope: '经济和社会发展等方面的重要规划' });
  await act(89, plan, 'finish_draft', draft('示范县农贸市场布局专项规划'));
  await act(85, plan, 'record_participation', { method: '座谈会', heldOn: addDays(today, -85), summary: '召开市场经营户座谈会，听取布局意见。' });
  await act(84, plan, 'schedule_hearing', { hearingOn: addDays(today, -74), participants: ['市场经营户代表甲', '市场经营户代表乙', '居民代表丙', '县市场监管局代表'],
    listPublishedOn: addDays(today, -84), materialsSentOn: addDays(today, -83) });
  await act(74, plan, 'record_hearing', { minutes: '听证会按介绍、陈述、询问、质证、辩论程序进行，参加人对布局方案提出三条意见。', signed: true });
  await act(50, plan, 'open_comment', { startOn: addDays(today, -50), endOn: addDays(today, -19) });
  await act(18, plan, 'close_comment', { adoption: '征求意见期间未收到意见。' });
  await act(15, plan, 'submit_review', { procedureNote: '已履行座谈会、公开征求意见程序。' });

  // 3. open for public comment
  const fee = await launch(12, 3, '示范县城区集贸市场摊位费收费标准调整', { scope: '重大公共政策和措施（公共服务、市场监管、社会管理、环境保护等）' });
  await act(11, fee, 'finish_draft', draft('示范县城区集贸市场摊位费收费标准调整方案'));
  await act(10, fee, 'open_comment', { startOn: addDays(today, -10), endOn: addDays(today, 20) });
  await ctx.db.insertInto('consultationComments').values({ caseId: fee, regionCode: demo.region, body: '摊位费上调幅度过大，建议分年度逐步调整。',
    bodyPublic: '摊位费上调幅度过大，建议分年度逐步调整。', createdAt: at(6, 16) }).execute();

  // 4. being drafted
  await launch(3, 4, '示范县食品安全责任保险推行方案', { scope: '重大公共政策和措施（公共服务、市场监管、社会管理、环境保护等）' });
}
