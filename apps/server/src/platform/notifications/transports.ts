/**
 * The SMS and e-mail transports behind the one Transport interface (outbox.ts). Each reads the county's settings
 * (`spine.notices`) at delivery (once per batch: outbox.ts): with a gateway configured it POSTs the message as JSON to it
 * (`Authorization: Bearer <key>`; any answer but 2xx is an error, retried by the outbox); without one — locally and by
 * default — the LOG transport writes what would be sent to the server log (recipient masked) and the row is marked sent
 * `via log`.
 */
import { openSecret } from '../settings/settings.ts';
import { NOTICE_SETTINGS } from './notices.ts';
import type { Transport } from './outbox.ts';

export type NoticeLog = (line: Record<string, unknown>) => void;
const defaultLog: NoticeLog = (line) => { console.info(JSON.stringify({ level: 30, msg: 'notice (log transport)', ...line })); };

export function gatewayTransport(channel: 'sms' | 'email', log: NoticeLog = defaultLog, fetchFn: typeof fetch = fetch): Transport {
  return {
    async send(m, { decrypt, settings }) {
      if (!m.recipient) throw new Error('没有收件人（办件未登记手机号或电子邮箱）');
      const s = m.regionCode ? await settings(m.regionCode, NOTICE_SETTINGS) : NOTICE_SETTINGS.defaults;
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
