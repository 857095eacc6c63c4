/**
 * The SMS and e-mail transports behind the one Transport interface (outbox.ts). Each reads the county's settings
 * (`spine.notices`) at delivery: with a gateway configured it POSTs the message as JSON to it (`Authorization: Bearer
 * <key>`; any answer but 2xx is an error, retried by the outbox); without one — locally and by default — the LOG transport
 * writes what would be sent to the server log (recipient masked) and the row is marked sent `via log`.
 */
import type { Conn } from '../db/client.ts';
import { openSecret, readSettings } from '../settings/settings.ts';
import { NOTICE_SETTINGS } from './notices.ts';
import type { OutgoingMessage, Transport } from './outbox.ts';

export type NoticeLog = (line: Record<string, unknown>) => void;
const defaultLog: NoticeLog = (line) => { console.info(JSON.stringify({ level: 30, msg: 'notice (log transport)', ...line })); };

/** The region of the message: its case's, else the org's. */
async function regionOf(conn: Conn, m: OutgoingMessage): Promise<string | null> {
  if (m.caseId) return (await conn.selectFrom('cases').select('regionCode').where('id', '=', m.caseId).executeTakeFirst())?.regionCode ?? null;
  if (m.orgId) return (await conn.selectFrom('orgs').select('regionCode').where('id', '=', m.orgId).executeTakeFirst())?.regionCode ?? null;
  return null;
}

export function gatewayTransport(channel: 'sms' | 'email', log: NoticeLog = defaultLog, fetchFn: typeof fetch = fetch): Transport {
  return {
    async send(m, conn, decrypt) {
      if (!m.recipient) throw new Error('没有收件人（办件未登记手机号或电子邮箱）');
      const region = await regionOf(conn, m);
      const s = region ? (await readSettings(conn, region, NOTICE_SETTINGS)).values : NOTICE_SETTINGS.defaults;
      const url = channel === 'sms' ? s.smsGateway : s.emailGateway;
      if (!url) {
        log({ channel, to: m.recipientMasked, template: m.template, title: m.title, body: m.body });
        return 'log';
      }
      const key = openSecret(channel === 'sms' ? s.smsKey : s.emailKey, decrypt);
      const payload = channel === 'sms' ? { to: m.recipient, text: m.body, template: m.template }
        : { to: m.recipient, from: s.emailFrom || undefined, subject: m.title, text: m.body, template: m.template };
      let res: Response;
      try {
        res = await fetchFn(url, {
          method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify(payload), signal: AbortSignal.timeout(10_000),
        });
      } catch (e) {
        throw new Error(`${channel === 'sms' ? '短信' : '邮件'}网关无法连接：${(e as Error).message}`, { cause: e });
      }
      if (!res.ok) throw new Error(`${channel === 'sms' ? '短信' : '邮件'}网关返回 ${res.status}`);
      return 'gateway';
    },
  };
}
