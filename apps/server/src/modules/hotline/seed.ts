import { addDays, legalDateOf, beijingTime, addHours } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import { designateDemo, type DemoCounty } from '../../demo/seed.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { sm3 } from '../../platform/crypto/sm.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import type { Actor } from '../../platform/authz.ts';
import { TICKET } from './ticket.ts';
import { initialsOf } from './routes.ts';

/** The demo county's Open311 api_key (README). Only its SM3 hash is stored. */
export const DEMO_OPEN311_KEY = 'yifa-demo-open311-990101';

type Fact = { code: string; label: string; datatype: 'string' | 'number' | 'text' | 'singlevaluelist'; required: boolean; values?: { key: string; name: string }[] };
/** 派单目录 of 示范县: [code, name, parent, org code, limit rule, keywords, facts]. */
export const DEMO_CATALOG: [string, string, string | null, string | null, string | null, string, Fact[]][] = [
  ['01', '市场监管', null, null, null, '', []],
  ['01.01', '食品安全', '01', 'scjgj', 'hotline.citizen', '食品,过期,变质,餐馆,卫生', [{ code: 'shop', label: '商户名称', datatype: 'string', required: true }]],
  ['01.02', '价格欺诈', '01', 'scjgj', 'hotline.citizen', '价格,乱收费,标价', []],
  ['01.03', '消费维权', '01', 'scjgj', 'hotline.citizen', '退款,退货,假货', [{ code: 'amount', label: '涉及金额（元）', datatype: 'number', required: false }]],
  ['02', '城乡建设', null, null, null, '', []],
  ['02.01', '道路破损', '02', 'jtysj', 'hotline.citizen', '道路,坑洼,路面,井盖', [{ code: 'road', label: '道路名称', datatype: 'string', required: true }]],
  ['02.02', '物业管理', '02', 'zjj', 'hotline.citizen', '物业,小区,电梯,停车', [{ code: 'estate', label: '小区名称', datatype: 'string', required: true }]],
  ['02.03', '违法建设', '02', 'zjj', 'hotline.citizen.complex', '违建,私搭乱建,加层', []],
  ['03', '生态环境', null, null, null, '', []],
  ['03.01', '噪声扰民', '03', 'sthjj', 'hotline.citizen', '噪音,噪声,施工,夜间', [{ code: 'source', label: '噪声来源', datatype: 'singlevaluelist', required: true, values: [{ key: 'construction', name: '建筑施工' }, { key: 'business', name: '商业经营' }, { key: 'traffic', name: '交通' }, { key: 'other', name: '其他' }] }]],
  ['03.02', '污水排放', '03', 'sthjj', 'hotline.citizen.complex', '污水,排污,河道,异味', []],
  ['04', '劳动保障', null, null, null, '', []],
  ['04.01', '拖欠工资', '04', 'rsj', 'hotline.citizen', '欠薪,工资,农民工', [{ code: 'employer', label: '用人单位', datatype: 'string', required: true }]],
  ['04.02', '社保咨询', '04', 'rsj', 'hotline.citizen', '社保,养老,医保,缴费', []],
  ['05', '教育', null, null, null, '', []],
  ['05.01', '入学咨询', '05', 'jyj', 'hotline.citizen', '入学,学区,转学', []],
  ['06', '乡镇事务', null, null, null, '', []],
  ['06.01', '农村人居环境', '06', 'cgz', 'hotline.citizen', '垃圾,环境,村道,路灯', []],
  ['07', '公共安全', null, null, null, '', []],
  ['07.01', '道路交通安全隐患', '07', 'gaj', 'hotline.citizen.sameday', '交通,信号灯,隐患', []],
];

const KB: [string | null, string, string, string, string][] = [
  ['04.02', '城乡居民养老保险每年什么时候缴费？', '示范县城乡居民基本养老保险按年度缴费，一般每年1月至12月均可缴纳，可通过"税务"APP、银行网点或村（社区）代办员办理。缴费档次自选，多缴多得。', '《国务院关于建立统一的城乡居民基本养老保险制度的意见》国发〔2014〕8号', '养老,缴费,城乡居民'],
  ['05.01', '小学一年级入学需要准备哪些材料？', '适龄儿童入学须提供户口簿、房产证明或租赁备案证明、预防接种证查验证明。具体时间以县教育局每年6月发布的招生公告为准。', '《中华人民共和国义务教育法》第十二条', '入学,材料,一年级'],
  ['01.03', '网购商品质量有问题怎么维权？', '可先与商家协商；协商不成的，可向平台投诉，或通过全国12315平台向经营者所在地市场监管部门投诉。七日无理由退货的商品，自收到商品之日起七日内可退货。', '《中华人民共和国消费者权益保护法》第二十五条、第三十九条', '网购,退货,维权,12315'],
  ['04.01', '被拖欠工资应该向哪里反映？', '可向县人力资源和社会保障局劳动保障监察大队投诉，也可申请劳动争议仲裁；农民工工资拖欠可拨打12345，由热线转人社部门限时办理。', '《保障农民工工资支付条例》第五十条', '欠薪,拖欠,工资,仲裁'],
  [null, '12345热线受理哪些事项？', '12345热线受理企业和群众的咨询、求助、投诉、举报和建议（非紧急类）。紧急事项请拨打110、119、120、122；已进入诉讼、仲裁、行政复议等法定途径的，请按法定途径办理。', '国办发〔2020〕53号；国办函〔2025〕66号', '受理范围,热线'],
];

/** Demo 派单目录, 知识库, an Open311 key and a few dozen tickets in every state. */
export async function seedHotline(ctx: Ctx, demo: DemoCounty): Promise<void> {
  await designateDemo(ctx, demo, 'hotline_centre', 'zwfwj');
  const now = ctx.clock.now();
  const region = demo.region;
  const ids: Record<string, string> = {};
  await ctx.db.transaction().execute(async (trx) => {
    for (const [i, [code, name, parent, org, rule, keywords, facts]] of DEMO_CATALOG.entries()) {
      const r = await trx.insertInto('hotlineCatalog').values({
        regionCode: region, code, parentId: parent ? ids[parent] : null, name, initials: initialsOf(name), keywords, description: name,
        orgId: org ? demo.orgs[org] : null, limitRule: rule, facts: JSON.stringify(facts), sortOrder: i, updatedAt: now,
      }).returning('id').executeTakeFirstOrThrow();
      ids[code] = r.id;
    }
    for (const [cat, question, answer, basis, keywords] of KB) {
      const k = await trx.insertInto('hotlineKb').values({ regionCode: region, orgId: demo.orgs.zwfwj, categoryCode: cat, currentVersion: 1, updatedAt: now }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('hotlineKbVersions').values({ kbId: k.id, version: 1, question, answer, basis, keywords, editedBy: demo.users.admin, editedAt: now }).execute();
    }
    await trx.insertInto('apiTokens').values({ name: '演示 Open311 客户端', tokenHash: sm3(DEMO_OPEN311_KEY), prefix: DEMO_OPEN311_KEY.slice(0, 9), userId: demo.users.admin, scopes: ['open311'] }).execute();
  });

  const today = legalDateOf(now);
  const at = (daysAgo: number, hour = 10) => beijingTime(addDays(today, -daysAgo), hour);
  const clock = new ManualClock(at(0));
  const c2: Ctx = { ...ctx, clock };
  const dispatcher = (await userActor(ctx.db, demo.users.dispatcher, null))!;
  const handler = (await userActor(ctx.db, demo.users.handler, null))!;
  const township = (await userActor(ctx.db, demo.users.township, null))!;
  const T = demo.orgs;
  // [category, type, township, description, days ago, steps (action, days ago, actor, input)]
  type Step = [string, number, Actor, Record<string, unknown>];
  const full = (ago: number, org: string, who: Actor, sat: string, resolved = true): Step[] => [
    ['dispatch', ago, dispatcher, { leadOrgId: org }], ['sign', ago - 0.2, who, {}],
    ['reply', ago - 2, who, { result: resolved ? '已解决' : '未能解决', content: '经核实已现场处理，并电话告知诉求人处理结果。', contactMethod: '电话' }],
    ['feedback', ago - 2, who, { summary: '已答复诉求人并反馈办理情况。' }],
    ['callback', ago - 3, dispatcher, { reached: true, satisfaction: sat, resolved }],
    ...(sat === '不满意' ? [] : [['close', ago - 3, dispatcher, {}] as Step]),
  ];
  const tickets: [string, string, string | null, string, number, Record<string, unknown>, Step[]][] = [
    ['01.01', '投诉', 'cgz', '城关镇东街一家快餐店后厨卫生很差，吃完后肚子疼，请市场监管部门检查。', 40, { shop: '老味道快餐' }, full(40, T.scjgj, handler, '满意')],
    ['01.02', '投诉', 'cgz', '城关镇农贸市场猪肉摊标价与实际收费不一致，多收钱。', 35, {}, full(35, T.scjgj, handler, '基本满意')],
    ['01.03', '投诉', 'fmjd', '在凤鸣街道商场买的电饭煲质量有问题，商家拒绝退货。', 30, { amount: 399 }, full(30, T.scjgj, handler, '不满意', false)],
    ['06.01', '求助', 'cgz', '城关镇河坝村村道路灯坏了一个多月，晚上出行不安全。', 25, {}, full(25, T.cgz, township, '满意')],
    ['06.01', '建议', 'cgz', '建议城关镇城西社区增设垃圾分类投放点，现在垃圾乱堆。', 20, {}, full(20, T.cgz, township, '满意')],
    ['01.01', '举报', 'dgz', '举报东关镇一家小作坊生产无标签食品，卫生条件差。', 12, { shop: '东关镇无名作坊' }, [['dispatch', 12, dispatcher, { leadOrgId: T.scjgj }], ['sign', 11.8, handler, {}]]],
    ['01.02', '投诉', 'xhx', '西河乡加油站油价高于公示价格。', 8, {}, [['dispatch', 8, dispatcher, { leadOrgId: T.scjgj }], ['sign', 7.9, handler, {}], ['request_extension', 5, handler, { days: 3, reason: '需调取加油站三个月销售记录，涉及上级公司配合。' }]]],
    ['01.01', '投诉', 'nsz', '南山镇一家饭店使用过期食材，多次反映未处理。', 2, { shop: '南山饭店' }, [['dispatch', 2, dispatcher, { leadOrgId: T.scjgj }]]],
    ['06.01', '求助', 'bbx', '北坝乡桃园村道路上有倒伏树木挡路，请尽快清理。', 1, {}, [['dispatch', 1, dispatcher, { leadOrgId: T.scjgj }], ['return', 0.9, handler, { reasonCode: '不属于本单位职责', note: '村道清障属乡镇职责，建议派北坝乡。', suggestedOrgId: T.bbx }]]],
    ['04.02', '咨询', null, '咨询城乡居民养老保险每年什么时候缴费。', 3, {}, [['instant_answer', 3, dispatcher, { answer: '城乡居民养老保险一般每年1月至12月均可缴纳，可通过税务APP或银行网点办理。' }]]],
    ['01.03', '投诉', 'cgz', '城关镇一家手机店卖翻新机冒充新机，要求退款。', 1, {}, []],
    ['04.01', '求助', 'dgz', '东关镇某工地拖欠十几名农民工三个月工资。', 0, { employer: '某建筑劳务公司' }, []],
  ];
  for (const [cat, type, twn, description, ago, attributes, steps] of tickets) {
    clock.set(at(ago, 9));
    const id = await ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, TICKET, {
      channel: ago % 2 === 0 ? 'phone' : 'web', ticketType: type, categoryCode: cat, description, townshipId: twn ? T[twn] : undefined, attributes,
      anonymous: false, confidential: type === '举报', parties: { name: '张三', phone: `1390000${String(1000 + ago).slice(-4)}` },
    }, dispatcher, null));
    for (const [action, daysAgo, actor, input] of steps) {
      clock.set(addHours(at(0, 10), -Math.round(daysAgo * 24)));
      await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: id, action, input, actor }));
    }
  }
  // A letter to the county leaders (书记县长信箱), answered and rated.
  clock.set(at(15, 20));
  const letter = await ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, TICKET, {
    channel: 'mailbox', ticketType: '建议', categoryCode: '05.01', title: '关于城区学位紧张的建议', description: '城区小学学位紧张，建议在凤鸣街道新建一所小学，缓解入学难。', townshipId: T.fmjd,
    anonymous: false, parties: { name: '李四', phone: '13800001234' },
  }, dispatcher, null));
  clock.set(at(14, 10));
  await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: letter, action: 'dispatch', input: { leadOrgId: T.jyj }, actor: dispatcher }));
}
