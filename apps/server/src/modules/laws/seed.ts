import { addDays, beijingTime, legalDateOf } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoCounty } from '../../demo/seed.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { openCaseInTrx } from '../../platform/cases/engine.ts';
import { ManualClock } from '../../platform/clock.ts';
import { lawRow, recordCitationsInTrx, type LawFields } from './store.ts';

const NPC = '全国人民代表大会';
const NPCSC = '全国人民代表大会常务委员会';
const SC = '国务院';
const law = (title: string, issuer: string, level: LawFields['level'], promulgatedOn: string, effectiveOn: string, amendedOn: string[] = [],
  more: Partial<LawFields> = {}): LawFields => ({ title, issuer, level, docNo: '', note: '', promulgatedOn, effectiveOn, amendedOn, repealedOn: null,
    ...more });

/** The catalogue of the demo county: national laws and regulations the county's documents cite, with their real dates. */
export const DEMO_LAWS: LawFields[] = [
  law('中华人民共和国立法法', NPC, '法律', '2000-03-15', '2000-07-01', ['2015-03-15', '2023-03-13']),
  law('中华人民共和国行政诉讼法', NPC, '法律', '1989-04-04', '1990-10-01', ['2014-11-01', '2017-06-27']),
  law('中华人民共和国行政处罚法', NPC, '法律', '1996-03-17', '1996-10-01', ['2009-08-27', '2017-09-01', '2021-01-22'],
    { note: '2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订，2021年7月15日起施行' }),
  law('中华人民共和国行政复议法', NPCSC, '法律', '1999-04-29', '1999-10-01', ['2009-08-27', '2017-09-01', '2023-09-01'],
    { note: '2023年9月1日修订，2024年1月1日起施行' }),
  law('中华人民共和国行政许可法', NPCSC, '法律', '2003-08-27', '2004-07-01', ['2019-04-23']),
  law('中华人民共和国行政强制法', NPCSC, '法律', '2011-06-30', '2012-01-01'),
  law('中华人民共和国合同法', NPC, '法律', '1999-03-15', '1999-10-01', [], { repealedOn: '2021-01-01', note: '《中华人民共和国民法典》施行之日起废止' }),
  law('中华人民共和国民法典', NPC, '法律', '2020-05-28', '2021-01-01'),
  law('中华人民共和国法律援助法', NPCSC, '法律', '2021-08-20', '2022-01-01'),
  law('中华人民共和国政府信息公开条例', SC, '行政法规', '2007-04-05', '2008-05-01', ['2019-04-03'],
    { docNo: '国务院令第492号', note: '2019年4月3日国务院令第711号修订，2019年5月15日起施行' }),
  law('重大行政决策程序暂行条例', SC, '行政法规', '2019-04-20', '2019-09-01', [], { docNo: '国务院令第713号' }),
  law('优化营商环境条例', SC, '行政法规', '2019-10-22', '2020-01-01', [], { docNo: '国务院令第722号' }),
  law('公平竞争审查条例', SC, '行政法规', '2024-06-06', '2024-08-01', [], { docNo: '国务院令第783号' }),
];

/** The catalogue, the bases of two reviews, and one document in force since 2019 whose basis (行政处罚法) was revised since. */
export async function seedLaws(ctx: Ctx, demo: DemoCounty): Promise<void> {
  const region = ctx.config.defaultRegion;
  const now = ctx.clock.now();
  const rows = await ctx.db.insertInto('laws').values(DEMO_LAWS.map((l) => ({ regionCode: region, ...lawRow(l, now) }))).returning(['id', 'title']).execute();
  const id = (t: string) => rows.find((r) => r.title === t)!.id;
  const review = await ctx.db.selectFrom('cases').select('id').where('type', '=', 'legality_review').where('title', '=',
    '示范县食品小作坊登记管理办法（送审稿）').executeTakeFirst();
  if (review) {
    await ctx.db.transaction().execute((trx) => recordCitationsInTrx(trx, review.id, [
      { lawId: id('中华人民共和国行政许可法'), article: '第十五条' }, { lawId: id('中华人民共和国行政处罚法'), article: '第十六条' },
    ], null, now));
  }
  const handler = await userActor(ctx.db, demo.users.handler, null);
  if (!handler) return;
  const today = legalDateOf(now);
  const c2: Ctx = { ...ctx, clock: new ManualClock(beijingTime(addDays(today, -3), 10)) };
  await ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, 'legality_review', {
    kind: '其他涉法事务', title: '《示范县行政执法公示办法》（2019年施行）清理审查', draftingOrgId: demo.orgs.scjgj,
    summary: '该办法自2019年6月1日起施行，所依据的《中华人民共和国行政处罚法》已于2021年修订，申请审查是否需要修改。',
    bases: [{ lawId: id('中华人民共和国行政处罚法'), article: '第四十八条' }, { lawId: id('中华人民共和国政府信息公开条例'), article: '第二十条' }],
    effectiveOn: '2019-06-01',
  }, handler, null));
}
