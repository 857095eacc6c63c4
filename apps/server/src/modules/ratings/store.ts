/**
 * 好差评 store: settings, invitations (created when a rateable case ends), ratings (one per
 * invitation), default ratings, and the opening of the 差评整改 case.
 */
import { addDays, legalDateOf, startOfLegalDate } from '@yifa/contracts';
import { z } from 'zod';
import type { Conn, Tx } from '../../platform/db/client.ts';
import { defineSettings, readSettings } from '../../platform/settings/settings.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/authz.ts';
import type { CaseEventNotice } from '../../platform/registry.ts';
import { AppError, conflict } from '../../platform/http/problem.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { openCaseInTrx } from '../../platform/cases/engine.ts';
import { maskPhone } from '../../platform/crypto/mask.ts';
import { notifyInTrx } from '../../platform/notifications/outbox.ts';
import { citizenContacts } from '../../platform/notifications/notices.ts';
import type { Job } from '../../platform/jobs/runner.ts';

/** Case types offered for rating when they end, unless the county configures otherwise. */
export const DEFAULT_RATEABLE = ['approval', 'hotline_ticket'];
/** Level given to a handling nobody rated within the configured days (系统默认评价, kept apart: active=false). */
export const DEFAULT_LEVEL = 4;

/** County settings of 好差评 (spine settings facility): which finished cases are offered, and the days before a default rating. */
export const RATINGS_SETTINGS = defineSettings({
  module: 'ratings',
  schema: z.object({
    rateableTypes: z.array(z.string().regex(/^[a-z_]{2,40}$/, '应为案件类型键')).max(30, '最多 30 类').meta({ title: '参评案件类型（办结后邀请评价）' }),
    defaultAfterDays: z.number('请填写天数').int('应为整数').min(1, '至少 1 日').max(60, '最多 60 日').meta({ title: '未评价转为默认评价的天数（自然日）' }),
  }),
  defaults: { rateableTypes: DEFAULT_RATEABLE, defaultAfterDays: 7 },
  sources: {
    rateableTypes: '国办发〔2019〕51号（好差评覆盖全部政务服务事项和渠道）；参评类型由本县确定，默认为行政审批办件和12345工单',
    defaultAfterDays: '无全国出处：GB/T 39734-2020 第7.2条"评价时效规则"未取得原文，本平台默认7日，可配置',
  },
});

export async function settingsOf(conn: Conn, region: string) {
  return (await readSettings(conn, region, RATINGS_SETTINGS)).values;
}

/** onCaseEvent: a rateable case reaching a terminal state gets a rating invitation for this handling. */
export async function inviteOnTerminal(trx: Tx, e: CaseEventNotice, ctx: Ctx): Promise<void> {
  if (!e.terminal || e.type === 'rating_rectification') return;
  const c = await trx.selectFrom('cases').select(['regionCode', 'title', 'data']).where('id', '=', e.caseId).executeTakeFirstOrThrow();
  const settings = await settingsOf(trx, c.regionCode);
  if (!settings.rateableTypes.includes(e.type)) return;
  const prior = await trx.selectFrom('ratingsInvitations').select('handlingNo').where('caseId', '=', e.caseId).orderBy('handlingNo', 'desc').executeTakeFirst();
  const d = c.data as Record<string, unknown>;
  const inv = await trx.insertInto('ratingsInvitations').values({
    regionCode: c.regionCode, orgId: e.orgId, caseId: e.caseId, caseType: e.type, caseNumber: e.number,
    itemCode: typeof d.itemCode === 'string' ? d.itemCode : null, itemName: typeof d.itemName === 'string' ? d.itemName : c.title.slice(0, 100),
    handlingNo: (prior?.handlingNo ?? 0) + 1, createdAt: e.at,
  }).returning('id').executeTakeFirstOrThrow();
  // 短信/二维码 invitation: the outbox's SMS transport reaches the applicant of the case (its mobile, encrypted); the text carries only the number.
  const to = (await citizenContacts(ctx, trx, e.caseId)).find((x) => x.channel === 'sms');
  if (!to) return;
  await notifyInTrx(trx, {
    orgId: e.orgId, channel: 'sms', caseId: e.caseId, dedupeKey: `rating-invite:${inv.id}`, at: e.at, template: 'rating',
    recipientEnc: to.recipientEnc, recipientMasked: to.recipientMasked,
    title: '请您评价本次服务', body: `您的${e.number}已办结，请对本次服务作出评价（非常满意/满意/基本满意/不满意/非常不满意）：请在政务服务门户"评价"页输入办件编号 ${e.number}`,
  });
}

export interface RatingInput {
  level: number;
  channel: 'window' | 'online' | 'sms' | 'hotline';
  comment?: string | null;
  raterName?: string | null;
  raterPhone?: string | null;
  /** Given by the person served (主动评价) — false only for system defaults. */
  active: boolean;
}

/** Record the rating of an open invitation; a 差评 opens a 差评整改 case in the same transaction. */
export async function rateInTrx(ctx: Ctx, trx: Tx, invitationId: string, r: RatingInput, actor: Actor, now = ctx.clock.now()): Promise<{ id: string; rectificationNumber: string | null }> {
  const inv = await trx.selectFrom('ratingsInvitations').selectAll().where('id', '=', invitationId).forUpdate().executeTakeFirst();
  if (!inv) throw new AppError('not_found', '评价邀请不存在');
  if (inv.status !== 'open') throw conflict('该次办理已评价（一次一评、一事一评），不能重复评价');
  const realName = !!r.raterPhone;
  const row = await trx.insertInto('ratingsRatings').values({
    regionCode: inv.regionCode, orgId: inv.orgId, invitationId: inv.id, caseId: inv.caseId, caseType: inv.caseType, caseNumber: inv.caseNumber,
    itemCode: inv.itemCode, itemName: inv.itemName, level: r.level, channel: r.channel, comment: r.comment ?? null, active: r.active, realName,
    raterNameEnc: ctx.crypto.encryptOpt(r.raterName ?? null), raterPhoneEnc: ctx.crypto.encryptOpt(r.raterPhone ?? null), raterPhoneMasked: maskPhone(r.raterPhone ?? null),
    ratedAt: now, rectificationCaseId: null, excludedReason: null, followupLevel: null, followupAt: null,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.updateTable('ratingsInvitations').set({ status: 'rated' }).where('id', '=', inv.id).execute();
  await appendAuditInTrx(trx, { id: actor.userId, name: actor.name, ip: actor.ip }, { action: 'ratings.rate', targetType: 'ratings_rating', targetId: row.id, detail: { caseNumber: inv.caseNumber, level: r.level, channel: r.channel, active: r.active } }, now, inv.regionCode);
  let rectificationNumber: string | null = null;
  if (r.level <= 2 && r.active) {
    const caseId = await openCaseInTrx(ctx, trx, 'rating_rectification', { ratingId: row.id }, { ...ctx.registry.systemActor('ratings', '差评自动转整改'), ip: actor.ip }, null);
    await trx.updateTable('ratingsRatings').set({ rectificationCaseId: caseId }).where('id', '=', row.id).execute();
    rectificationNumber = (await trx.selectFrom('cases').select('number').where('id', '=', caseId).executeTakeFirstOrThrow()).number;
  }
  return { id: row.id, rectificationNumber };
}

/** Give the default rating to invitations left unrated for the configured number of days (natural days, local rule). */
export async function applyDefaultRatingsInTrx(ctx: Ctx, trx: Tx, region: string, now = ctx.clock.now()): Promise<number> {
  const s = await settingsOf(trx, region);
  const cutoff = startOfLegalDate(addDays(legalDateOf(now), -s.defaultAfterDays));
  const open = await trx.selectFrom('ratingsInvitations as i').innerJoin('cases as c', 'c.id', 'i.caseId').select(['i.id', 'i.caseType', 'c.data'])
    .where('i.regionCode', '=', region).where('i.status', '=', 'open').where('i.createdAt', '<', cutoff).execute();
  const system = ctx.registry.systemActor('ratings', '默认评价');
  for (const i of open) {
    const channel = i.caseType === 'hotline_ticket' ? 'hotline' : (i.data as Record<string, unknown>).channel === 'online' ? 'online' : 'window';
    await rateInTrx(ctx, trx, i.id, { level: DEFAULT_LEVEL, channel, active: false }, system, now);
  }
  return open.length;
}

/**
 * Periodic job: every region with open invitations gets its default ratings (the waiting period is
 * the region's `defaultAfterDays` setting — a local, unsourced rule, 7 natural days unless configured).
 * One transaction per region; runs hourly, and is idempotent (a rated invitation is no longer open).
 */
export const defaultRatingsJob: Job = {
  name: 'ratings-defaults',
  everyMs: 60 * 60_000,
  lockId: 71031,
  async run(ctx, now) {
    const regions = await ctx.db.selectFrom('ratingsInvitations').select('regionCode').distinct().where('status', '=', 'open').execute();
    const byRegion: Record<string, number> = {};
    for (const { regionCode } of regions) {
      byRegion[regionCode] = await ctx.db.transaction().execute((trx) => applyDefaultRatingsInTrx(ctx, trx, regionCode, now));
    }
    return { defaulted: Object.values(byRegion).reduce((a, b) => a + b, 0), byRegion };
  },
};
