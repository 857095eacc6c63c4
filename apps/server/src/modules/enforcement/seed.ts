import { addDays, legalDateOf, beijingTime } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoCounty } from '../../demo/seed.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import { itemIdsByCode } from '../powers/store.ts';
import { publishSubjectsInTrx } from './subjects.ts';

/** Demo 执法人员 of the 市场监督管理局 (one expired, one 暂扣) and 行政处罚 cases at several steps (one published, one revoked and withdrawn). */
export async function seedEnforcement(ctx: Ctx, demo: DemoCounty): Promise<void> {
  const today = legalDateOf(ctx.clock.now());
  const region = ctx.config.defaultRegion;
  const officers: [string, string, string, string, '有效' | '暂扣'][] = [
    ['SCJG-2024-0001', '刘执法', addDays(today, -700), addDays(today, 1100), '有效'],
    ['SCJG-2024-0002', '张监管', addDays(today, -700), addDays(today, 1100), '有效'],
    ['SCJG-2024-0003', '黄检查', addDays(today, -400), addDays(today, 1400), '有效'],
    ['SCJG-2020-0004', '何过期', addDays(today, -2000), addDays(today, -20), '有效'],
    ['SCJG-2023-0005', '马暂扣', addDays(today, -900), addDays(today, 900), '暂扣'],
  ];
  await ctx.db.insertInto('enforcementOfficers').values(officers.map(([certNo, name, issuedOn, expiresOn, status]) => ({
    regionCode: region, orgId: demo.orgs.scjgj, certNo, name, fields: ['市场监管'], category: '市场监管综合执法', issuedOn, expiresOn, status,
    trainingHours: 60, updatedAt: ctx.clock.now(),
  }))).onConflict((oc) => oc.doNothing()).execute();

  // a 大学习大练兵 session: training and exam for the valid officers
  const ids = await ctx.db.selectFrom('enforcementOfficers').select(['id', 'certNo']).where('regionCode', '=', region)
    .where('certNo', 'in', ['SCJG-2024-0001', 'SCJG-2024-0002', 'SCJG-2024-0003']).execute();
  const hasTraining = await ctx.db.selectFrom('enforcementTrainings').select('id').where('regionCode', '=', region).executeTakeFirst();
  if (!hasTraining && ids.length) {
    const t = await ctx.db.insertInto('enforcementTrainings').values({ regionCode: region, orgId: demo.orgs.scjgj, title: '市场监管执法人员大学习大练兵培训考试',
      kind: '培训考试', heldOn: addDays(today, -45), hours: 16, updatedAt: ctx.clock.now() }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('enforcementTrainingAttendees').values(ids.map((o, i) => ({ trainingId: t.id, officerId: o.id, score: 95 - i * 6 }))).execute();
  }
  const itemIds = await itemIdsByCode(ctx.db, region, ['CF-001', 'CF-002']);
  const power = itemIds.has('CF-001') ? { id: itemIds.get('CF-001')! } : null;
  if (!power) return;
  const items = [...itemIds].map(([code, id]) => ({ id, code }));
  const ranges: [string, '轻微' | '一般' | '较重' | '严重', string, number, number][] = [
    ['CF-001', '轻微', '首次违法、货值金额不足一万元且及时改正', 0, 5000], ['CF-001', '一般', '货值金额一万元以上不足五万元', 50000, 100000],
    ['CF-001', '较重', '货值金额五万元以上，或两年内再次违法', 100000, 300000], ['CF-002', '一般', '未取得许可从事食品经营，货值金额不足一万元', 50000, 70000],
  ];
  await ctx.db.insertInto('enforcementDiscretion').values(ranges.flatMap(([code, circumstance, description, minFine, maxFine]) => {
    const it = items.find((i) => i.code === code);
    return it ? [{ regionCode: region, powerId: it.id, circumstance, description, minFine, maxFine,
      basis: '《示范县市场监督管理行政处罚裁量基准（2026版）》', version: '2026版', effectiveFrom: '2026-01-01', updatedAt: ctx.clock.now() }] : [];
  })).onConflict((oc) => oc.doNothing()).execute();
  // the 县长 (leader, whole county) reviews penalty decisions in the demo; he holds 法律职业资格 (Art. 58 ¶2)
  await ctx.db.insertInto('enforcementReviewers').values({ regionCode: region, orgId: demo.orgs.scjgj, userId: demo.users.leader,
    legalQualificationNo: 'A20160001234', qualifiedOn: '2016-12-01', updatedAt: ctx.clock.now() }).onConflict((oc) => oc.doNothing()).execute();
  // the 司法局 has published this year's 执法主体名单 (portal 行政执法主体)
  const sfj = await ctx.db.selectFrom('enforcementSubjectLists').select('id').where('regionCode', '=', region).executeTakeFirst();
  const supervisor = demo.users.supervisor ? await userActor(ctx.db, demo.users.supervisor, null) : null;
  if (!sfj && supervisor && demo.orgs.sfj) {
    await ctx.db.transaction().execute((trx) => publishSubjectsInTrx(ctx, trx, { region, year: Number(today.slice(0, 4)), orgId: demo.orgs.sfj!,
      actor: supervisor }));
  }
  const handler = (await userActor(ctx.db, demo.users.handler, null))!;
  const clock = new ManualClock(ctx.clock.now());
  const c2: Ctx = { ...ctx, clock };
  const at = (daysAgo: number, hour = 10) => beijingTime(addDays(today, -daysAgo), hour);
  const NOTICE = { reasons: '销售超过保质期的食品', basis: '《中华人民共和国食品安全法》第一百二十四条', hearingRight: false };
  const DECISION = { outcome: '处罚', remedies: '如不服本决定，可在收到本决定书之日起六十日内向示范县人民政府申请行政复议，或者六个月内向示范县人民法院提起行政诉讼' };
  const cases: { party: string; kind: 'person' | 'organisation'; facts: string; steps: [number, string, Record<string, unknown>][] }[] = [
    { party: '示范县城关镇好味来餐馆', kind: 'organisation', facts: '经营超过保质期的食品原料（面粉 2 袋）。', steps: [] },
    { party: '示范县鲜丰超市有限公司', kind: 'organisation', facts: '销售标签不符合食品安全标准的预包装食品 36 件。', steps: [
      [20, 'investigate', { officerCertNos: ['SCJG-2024-0001', 'SCJG-2024-0002'], record: '现场检查货架，扣押涉案食品 36 件，制作现场笔录。' }],
    ] },
    { party: '示范县惠民粮油店', kind: 'organisation', facts: '生产经营不符合食品安全标准的食用油。', steps: [
      [40, 'investigate', { officerCertNos: ['SCJG-2024-0001', 'SCJG-2024-0003'], record: '抽检不合格，调取进货台账。' }],
      [30, 'notify', { proposedPenalty: '没收违法所得，罚款 20000 元', fineAmount: 20000, reasons: '经营不符合食品安全标准的食品', basis: '《中华人民共和国食品安全法》第一百二十四条',
        hearingRight: true, art58: '直接关系当事人或者第三人重大权益，经过听证程序' }],
      [28, 'submit_review', {}],
    ] },
    { party: '示范县城关镇兴旺副食店', kind: 'organisation', facts: '销售超过保质期的饮料 24 瓶。', steps: [
      [40, 'investigate', { officerCertNos: ['SCJG-2024-0002', 'SCJG-2024-0003'], record: '现场检查，拍照取证，制作现场笔录。' }],
      [35, 'notify', { ...NOTICE, proposedPenalty: '没收超过保质期的饮料，罚款 3000 元', fineAmount: 3000, circumstance: '轻微' }],
      [25, 'decide', { ...DECISION, decisionNo: '示市监罚〔2026〕21号', fineAmount: 3000, penalty: '没收超过保质期的饮料 24 瓶，罚款 3000 元' }],
      [24, 'deliver', { method: '直接送达' }], [22, 'publish', {}], [12, 'execute', { note: '当事人已缴清罚款', paidAmount: 3000 }],
    ] },
    { party: '李某某', kind: 'person', facts: '在城关镇农贸市场销售超过保质期的食品 8 件。', steps: [
      [30, 'investigate', { officerCertNos: ['SCJG-2024-0001', 'SCJG-2024-0003'], record: '现场检查，制作询问笔录。' }],
      [28, 'notify', { ...NOTICE, proposedPenalty: '罚款 2000 元', fineAmount: 2000, circumstance: '轻微' }],
      [20, 'decide', { ...DECISION, decisionNo: '示市监罚〔2026〕27号', fineAmount: 2000, penalty: '罚款 2000 元' }],
      [18, 'publish', {}],
      [5, 'revoke', { kind: '撤销', instrument: '示政复决字〔2026〕3号', reason: '行政复议认定主要事实不清，决定撤销该处罚决定' }],
      [4, 'withdraw_publication', { explanation: '该处罚决定已被行政复议决定撤销' }],
    ] },
  ];
  for (const k of cases) {
    clock.set(at((k.steps[0]?.[0] ?? 1) + 2, 9));
    const id = await ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, 'penalty_case', {
      powerId: power.id, field: '市场监管', procedure: '普通程序', partyKind: k.kind, parties: { name: k.party }, facts: k.facts, source: '检查发现',
    }, handler, null));
    for (const [daysAgo, action, input] of k.steps) {
      clock.set(at(daysAgo, 15));
      await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: id, action, input, actor: handler }));
    }
  }
}
