import { addDays, legalDateOf, beijingTime, addHours } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import { designateDemo, type DemoCounty } from '../../demo/seed.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import { applyScenarioInTrx } from './routes.ts';
import { servicesOfRegion } from '../powers/catalogue.ts';
import { deemedAcceptanceJob } from './acceptance.ts';

type Step = [daysAgo: number, action: string, input: Record<string, unknown>];

/** Demo 办件 in every state: 即办件, 补正 rounds, 特别程序, extension, denial, delivery, 联合办理, deemed acceptance; one 情景式 application. */
export async function seedApprovals(ctx: Ctx, demo: DemoCounty): Promise<void> {
  await designateDemo(ctx, demo, 'service_centre', 'zwfwj');
  const today = legalDateOf(ctx.clock.now());
  const at = (daysAgo: number, hour = 10) => beijingTime(addDays(today, -daysAgo), hour);
  const clock = new ManualClock(at(0));
  const c2: Ctx = { ...ctx, clock };
  const clerk = (await userActor(ctx.db, demo.users.dispatcher, null))!;
  // 受理 at the window, decisions by the 审批 post, extensions by the head of the 行政审批局 (Art. 42 ¶1), joint ones by the county (¶2).
  const approver = (await userActor(ctx.db, demo.users.approver, null))!;
  const bureau = (await userActor(ctx.db, demo.users.bureau, null))!;
  const leader = (await userActor(ctx.db, demo.users.leader, null))!;
  const who = (code: string, action: string) => (action === 'extend' ? (svc.get(code)?.jointMode ? leader : bureau)
    : ['approve', 'deny', 'forward'].includes(action) ? approver : clerk);
  const svc = new Map((await servicesOfRegion(ctx.db, demo.region)).map((s) => [s.code, s]));
  const all = (code: string) => svc.get(code)!.materials.map((m) => m.name);
  // 情景式服务 "我要开餐饮店": 营业执照 + 食品经营许可 + 户外招牌, one set of materials.
  const bundle = ['FW-008', 'FW-001', 'FW-007'].map((c) => svc.get(c)).filter((s) => s !== undefined);
  const mats = new Map<string, { name: string; required: boolean }>();
  for (const s of bundle) for (const m of s.materials) mats.set(m.name, m);
  await ctx.db.insertInto('approvalsScenarios').values({
    regionCode: demo.region, orgId: demo.orgs.zwfwj, name: '我要开餐饮店', description: '营业执照、食品经营许可、户外招牌设置"一件事一次办"：一张表单、一套材料，三个事项并联办理。',
    serviceIds: JSON.stringify(bundle.map((s) => s.id)), materials: JSON.stringify([...mats.values()]), updatedAt: ctx.clock.now(),
  }).execute();
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴刚', '徐丽', '孙浩', '马超', '朱琳', '胡军'];
  const plans: { code: string; days: number; channel: 'window' | 'online'; org?: string; partial?: boolean; steps: Step[] }[] = [];
  const approve = (n: number): Step => [n, 'approve', { licenceNo: `示许〔${today.slice(0, 4)}〕${100 + plans.length}号` }];
  const deliver = (n: number, method = '窗口领取'): Step => [n, 'deliver', { method }];
  // Finished on time.
  for (const [i, code] of ['FW-001', 'FW-002', 'FW-004', 'FW-005', 'FW-009', 'FW-010', 'FW-003', 'FW-001', 'FW-002', 'FW-007'].entries()) {
    const d = 80 - i * 6;
    plans.push({ code, days: d, channel: i % 3 === 0 ? 'online' : 'window', steps: [[d, 'accept', {}], approve(d - 3), deliver(d - 4, i % 2 ? '邮寄送达' : '窗口领取')] });
  }
  // 即办件 (市场主体设立登记): accepted and decided the same day.
  for (let i = 0; i < 6; i++) plans.push({ code: 'FW-008', days: 60 - i * 9, channel: i % 2 ? 'online' : 'window', steps: [[60 - i * 9, 'accept', {}], approve(60 - i * 9), deliver(60 - i * 9, '电子证照')] });
  // A 补正 round, then 准予.
  plans.push({ code: 'FW-001', days: 40, channel: 'window', partial: true, steps: [[40, 'notify_correction', { items: ['经营场所平面图', '食品安全管理制度'] }], [36, 'materials_submitted', { channel: 'window', materials: ['经营场所平面图', '食品安全管理制度'] }], [36, 'accept', {}], approve(30), deliver(29)] });
  // Special procedure (专家评审) pauses the clocks; an extension by the 负责人.
  plans.push({ code: 'FW-003', days: 50, channel: 'window', steps: [[50, 'accept', {}], [46, 'suspend', { procedure: '专家评审', expectedDays: 10 }], [34, 'resume', { result: '专家评审通过' }], [30, 'extend', { days: 5, reason: '施工图审查意见需补充核实' }], approve(25), deliver(24)] });
  // Late against the promise (but within the statutory limit).
  plans.push({ code: 'FW-002', days: 35, channel: 'window', steps: [[35, 'accept', {}], approve(25), deliver(24)] });
  // Denied, refused, withdrawn.
  plans.push({ code: 'FW-004', days: 28, channel: 'window', steps: [[28, 'accept', {}], [22, 'deny', { reasons: '申请人拟投入运输的车辆未取得道路运输证，不符合《道路运输条例》第二十四条规定的条件。', remedyNotified: true }]] });
  plans.push({ code: 'FW-005', days: 20, channel: 'online', steps: [[20, 'refuse', { reason: '申请事项依法不属于本行政机关职权范围', note: '劳务派遣经营许可由市级人社部门实施，已告知向其申请。' }]] });
  plans.push({ code: 'FW-009', days: 18, channel: 'window', steps: [[18, 'accept', {}], [17, 'withdraw', { reason: '申请人设备暂缓投入使用' }]] });
  // Open work: received, correcting, reviewing, suspended, awaiting delivery.
  plans.push({ code: 'FW-001', days: 3, channel: 'online', steps: [] });
  plans.push({ code: 'FW-002', days: 4, channel: 'window', partial: true, steps: [[3, 'notify_correction', { items: ['场所平面图'] }]] });
  plans.push({ code: 'FW-003', days: 8, channel: 'window', steps: [[8, 'accept', {}]] });
  plans.push({ code: 'FW-004', days: 9, channel: 'window', steps: [[9, 'accept', {}], [5, 'site_inspection', { findings: '现场核查停车场地与申请材料一致。' }]] });
  plans.push({ code: 'FW-010', days: 6, channel: 'window', steps: [[6, 'accept', {}], [2, 'suspend', { procedure: '检测', expectedDays: 5 }]] });
  plans.push({ code: 'FW-007', days: 5, channel: 'online', steps: [[5, 'accept', {}], approve(2)] });
  // 联合办理 (Art. 42 ¶2: 45 WD): 住建、人防、消防 inspect the site together.
  plans.push({ code: 'FW-012', days: 12, channel: 'window', steps: [[12, 'accept', {}], [4, 'site_inspection', { findings: '住建、人防、消防联合踏勘现场，与申请材料一致。' }]] });
  // A period another law gives in natural days (民办教育促进法: 30 日), and an item the 市生态环境局 decides after this county's review (Art. 43).
  plans.push({ code: 'FW-013', days: 15, channel: 'window', steps: [[15, 'accept', {}]] });
  plans.push({ code: 'FW-014', days: 45, channel: 'window', steps: [[45, 'accept', {}], [33, 'forward', { superiorOrg: '示范市生态环境局', opinion: '经初步审查，申请材料齐全，自行监测方案符合技术规范，建议准予许可。', documentNo: '示环审〔2026〕7号' }],
    [20, 'superior_approve', { licenceNo: '91990101MB0000021X001P', decisionNo: '示市环许〔2026〕15号' }], deliver(19, '邮寄送达')] });
  // Left without 受理 or 补正 notice past the 5 WD: the job records it as accepted from the day of receipt (Art. 32).
  plans.push({ code: 'FW-009', days: 12, channel: 'online', steps: [] });

  for (const [i, p] of plans.entries()) {
    clock.set(at(p.days, 9));
    const materials = p.partial ? all(p.code).slice(0, 2) : all(p.code);
    const id = await ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, 'approval', {
      serviceId: svc.get(p.code)!.id, channel: p.channel, applicantKind: 'person', applicantName: names[i % names.length],
      applicantPhone: `139${String(10000000 + i * 7919).slice(0, 8)}`, materials,
    }, clerk, null));
    let last = clock.now();
    for (const [daysAgo, action, input] of p.steps) {
      // the day's 11:00, but at least half an hour after the step before
      const next = at(daysAgo, 11);
      last = next > addHours(last, 0.5) ? next : addHours(last, 0.5);
      clock.set(last);
      await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: id, action, input, actor: who(p.code, action) }));
    }
  }
  clock.set(at(0, 8));
  await deemedAcceptanceJob.run(c2, clock.now());
  // One 情景式 application (我要开餐饮店) at the window, still in parallel handling.
  const sc = await ctx.db.selectFrom('approvalsScenarios').select(['id', 'materials']).where('regionCode', '=', demo.region).executeTakeFirst();
  if (sc) {
    clock.set(at(2, 9));
    await ctx.db.transaction().execute((trx) => applyScenarioInTrx(c2, trx, clerk, sc.id, {
      channel: 'window', applicantKind: 'person', applicantName: '郑小川', applicantPhone: '13900001111', materials: sc.materials.map((m) => m.name), form: { 店名: '川味小馆', 经营面积: '80平方米' },
    }, null));
  }
}
