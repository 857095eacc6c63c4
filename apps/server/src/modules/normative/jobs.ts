/**
 * Daily: a published document whose 施行日期 has come is put in force (施行); an in-force document past its 有效期 is
 * marked 已失效; the drafting org is reminded (an in-app alert) of a document whose 有效期 ends within the county's
 * reminder window (settings.expiryReminderDays), once per document.
 */
import { addDays, legalDateOf } from '@yifa/contracts';
import type { Job } from '../../platform/jobs/runner.ts';
import type { Ctx } from '../../platform/context.ts';
import { performInTrx } from '../../platform/cases/engine.ts';
import { normativeSettings } from './settings.ts';
import { notifyInTrx } from '../../platform/notifications/outbox.ts';

export async function sweepNormative(ctx: Ctx, now: Date): Promise<{ tookEffect: number; expired: number; reminded: number }> {
  const today = legalDateOf(now);
  const region = ctx.config.defaultRegion;
  const s = await normativeSettings(ctx.db, region, now);
  const due = await ctx.db.selectFrom('normativeDocs').select(['caseId', 'state', 'effectiveOn', 'validUntil']).where('regionCode', '=', region)
    .where((eb) => eb.or([
      eb.and([eb('state', '=', 'published'), eb('effectiveOn', '<=', today as never)]),
      eb.and([eb('state', '=', 'in_force'), eb('validUntil', '<', today as never)]),
    ])).execute();
  let tookEffect = 0; let expired = 0;
  for (const d of due) {
    const actor = ctx.registry.systemActor('normative', d.state === 'published' ? '到期施行' : '有效期届满');
    await ctx.db.transaction().execute(async (trx) => {
      if (d.state === 'published') {
        await performInTrx(ctx, trx, { caseId: d.caseId, action: 'take_effect', input: {}, actor });
        tookEffect++;
      } else {
        await performInTrx(ctx, trx, { caseId: d.caseId, action: 'expire', input: { expiredOn: today, reason: `有效期至${String(d.validUntil)}届满，自动失效` }, actor });
        expired++;
      }
    });
  }
  // reminders: in force and ending within the window; the dedupe key makes a rerun a no-op
  const horizon = addDays(today, s.expiryReminderDays);
  const soon = await ctx.db.selectFrom('normativeDocs as n').innerJoin('cases as c', 'c.id', 'n.caseId')
    .select(['n.caseId', 'n.title', 'n.validUntil', 'n.regNo', 'c.orgId']).where('n.regionCode', '=', region).where('n.state', '=', 'in_force')
    .where('n.validUntil', '<=', horizon as never).where('n.validUntil', '>=', today as never).execute();
  await ctx.db.transaction().execute(async (trx) => {
    for (const d of soon) {
      await notifyInTrx(trx, {
        orgId: d.orgId, caseId: d.caseId, title: '规范性文件有效期即将届满', dedupeKey: `normative.expiry:${d.caseId}:${String(d.validUntil)}`, at: now,
        body: `《${d.title}》（${String(d.regNo)}）有效期至${String(d.validUntil)}，请及时评估，需要继续施行的应在届满前修订或重新公布（有效期为本县设定）。`,
      });
    }
  });
  return { tookEffect, expired, reminded: soon.length };
}

export const normativeJobs: Job[] = [
  { name: 'normative.sweep', everyMs: 6 * 3600_000, lockId: 74_001, run: async (ctx, now) => sweepNormative(ctx, now) },
];
