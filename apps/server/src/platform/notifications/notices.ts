/**
 * Notices to the citizen (issue 11): at receipt, 补正, 延期, the answer and the closing of a case, an SMS to the phone and an
 * e-mail to the address its parties gave. WHICH acts send which notice is data of each workflow (`create.notify`,
 * `ActionDef.notify`); the engine calls `writeNoticesInTrx` in the act's transaction. The wording is the county's template
 * of that event (settings `spine.notices`, defaults below), with placeholders {编号} {事项} {期限} {查询码} {状态}.
 * The recipient is stored encrypted (field crypto, as the case parties) and masked; the outbox job delivers it through
 * the channel's transport (see transports.ts). One notice per act, party and channel (dedupe key on the event's seq), so
 * a replayed request (Idempotency-Key) sends nothing twice.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import { formatDateZh, legalDateOf, type NoticeEvent } from '@yifa/contracts';
import type { Conn, Tx } from '../db/client.ts';
import type { Ctx } from '../context.ts';
import { defineSettings, readSettings } from '../settings/settings.ts';
import { maskPhone } from '../crypto/mask.ts';

export const NOTICE_EVENTS: Record<NoticeEvent, string> = {
  receipt: '受理（收到申请、诉求）', correction: '一次性告知补正', extension: '延长办理期限', answer: '答复、作出决定', closing: '办结',
};
export const PLACEHOLDERS = ['编号', '事项', '期限', '查询码', '状态'] as const;
export const CHANNEL_LABEL = { inapp: '站内', sms: '短信', email: '电子邮件' } as const;

const UNSOURCED = '无全国规定（unsourced）：本平台默认措辞，由本县修改';
const tpl = (event: NoticeEvent) => z.string().trim().min(4, '请填写通知内容').max(300, '最多 300 个字').superRefine((v, c) => {
  const unknown = [...v.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
  const braced = (ps: readonly string[], sep: string) => ps.map((p) => `{${p}}`).join(sep);
  if (unknown.length) c.addIssue({ code: 'custom', message: `不认识的占位符：${braced(unknown, '、')}（可用：${braced(PLACEHOLDERS, ' ')}）` });
}).meta({ title: `通知模板：${NOTICE_EVENTS[event]}` });
const gateway = z.string().trim().max(300).refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), '请填写 http(s):// 开头的网关地址');

export const NOTICE_SETTINGS = defineSettings({
  module: 'spine.notices',
  label: '消息通知（短信、电子邮件）',
  secrets: ['smsKey', 'emailKey'],
  schema: z.object({
    smsGateway: gateway.meta({ title: '短信网关地址（HTTP POST；留空则只写入日志，不发送）' }),
    smsKey: z.string().trim().max(200).meta({ title: '短信网关密钥（保存后不再显示；留空保持不变）' }),
    emailGateway: gateway.meta({ title: '电子邮件网关地址（HTTP POST；留空则只写入日志，不发送）' }),
    emailKey: z.string().trim().max(200).meta({ title: '电子邮件网关密钥（保存后不再显示；留空保持不变）' }),
    emailFrom: z.string().trim().max(100).refine((v) => v === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), '请填写有效的电子邮箱').meta({ title: '发件邮箱' }),
    receipt: tpl('receipt'),
    correction: tpl('correction'),
    extension: tpl('extension'),
    answer: tpl('answer'),
    closing: tpl('closing'),
  }),
  defaults: {
    smsGateway: '', smsKey: '', emailGateway: '', emailKey: '', emailFrom: '',
    receipt: '您的{事项}已收到，编号{编号}，查询码{查询码}，办理期限至{期限}。凭编号和查询码可在政务服务门户查询办理进度。',
    correction: '您的{事项}（编号{编号}）需要补正材料。请凭编号和查询码{查询码}在政务服务门户查看需补正的全部内容，并及时补正。',
    extension: '您的{事项}（编号{编号}）办理期限已依法延长，现办理期限至{期限}。',
    answer: '您的{事项}（编号{编号}）已有办理结果。请凭编号和查询码{查询码}在政务服务门户查看答复内容。',
    closing: '您的{事项}（编号{编号}）已办结（{状态}）。欢迎凭编号和查询码{查询码}查看结果并作出评价。',
  },
  sources: {
    smsGateway: '本县短信平台（政务短信通道）的接口地址；未配置时只记录将发送的内容',
    smsKey: '本县短信平台分配的密钥',
    emailGateway: '本县邮件发送接口地址；未配置时只记录将发送的内容',
    emailKey: '本县邮件发送接口分配的密钥',
    emailFrom: '本县政务服务邮箱',
    receipt: `${UNSOURCED}；行政许可法第三十二条（受理凭证）、政府信息公开条例第三十一条（收到申请之日）`,
    correction: `${UNSOURCED}；行政许可法第三十二条第一款第（四）项（一次告知需补正的全部内容）、政府信息公开条例第三十条`,
    extension: `${UNSOURCED}；行政许可法第四十二条、政府信息公开条例第三十三条第二款（延长期限应告知申请人）`,
    answer: UNSOURCED,
    closing: UNSOURCED,
  },
});

export type NoticeSettings = typeof NOTICE_SETTINGS.defaults;

/** z***@example.cn */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const [user, host] = email.split('@');
  return host ? `${user.slice(0, 1)}***@${host}` : '***';
}

/** Fill a template: each known placeholder by its value (unknown ones are refused when the county saves the template). */
export function fillNotice(template: string, values: Record<(typeof PLACEHOLDERS)[number], string>): string {
  return template.replace(/\{([^{}]*)\}/g, (m, p: string) => (p in values ? values[p as keyof typeof values] : m));
}

const quiet = new AsyncLocalStorage<boolean>();
/**
 * Run `fn` without notices to citizens and without staff alerts (alerts.ts): a historical import replays acts that citizens
 * were told of, and units handled, long ago.
 */
export function withoutNotices<T>(fn: () => Promise<T>): Promise<T> {
  return quiet.run(true, fn);
}
/** Inside withoutNotices? */
export const noticesSuppressed = (): boolean => quiet.getStore() === true;

export interface Contact { partyId: string; channel: 'sms' | 'email'; recipientEnc: string; recipientMasked: string }

/**
 * Where parties can be reached: each one's mobile (SMS) and e-mail, encrypted as stored, with the masked form (none in
 * withoutNotices). `phone` and `email` are the plain values (decrypted, or as just given).
 */
export function contactsOf(
  parties: { id: string; phone?: string | null; phoneEnc: string | null; email?: string | null; emailEnc: string | null }[],
): Contact[] {
  const out: Contact[] = [];
  if (quiet.getStore()) return out; // withoutNotices: nobody is written to
  for (const p of parties) {
    // only a mobile number can receive an SMS
    if (p.phoneEnc && p.phone && /^1\d{10}$/.test(p.phone)) {
      out.push({ partyId: p.id, channel: 'sms', recipientEnc: p.phoneEnc, recipientMasked: maskPhone(p.phone)! });
    }
    if (p.emailEnc && p.email) out.push({ partyId: p.id, channel: 'email', recipientEnc: p.emailEnc, recipientMasked: maskEmail(p.email)! });
  }
  return out;
}

/** Where a case's citizens can be reached (its stored parties, decrypted for this only). */
export async function citizenContacts(ctx: Ctx, conn: Conn, caseId: string): Promise<Contact[]> {
  if (quiet.getStore()) return [];
  const parties = await conn.selectFrom('caseParties').select(['id', 'phoneEnc', 'emailEnc']).where('caseId', '=', caseId).orderBy('id').execute();
  return contactsOf(parties.map((p) => ({ ...p, phone: ctx.crypto.decryptOpt(p.phoneEnc), email: ctx.crypto.decryptOpt(p.emailEnc) })));
}

/** What a notice reads of its case. */
interface NoticeCase {
  id: string; type: string; number: string; state: string; data: Record<string, unknown>; regionCode: string; orgId: string; dueAt: Date | null;
}

/**
 * The notice of an act (event `seq` of the case), written to the outbox in the act's transaction: one per party and
 * channel, with the county's template in force. Called by the engine for the acts a workflow declares (`notify`).
 */
export async function writeNoticesInTrx(ctx: Ctx, trx: Tx, n: NoticeOf): Promise<void> {
  await (await noticesWrite(ctx, trx, n))?.execute();
}

interface NoticeOf {
  caseId: string; event: NoticeEvent; seq: number; at: Date;
  /** What the caller already holds (a case just opened): then nothing is read back. */
  known?: { c: NoticeCase; contacts: Contact[] };
}

/**
 * The notices of an act as one INSERT not yet sent (null when nobody can be told), for a caller that sends it with its own
 * writes in one statement (the engine: with a new case's row). What it needs is read now: the county's template in force and,
 * unless `known`, the case and its parties' contacts.
 */
export async function noticesWrite(ctx: Ctx, trx: Tx, n: NoticeOf) {
  const contacts = n.known?.contacts ?? await citizenContacts(ctx, trx, n.caseId);
  if (!contacts.length) return null;
  const c: NoticeCase = n.known?.c ?? await trx.selectFrom('cases').select(['id', 'type', 'number', 'state', 'data', 'regionCode', 'orgId', 'dueAt'])
    .where('id', '=', n.caseId).executeTakeFirstOrThrow();
  const t = ctx.registry.caseTypes.get(c.type);
  const w = t?.workflow;
  const settings = (await readSettings(trx, c.regionCode, NOTICE_SETTINGS)).values;
  const body = fillNotice(settings[n.event], {
    编号: c.number, 事项: t?.publicTitle?.(c.data) ?? w?.label ?? '办件', 查询码: ctx.crypto.trackingCode(c.id),
    期限: c.dueAt ? formatDateZh(legalDateOf(c.dueAt)) : '—', 状态: w?.states[c.state]?.label ?? c.state,
  });
  const rows = contacts.map((x) => ({
    orgId: c.orgId, channel: x.channel, title: `${w?.label ?? '办件'}${NOTICE_EVENTS[n.event]}通知`, body, caseId: c.id,
    dedupeKey: `notice:${c.id}:${n.seq}:${x.partyId}:${x.channel}`, createdAt: n.at, recipientEnc: x.recipientEnc,
    recipientMasked: x.recipientMasked, template: n.event,
  }));
  return trx.insertInto('notifications').values(rows).onConflict((oc) => oc.column('dedupeKey').doNothing());
}
