/**
 * 执法证件 expiry reminders (issue 15): each day, the org of an officer whose certificate (status 有效) expires within the
 * county's window is told in its console notices, once per certificate and expiry date, so that 换发 is applied for in time
 * (an act by an officer with an expired certificate is refused, Art. 42). The window has no national figure: county data.
 */
import { z } from 'zod';
import { addDays, legalDateOf } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { Job } from '../../platform/jobs/runner.ts';
import { defineSettings, readSettings } from '../../platform/settings/settings.ts';
import { notifyInTrx } from '../../platform/notifications/outbox.ts';
import { DEFAULT_RECORDING_ACTS, RECORDING_ACTS_SOURCE, zRecordingActs } from './recordings.ts';

export const ENFORCEMENT_SETTINGS = defineSettings({
  module: 'enforcement',
  schema: z.object({
    certReminderDays: z.number().int('应为整数').min(7, '至少 7 日').max(180, '最多 180 日').meta({ title: '执法证件到期前提醒（日）' }),
    recordingActs: zRecordingActs,
    discretionFactorShare: z.number().min(0.1, '0.1–0.9').max(0.9, '0.1–0.9').meta({ title: '从轻、从重情节适用的基准幅度比例（下段或上段）' }),
  }),
  defaults: { certReminderDays: 60, recordingActs: DEFAULT_RECORDING_ACTS, discretionFactorShare: 0.5 },
  sources: { certReminderDays: '未见全国规定，本县设定（本平台默认 60 日，便于按期申请换发执法证件）', recordingActs: RECORDING_ACTS_SOURCE,
    discretionFactorShare: '《行政处罚法》第三十二条（从轻、减轻）；从轻在幅度下段、从重在上段所占比例未见全国规定（国办发〔2022〕27号原文未核实），本县设定，默认一半' },
});

export async function remindCertificates(ctx: Ctx, now: Date): Promise<{ reminded: number }> {
  const region = ctx.config.defaultRegion;
  const today = legalDateOf(now);
  const { certReminderDays } = (await readSettings(ctx.db, region, ENFORCEMENT_SETTINGS, now)).values;
  const soon = await ctx.db.selectFrom('enforcementOfficers').select(['id', 'orgId', 'certNo', 'name', 'expiresOn'])
    .where('regionCode', '=', region).where('status', '=', '有效')
    .where('expiresOn', '>=', today as never).where('expiresOn', '<=', addDays(today, certReminderDays) as never).execute();
  await ctx.db.transaction().execute(async (trx) => {
    for (const o of soon) {
      await notifyInTrx(trx, {
        orgId: o.orgId, title: `执法证件即将到期 ${o.certNo}`, dedupeKey: `enforcement.cert:${o.id}:${String(o.expiresOn)}`, at: now,
        body: `${o.name}的执法证件（${o.certNo}）有效期至${String(o.expiresOn)}，请及时申请换发；到期后不得从事执法活动（《行政处罚法》第四十二条）。`,
      });
    }
  });
  return { reminded: soon.length };
}

export const certificateReminderJob: Job = { name: 'enforcement.cert-reminders', everyMs: 24 * 3600_000, lockId: 71061, run: remindCertificates };
