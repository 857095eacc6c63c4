/**
 * 公开征求意见 — one capability for every case that consults the public: 规范性文件 (优化营商环境条例 Art. 62) and 重大行政决策
 * (713号 Art. 15). A consulting case keeps its round in `data.comment` ({ startOn, endOn, shortReason?, draft?, explanation?,
 * adoption?, closedOn? }); its comments live in consultation_comments (spine migration 0013).
 *
 * What is shared: the comment form (name and phone optional — field-encrypted, masked; the text with personal data masked for
 * publication) with its per-IP limit, whether a round is open, the portal's view of a consultation (the draft, the period and
 * days left, the shown comments and — once the 采纳情况 is published — the answer to each), the staff list, and the tally the
 * module's 结束征求意见 step checks (every shown comment answered: 采纳 / 部分采纳 / 不采纳 with a reason). Moderation and answers
 * are routes of their own (routes.ts). A module keeps its own gates (period floors, who may open a round).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sql } from 'kysely';
import { diffDays, legalDateOf, startOfLegalDate, type LegalDate } from '@yifa/contracts';
import type { Ctx } from '../context.ts';
import type { Conn, Tx } from '../db/client.ts';
import { maskName, maskPhone } from '../crypto/mask.ts';
import { redactText } from '../crypto/redact.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { AppError, invalid, notFound } from '../http/problem.ts';
import { readSettings } from '../settings/settings.ts';
import { notifyInTrx } from '../notifications/outbox.ts';
import { CONSULTATION_SETTINGS } from './settings.ts';

export const ANSWERS = ['采纳', '部分采纳', '不采纳'] as const;
export type Answer = (typeof ANSWERS)[number];

export const zPublicComment = z.object({
  body: z.string().trim().min(5, '请填写意见（至少 5 个字）').max(5000, '意见最多 5000 个字'),
  name: z.string().trim().max(40, '姓名最多 40 个字').optional(),
  phone: z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话号码格式有误').optional().or(z.literal('').transform(() => undefined)),
  /** The SMS code, where the county requires a verified phone (settings.ts). */
  code: z.string().trim().regex(/^\d{6}$/, '验证码应为 6 位数字').optional().or(z.literal('').transform(() => undefined)),
});
export type PublicComment = z.infer<typeof zPublicComment>;

/** A public write: a tenth of the public read limit per IP and minute. */
export const publicWriteConfig = (ctx: Ctx) => ({
  public: true, rateLimit: { max: Math.max(3, Math.floor(ctx.config.rateLimit.public / 10)), timeWindow: '1 minute' },
});

/** A case's comment round (data.comment), as every consulting module writes it. */
export interface Round {
  startOn: LegalDate; endOn: LegalDate; shortReason?: string | null; draft?: string | null; explanation?: string | null;
  adoption?: string | null; closedOn?: LegalDate | null;
}
export const roundOf = (data: unknown): Round | null => {
  const r = (data as { comment?: Round | null } | null)?.comment;
  return r && typeof r.startOn === 'string' && typeof r.endOn === 'string' ? r : null;
};
/** Comments are taken from the first day to the last day of the period, and not after the 采纳情况 is published. */
export const roundOpen = (r: Round, today: LegalDate) => !r.adoption && r.startOn <= today && today <= r.endOn;
/** Shown to the public from the first day of the period. */
export const roundPublic = (r: Round | null, today: LegalDate): r is Round => !!r && r.startOn <= today;

/**
 * A round's comments are those made from its first day: a case that consults anew (a 重大调整, 713号 Art. 37, resets the round)
 * starts with none — the earlier round's comments stay on the case's record and in its archive, but are not shown, counted or
 * answered in the new one. (A round's comments are all made before its 采纳情况, which comes after its last day, and so before
 * the next round's first day.)
 */
export const roundSince = (r: Round) => startOfLegalDate(r.startOn);

/** The shown comments of a case's current round, for a module's list: `(select …) as comments`. */
export const shownCommentCount = (caseIdCol: string) =>
  sql<number>`(select count(*)::int from consultation_comments m join cases k on k.id = m.case_id where m.case_id = ${sql.ref(caseIdCol)}
    and m.status = 'shown' and m.created_at >= ((k.data->'comment'->>'startOn') || 'T00:00:00+08:00')::timestamptz)`;

interface CaseRow { id: string; title: string; orgId: string; regionCode: string; data: unknown }
const caseOf = (db: Conn, id: string, type: string) =>
  db.selectFrom('cases').select(['id', 'title', 'orgId', 'regionCode', 'data', 'type']).where('id', '=', id).where('type', '=', type).executeTakeFirst();

/** A consultation the public may see: the case of `type` with a round that has started (404 otherwise). */
export async function publicConsultation(ctx: Ctx, type: string, id: string): Promise<{ c: CaseRow; round: Round; today: LegalDate; open: boolean }> {
  const c = await caseOf(ctx.db, id, type);
  const round = roundOf(c?.data);
  const today = legalDateOf(ctx.clock.now());
  if (!c || !roundPublic(round, today)) throw notFound('征求意见');
  return { c, round, today, open: roundOpen(round, today) };
}

/**
 * The portal's page of a consultation: the draft and its 说明, the period and days left, the shown comments masked, and after
 * the 采纳情况 is published the answer to each. `draft`/`explanation` fall back to the case's own when the round kept none.
 */
export async function consultationView(
  ctx: Ctx, type: string, id: string, fallback: (data: Record<string, unknown>) => { draft: unknown; explanation: unknown },
) {
  const { c, round, today, open } = await publicConsultation(ctx, type, id);
  const [org, all] = await Promise.all([
    ctx.db.selectFrom('orgs').select('name').where('id', '=', c.orgId).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('consultationComments').select(['id', 'status', 'nameMasked', 'bodyPublic', 'answer', 'answerReason', 'createdAt'])
      .where('caseId', '=', c.id).where('createdAt', '>=', roundSince(round)).orderBy('createdAt').orderBy('id').execute(),
  ]);
  const comments = all.filter((m) => m.status === 'shown');
  const own = fallback(c.data as Record<string, unknown>);
  const answered = !!round.adoption;
  const settings = (await readSettings(ctx.db, c.regionCode, CONSULTATION_SETTINGS)).values;
  return {
    id: c.id, title: c.title, orgName: org.name, open, phoneVerification: settings.phoneVerification, startOn: round.startOn, endOn: round.endOn,
    daysLeft: open ? diffDays(today, round.endOn) : 0, shortReason: round.shortReason ?? null,
    draft: round.draft ?? own.draft ?? '', explanation: round.explanation ?? own.explanation ?? '', adoption: round.adoption ?? null,
    hiddenCount: all.length - comments.length,
    comments: comments.map((m) => ({ id: m.id, name: m.nameMasked ?? '匿名', body: m.bodyPublic, createdAt: m.createdAt,
      answer: answered ? m.answer : null, answerReason: answered ? m.answerReason : null })),
  };
}

/**
 * A comment from the portal, while the round is open; `auditAction` is the module's (e.g. normative.comment). Where the county
 * requires a verified phone, the mobile number and the code sent to it are checked, and the code used, in the comment's
 * transaction; a wrong code counts against its 5 tries even though the comment is refused.
 */
export async function submitPublicComment(ctx: Ctx, p: { type: string; caseId: string; comment: PublicComment; ip: string | null; auditAction: string }) {
  const { c, open } = await publicConsultation(ctx, p.type, p.caseId);
  if (!open) throw new AppError('conflict', '征求意见已结束，不再接收意见');
  const at = ctx.clock.now();
  const s = (await readSettings(ctx.db, c.regionCode, CONSULTATION_SETTINGS)).values;
  const code = s.phoneVerification ? await codeFor(ctx, c.id, p.comment, at) : null;
  const row = await ctx.db.transaction().execute(async (trx) => {
    if (code) {
      const used = await trx.updateTable('consultationPhoneCodes').set({ usedAt: at }).where('id', '=', code).where('usedAt', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw invalid([{ path: 'body.code', message: '验证码已使用，请重新获取' }]);
    }
    return insertPublicCommentInTrx(ctx, trx, { caseId: c.id, regionCode: c.regionCode, comment: p.comment, ip: p.ip, auditAction: p.auditAction, at });
  });
  return { id: row.id, receivedAt: at };
}

const MOBILE = /^1[3-9]\d{9}$/;
const MAX_TRIES = 5;
/** Codes a number may get in 24 hours (platform limit against guessing and SMS flooding; not a legal value). */
const MAX_CODES_PER_DAY = 10;
const codeHash = (ctx: Ctx, id: string, code: string) => ctx.crypto.blindIndex(`consultation-code:${id}:${code}`);

/** The id of the live code that matches, or a 400 naming the field (a miss is counted). */
async function codeFor(ctx: Ctx, caseId: string, b: PublicComment, at: Date): Promise<string> {
  const errors: { path: string; message: string }[] = [];
  if (!b.phone || !MOBILE.test(b.phone)) errors.push({ path: 'body.phone', message: '本县要求提交意见前验证手机号：请填写手机号码' });
  if (!b.code) errors.push({ path: 'body.code', message: '请填写短信验证码' });
  if (errors.length) throw invalid(errors);
  const live = await ctx.db.selectFrom('consultationPhoneCodes').select(['id', 'codeHash'])
    .where('caseId', '=', caseId).where('phoneIndex', '=', ctx.crypto.blindIndex(b.phone!)).where('usedAt', 'is', null)
    .where('expiresAt', '>', at).orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
  // every try is counted before the code is compared, in one conditional update: guesses sent at once cannot pass the 5 tries
  const tried = live && await ctx.db.updateTable('consultationPhoneCodes').set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', live.id).where('attempts', '<', MAX_TRIES).returning('attempts').executeTakeFirst();
  if (!live || !tried) throw invalid([{ path: 'body.code', message: '验证码已过期或错误次数过多，请重新获取' }]);
  if (live.codeHash !== codeHash(ctx, live.id, b.code!)) {
    throw invalid([{ path: 'body.code', message: `验证码不正确（还可尝试 ${MAX_TRIES - tried.attempts} 次）` }]);
  }
  return live.id;
}

/**
 * Send a code to the mobile a commenter gives (where the county requires it): one a minute per number and consultation, at most
 * MAX_CODES_PER_DAY a number in 24 hours over every consultation (both under a lock on the number's row), valid for the county's
 * minutes, through the SMS outbox (the number encrypted, shown masked). The code itself is kept only hashed.
 */
export async function sendPhoneCode(ctx: Ctx, p: { caseId: string; phone: string }) {
  const c = await ctx.db.selectFrom('cases').select(['id', 'orgId', 'regionCode', 'data']).where('id', '=', p.caseId).executeTakeFirst();
  const round = roundOf(c?.data);
  const at = ctx.clock.now();
  if (!c || !roundPublic(round, legalDateOf(at))) throw notFound('征求意见');
  if (!roundOpen(round, legalDateOf(at))) throw new AppError('conflict', '征求意见已结束，不再接收意见');
  const s = (await readSettings(ctx.db, c.regionCode, CONSULTATION_SETTINGS)).values;
  if (!s.phoneVerification) throw new AppError('conflict', '本县提交意见不需要短信验证，可直接提交');
  const phoneIndex = ctx.crypto.blindIndex(p.phone);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(at.getTime() + s.codeMinutes * 60_000);
  await ctx.db.transaction().execute(async (trx) => {
    // the number's row locked while its limits are checked and the code issued: requests sent at once get one code
    await trx.insertInto('consultationPhoneNumbers').values({ phoneIndex }).onConflict((oc) => oc.column('phoneIndex').doNothing()).execute();
    await trx.selectFrom('consultationPhoneNumbers').select('phoneIndex').where('phoneIndex', '=', phoneIndex).forUpdate().execute();
    const recent = await trx.selectFrom('consultationPhoneCodes').select('createdAt').where('caseId', '=', c.id).where('phoneIndex', '=', phoneIndex)
      .where('createdAt', '>', new Date(at.getTime() - 60_000)).executeTakeFirst();
    if (recent) throw new AppError('rate_limited', '验证码已发送，请 1 分钟后再重新获取');
    // a number's codes over every consultation in 24 hours: bounds the guesses at MAX_CODES_PER_DAY × MAX_TRIES and the SMS a number gets
    const today = await trx.selectFrom('consultationPhoneCodes').select(sql<number>`count(*)::int`.as('n')).where('phoneIndex', '=', phoneIndex)
      .where('createdAt', '>', new Date(at.getTime() - 24 * 3600_000)).executeTakeFirstOrThrow();
    if (Number(today.n) >= MAX_CODES_PER_DAY) throw new AppError('rate_limited', `该号码今天已获取 ${MAX_CODES_PER_DAY} 次验证码，请明天再试`);
    const id = randomUUID();
    await trx.insertInto('consultationPhoneCodes')
      .values({ id, caseId: c.id, regionCode: c.regionCode, phoneIndex, codeHash: codeHash(ctx, id, code), expiresAt, createdAt: at })
      .execute();
    await notifyInTrx(trx, { orgId: c.orgId, caseId: c.id, channel: 'sms', template: 'consultation-code', at, dedupeKey: `consultation-code:${id}`,
      recipientEnc: ctx.crypto.encrypt(p.phone), recipientMasked: maskPhone(p.phone),
      title: '征求意见验证码', body: `您的验证码为 ${code}，${s.codeMinutes} 分钟内有效。如非本人操作，请忽略。` });
  });
  return { sentTo: maskPhone(p.phone), expiresAt };
}

export async function insertPublicCommentInTrx(ctx: Ctx, trx: Tx, p: {
  caseId: string; regionCode: string; comment: PublicComment; ip: string | null; auditAction: string; at: Date;
}): Promise<{ id: string }> {
  const b = p.comment;
  const row = await trx.insertInto('consultationComments').values({
    caseId: p.caseId, regionCode: p.regionCode, nameEnc: ctx.crypto.encryptOpt(b.name || null), nameMasked: maskName(b.name || null),
    phoneEnc: ctx.crypto.encryptOpt(b.phone ?? null), phoneMasked: maskPhone(b.phone ?? null), body: b.body,
    bodyPublic: redactText(b.body, [b.name]), createdAt: p.at,
  }).returning('id').executeTakeFirstOrThrow();
  await appendAuditInTrx(trx, { id: null, name: '公众', ip: p.ip },
    { action: p.auditAction, targetType: 'case', targetId: p.caseId, detail: { commentId: row.id } },
    p.at, p.regionCode);
  return row;
}

/**
 * What a module's 结束征求意见并公布采纳情况 step checks and records: the shown comments, how many were adopted (采纳 or 部分采纳),
 * how many are still unanswered — the step is refused while any is (each citizen gets an answer, not a summary only) — and how
 * many were not shown (不予展示, each with its reason): the published count says so, so that hiding is never silent.
 */
async function tallyInTrx(trx: Tx, caseId: string): Promise<{ received: number; adopted: number; unanswered: number; hidden: number }> {
  const round = roundOf((await trx.selectFrom('cases').select('data').where('id', '=', caseId).executeTakeFirstOrThrow()).data);
  if (!round) return { received: 0, adopted: 0, unanswered: 0, hidden: 0 };
  const r = await trx.selectFrom('consultationComments').where('caseId', '=', caseId).where('createdAt', '>=', roundSince(round))
    .select([sql<number>`count(*) filter (where status = 'shown')::int`.as('received'),
      sql<number>`count(*) filter (where status = 'shown' and answer in ('采纳', '部分采纳'))::int`.as('adopted'),
      sql<number>`count(*) filter (where status = 'shown' and answer is null)::int`.as('unanswered'),
      sql<number>`count(*) filter (where status = 'hidden')::int`.as('hidden')])
    .executeTakeFirstOrThrow();
  return { received: Number(r.received), adopted: Number(r.adopted), unanswered: Number(r.unanswered), hidden: Number(r.hidden) };
}

/**
 * The check of a module's 结束征求意见并公布采纳情况 step (its guard) and what the step records: refused while the round is
 * running (until the day after `endOn`; `basis` names the module's article) or while a shown comment is unanswered; then
 * the counts from the answers, which `closedRound` writes into the round.
 */
export async function closingCountsInTrx(trx: Tx, c: { id: string; state: string; data: unknown }, on: LegalDate, basis = '') {
  const refuse = (detail: string) => new AppError('transition_not_allowed', detail, { state: c.state });
  const round = roundOf(c.data);
  if (!round) throw refuse('尚未公开征求意见');
  if (on <= round.endOn) throw refuse(`征求意见截止日期为 ${round.endOn}，期限届满前不能结束征求意见${basis ? `（${basis}）` : ''}`);
  const t = await tallyInTrx(trx, c.id);
  if (t.unanswered) throw refuse(unansweredDetail(t.unanswered));
  return { receivedCount: t.received, adoptedCount: t.adopted, hiddenCount: t.hidden };
}

/** The round once its 采纳情况 is published: the text, the day, and the counts `closingCountsInTrx` gave. */
export const closedRound = (data: Record<string, unknown>, input: Record<string, unknown>, on: string | undefined) => ({
  ...(data.comment as object), adoption: input.adoption, closedOn: on, received: input.receivedCount, adopted: input.adoptedCount,
  hidden: input.hiddenCount ?? 0,
});

/** The refusal of a 结束征求意见 step with comments unanswered. */
const unansweredDetail = (n: number) =>
  `还有 ${n} 条公众意见未答复（采纳、部分采纳或不采纳并说明理由），请在"公众意见"中逐条答复后再公布采纳情况`;
