import { addDays, beijingTime, legalDateOf } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoCounty } from '../../demo/seed.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { performInTrx } from '../../platform/cases/engine.ts';
import { advisorRow, type AdvisorFields } from './store.ts';
import { CHECKLISTS } from '../legality-review/workflow.ts';

const FIRMS = ['示范县正义律师事务所', '示范县明理律师事务所', '示范市公信律师事务所'];
const COUNSEL = ['王建国', '李明', '张华', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周强', '吴敏', '徐涛', '孙婷', '马超', '朱红'];

/** The seed report's 14 政府法律顾问 (9 renewed, 5 chosen by 竞争性谈判), two 公职律师 and an expert pool; one review with a signed opinion. */
export async function seedAdvisors(ctx: Ctx, demo: DemoCounty): Promise<void> {
  const today = legalDateOf(ctx.clock.now());
  const year = today.slice(0, 4);
  const now = ctx.clock.now();
  const counsel: AdvisorFields[] = COUNSEL.map((name, i) => ({
    kind: '政府法律顾问', name, unit: FIRMS[i % FIRMS.length], title: '律师', expertise: [], contractFrom: `${year}-01-01`, contractTo: `${year}-12-31`,
    procurement: i < 9 ? '择优续聘' : '竞争性谈判', status: 'active',
  }));
  const others: AdvisorFields[] = [
    { kind: '公职律师', name: '郑文', unit: '示范县司法局', title: '公职律师', expertise: ['行政法'], contractFrom: null, contractTo: null, procurement: null, status: 'active' },
    { kind: '公职律师', name: '何平', unit: '示范县人民政府办公室', title: '公职律师', expertise: ['合同法'], contractFrom: null, contractTo: null, procurement: null,
      status: 'active' },
    { kind: '合法性审查专家', name: '林清', unit: '示范学院法学系', title: '教授', expertise: ['行政法', '立法学'], contractFrom: null, contractTo: null, procurement: null,
      status: 'active' },
    { kind: '合法性审查专家', name: '高远', unit: '示范市自然资源和规划局', title: '高级工程师', expertise: ['土地征收', '城乡规划'], contractFrom: null, contractTo: null,
      procurement: null, status: 'active' },
    { kind: '合法性审查专家', name: '罗敏', unit: '示范学院经济管理系', title: '副教授', expertise: ['公平竞争审查', '财政税收'], contractFrom: null, contractTo: null,
      procurement: null, status: 'active' },
  ];
  const rows = await ctx.db.insertInto('advisors').values([...counsel, ...others].map((a) => ({ regionCode: ctx.config.defaultRegion, ...advisorRow(a, now) })))
    .returning(['id', 'name']).execute();
  // A review under way: 王建国 assigned, no conflict declared, opinion signed.
  const c = await ctx.db.selectFrom('cases').select('id').where('type', '=', 'legality_review').where('title', '=', '示范县市场主体住所登记管理办法').where('state',
    '=', 'reviewing')
    .executeTakeFirst();
  const reviewer = await userActor(ctx.db, demo.users.reviewer, null);
  if (!c || !reviewer) return;
  const clock = new ManualClock(now);
  const c2: Ctx = { ...ctx, clock };
  const steps: [number, string, Record<string, unknown>][] = [
    [10, 'assign_advisor', { advisorId: rows.find((r) => r.name === '王建国')!.id }], [10, 'advisor_declare', { declaration: '无利益冲突' }],
    [7, 'advisor_sign', { opinion: '该办法关于住所申报承诺制的规定符合《市场主体登记管理条例》，建议第六条补充虚假承诺的法律责任。' }],
  ];
  for (const [daysAgo, action, input] of steps) {
    clock.set(beijingTime(addDays(today, -daysAgo), 16));
    await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: c.id, action, input, actor: reviewer }));
  }
  // A 重大行政决策 review concluded on a 政府法律顾问's signed opinion (713号 Art. 28: no conclusion without one).
  const decision = await ctx.db.selectFrom('cases').select('id').where('type', '=', 'legality_review')
    .where('title', '=', '示范县城区停车设施建设三年行动方案（重大行政决策草案）').where('state', '=', 'reviewing').executeTakeFirst();
  if (!decision) return;
  const counselId = rows.find((r) => r.name === '李明')!.id;
  for (const [daysAgo, action, input] of [
    [45, 'assign_advisor', { advisorId: counselId }], [45, 'advisor_declare', { declaration: '无利益冲突' }],
    [40, 'advisor_sign', { opinion: '决策事项属于县政府法定权限，草案已履行公众参与、专家论证和风险评估程序，未发现违法内容。' }],
    [38, 'conclude', { conclusion: '合法', checklist: CHECKLISTS['重大行政决策'].items.map((item) => ({ item, answer: '符合' })), opinionNo: `示司审〔${year}〕13号`,
      opinion: '决策事项属于县政府法定权限，已履行公众参与、专家论证和风险评估程序，内容合法。' }],
  ] as [number, string, Record<string, unknown>][]) {
    clock.set(beijingTime(addDays(today, -daysAgo), 16));
    await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: decision.id, action, input, actor: reviewer }));
  }
}
