import { addHours } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import { designateDemo, type DemoCounty } from '../../demo/seed.ts';
import type { Actor } from '../../platform/authz.ts';
import { ManualClock } from '../../platform/clock.ts';
import { performInTrx } from '../../platform/cases/engine.ts';
import { rateInTrx } from './store.ts';

/** Demo ratings of the finished demo cases: mostly 满意, one 差评 rectified, one being verified. */
export async function seedRatings(ctx: Ctx, demo: DemoCounty): Promise<void> {
  await designateDemo(ctx, demo, 'rating_supervisor', 'sfj');
  const invs = await ctx.db.selectFrom('ratingsInvitations as i').innerJoin('orgs as o', 'o.id', 'i.orgId').select(['i.id', 'i.createdAt', 'i.orgId', 'o.path', 'i.caseType'])
    .where('i.regionCode', '=', demo.region).where('i.status', '=', 'open').orderBy('i.createdAt').execute();
  const clock = new ManualClock(ctx.clock.now());
  const c2: Ctx = { ...ctx, clock };
  const publicRater: Actor = { kind: 'public', userId: null, name: '评价人', orgId: null, grants: [], ip: null };
  const levels = [5, 5, 4, 5, 3, 5, 4, 5, 2, 5, 5, 4, 1, 5];
  const channels = ['window', 'online', 'sms', 'window'] as const;
  for (const [i, inv] of invs.entries()) {
    if (i >= levels.length) break;
    clock.set(addHours(inv.createdAt, 2));
    const level = levels[i];
    const r = await ctx.db.transaction().execute((trx) => rateInTrx(c2, trx, inv.id, {
      level, channel: channels[i % channels.length], active: true, comment: level <= 2 ? '窗口让我来回跑了两趟，告知不清楚。' : level === 5 ? '办事效率高，态度好。' : null,
      raterPhone: `1370000${String(1000 + i)}`,
    }, publicRater));
    if (r.rectificationNumber && level === 2) {
      const c = await ctx.db.selectFrom('cases').select('id').where('number', '=', r.rectificationNumber).where('regionCode', '=', demo.region).executeTakeFirstOrThrow();
      const handler = ctx.registry.systemActor('ratings', '演示数据：承办单位');
      clock.set(addHours(clock.now(), 20));
      await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: c.id, action: 'callback', input: { contacted: true, method: '电话', findings: '评价人反映补正告知不一次性，情况属实。' }, actor: handler }));
      clock.set(addHours(clock.now(), 5 * 24));
      await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: c.id, action: 'rectify', input: { measures: '修订该事项一次性告知单，对窗口人员开展业务培训。', feedback: '已修订告知单并致歉，欢迎再次监督。' }, actor: handler }));
    }
  }
}
