/**
 * 年报提醒 as a periodic job (条例第四十九条: departments publish the annual report of the previous
 * year by 31 January, the 县级以上地方人民政府 by 31 March). Each org whose report is due within 10
 * days, or late and still unpublished, gets one in-app notice per level (due_soon, late) through
 * the outbox; the dedupe key makes a rerun a no-op. The 10-day window is a reminder setting, not a
 * legal period. Same org set and scope as GET /disclosure/reports/reminders.
 */
import { diffDays, legalDateOf } from '@yifa/contracts';
import type { Job } from '../../platform/jobs/runner.ts';
import { notifyInTrx } from '../../platform/notifications/outbox.ts';

export const REPORT_REMIND_WITHIN_DAYS = 10;
const BASIS = '《政府信息公开条例》第四十九条';

export const reportReminderJob: Job = {
  name: 'disclosure-report-reminders',
  everyMs: 6 * 3600_000,
  lockId: 71041,
  async run(ctx, now) {
    const today = legalDateOf(now);
    const year = Number(today.slice(0, 4)) - 1;
    return ctx.db.transaction().execute(async (trx) => {
      const orgs = await trx.selectFrom('orgs').select(['id', 'name', 'kind']).where('regionCode', '=', ctx.config.defaultRegion)
        .where('dissolvedOn', 'is', null).where('kind', 'in', ['government', 'department', 'township']).orderBy('id').execute();
      const published = await trx.selectFrom('disclosureReports').select(['orgId', 'scope']).where('regionCode', '=', ctx.config.defaultRegion)
        .where('year', '=', year).where('status', '=', 'published').execute();
      let dueSoon = 0; let late = 0;
      for (const o of orgs) {
        const scope = o.kind === 'government' ? 'government' : 'org';
        if (published.some((p) => p.orgId === o.id && p.scope === scope)) continue;
        const dueOn = `${year + 1}-${scope === 'government' ? '03-31' : '01-31'}`;
        const left = diffDays(today, dueOn);
        if (left > REPORT_REMIND_WITHIN_DAYS) continue;
        const level = left < 0 ? 'late' : 'due_soon';
        if (level === 'late') late++; else dueSoon++;
        const title = level === 'late' ? `${year}年政府信息公开工作年度报告已逾期` : `${year}年政府信息公开工作年度报告即将到期`;
        const body = level === 'late'
          ? `${o.name}应于${dueOn}前公布${year}年度报告，现已逾期${-left}日，请尽快公布（${BASIS}）。`
          : `${o.name}应于${dueOn}前公布${year}年度报告，还有${left}日（${BASIS}）。`;
        await notifyInTrx(trx, { orgId: o.id, title, body, dedupeKey: `disclosure.report:${year}:${scope}:${o.id}:${level}`, at: now });
      }
      return { year, dueSoon, late };
    });
  },
};
