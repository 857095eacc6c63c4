/**
 * Notifications: written to the outbox in the transaction of the change, delivered later by the
 * outbox job through a transport. In-app delivery is built in; SMS and e-mail transports are
 * pluggable (a county plugs in its SMS gateway) and until then their messages stay pending.
 */
import type { Conn } from '../db/client.ts';

export interface Transport { send(n: { title: string; body: string; userId: string | null; orgId: string | null }): Promise<void> }
export type Transports = Partial<Record<'inapp' | 'sms' | 'email', Transport>>;

export const inAppTransport: Transport = { async send() { /* the row itself is the in-app message */ } };

export async function notifyInTrx(conn: Conn, n: { userId?: string | null; orgId?: string | null; channel?: 'inapp' | 'sms' | 'email'; title: string; body: string; caseId?: string | null; dedupeKey?: string; at: Date }): Promise<void> {
  await conn.insertInto('notifications').values({
    userId: n.userId ?? null, orgId: n.orgId ?? null, channel: n.channel ?? 'inapp', title: n.title, body: n.body,
    caseId: n.caseId ?? null, dedupeKey: n.dedupeKey ?? null, createdAt: n.at,
  }).onConflict((oc) => oc.column('dedupeKey').doNothing()).execute();
}

/** Deliver pending notifications; failures are retried up to 5 times. */
export async function deliverOutbox(conn: Conn, transports: Transports, now: Date, batch = 200): Promise<{ sent: number; failed: number; waiting: number }> {
  const pending = await conn.selectFrom('notifications').selectAll().where('status', '=', 'pending').orderBy('createdAt').limit(batch).execute();
  let sent = 0; let failed = 0; let waiting = 0;
  for (const n of pending) {
    const t = transports[n.channel];
    if (!t) { waiting++; continue; }
    try {
      await t.send(n);
      await conn.updateTable('notifications').set({ status: 'sent', sentAt: now, attempts: n.attempts + 1 }).where('id', '=', n.id).execute();
      sent++;
    } catch (err) {
      const attempts = n.attempts + 1;
      await conn.updateTable('notifications').set({ attempts, lastError: (err as Error).message, status: attempts >= 5 ? 'failed' : 'pending' }).where('id', '=', n.id).execute();
      failed++;
    }
  }
  return { sent, failed, waiting };
}
