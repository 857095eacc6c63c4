/**
 * Notifications: written to the outbox in the transaction of the change, delivered later by the outbox job through the
 * channel's transport — one interface for in-app, SMS and e-mail (transports.ts: the county's HTTP gateways, or the LOG
 * transport that writes what would be sent when none is configured). A failed delivery is tried again by the next runs,
 * up to 5 attempts, then marked failed with its last error.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Conn } from '../db/client.ts';
import { readSettings, type SettingsDef } from '../settings/settings.ts';

export type Channel = 'inapp' | 'sms' | 'email';

/**
 * What a transport is handed: the message, its region (its case's, else its org's: whose settings apply) and, for SMS and
 * e-mail, the recipient decrypted for this delivery only.
 */
export interface OutgoingMessage {
  id: string; channel: Channel; title: string; body: string; userId: string | null; orgId: string | null; regionCode: string | null;
  recipient: string | null; recipientMasked: string | null; template: string | null; caseId: string | null;
}

/**
 * What a batch of deliveries shares: the connection, `decrypt` (opens what is field-encrypted at rest, a county's gateway
 * key, for one delivery only) and `settings`, a county's settings of a module as they are when the batch starts — read
 * once per batch and region, not per message (at 100 12345 tickets a second, each with its SMS receipt, reading them
 * per message was most of the outbox job's time).
 */
export interface Delivery {
  conn: Conn;
  decrypt: (enc: string | null) => string | null;
  settings: <S extends z.ZodObject>(region: string, def: SettingsDef<S>) => Promise<z.infer<S>>;
}

/** Delivers one message or throws (the error is kept on the row); returns how it went out ('inapp', 'log', 'gateway'). */
export interface Transport { send(m: OutgoingMessage, d: Delivery): Promise<string> }
export type Transports = Partial<Record<Channel, Transport>>;

export const inAppTransport: Transport = { async send() { return 'inapp'; /* the row itself is the in-app message */ } };

export const MAX_ATTEMPTS = 5;
/** After the n-th failed attempt, wait this long before the next (a gateway that is down for a while is not hammered). */
export const RETRY_AFTER_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

export async function notifyInTrx(conn: Conn, n: {
  userId?: string | null; orgId?: string | null; channel?: Channel; title: string; body: string; caseId?: string | null; dedupeKey?: string; at: Date;
  /** SMS / e-mail: the recipient, field-encrypted, and as shown. */
  recipientEnc?: string | null; recipientMasked?: string | null; template?: string | null;
}): Promise<void> {
  await conn.insertInto('notifications').values({
    userId: n.userId ?? null, orgId: n.orgId ?? null, channel: n.channel ?? 'inapp', title: n.title, body: n.body,
    caseId: n.caseId ?? null, dedupeKey: n.dedupeKey ?? null, createdAt: n.at,
    recipientEnc: n.recipientEnc ?? null, recipientMasked: n.recipientMasked ?? null, template: n.template ?? null,
  }).onConflict((oc) => oc.column('dedupeKey').doNothing()).execute();
}

/**
 * Deliver pending notifications, oldest first, in batches until none is due (at most `rounds` batches a run: a backlog after
 * a gateway outage drains in one run, not 200 a minute); failures are retried by later runs (after RETRY_AFTER_MS) up to
 * MAX_ATTEMPTS, then marked failed. A notice on a channel without a transport waits.
 */
export async function deliverOutbox(conn: Conn, transports: Transports, now: Date, decrypt: (enc: string | null) => string | null = () => null,
  batch = 200, rounds = 20): Promise<{ sent: number; failed: number; waiting: number }> {
  let sent = 0; let failed = 0; let waiting = 0;
  const channels = Object.keys(transports) as Channel[];
  for (let round = 0; round < rounds; round++) {
    const pending = await conn.selectFrom('notifications').selectAll('notifications')
      .select(sql<string | null>`coalesce((select c.region_code from cases c where c.id = notifications.case_id),
        (select o.region_code from orgs o where o.id = notifications.org_id))`.as('regionCode'))
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('nextAttemptAt', 'is', null), eb('nextAttemptAt', '<=', now)]))
      .$if(round > 0, (q) => q.where('channel', 'in', channels.length ? channels : ['inapp']))
      .orderBy('createdAt').orderBy('id').limit(batch).execute();
    // In-app notices, and notices the LOG transport wrote to the server log (no gateway configured), are marked sent
    // together, one statement a batch per way: nothing left the server (a crash would at worst log a batch again), while
    // a notice sent through a gateway is marked as soon as it is, so a crash re-sends at most that one. One UPDATE per
    // notice took the outbox job 1–2 s every 10 s under 100 creates a second — while requests waited beside it.
    const inRow = new Map<string, string[]>([['inapp', []], ['log', []]]);
    const read = new Map<string, Promise<unknown>>();
    const settings = <S extends z.ZodObject>(region: string, def: SettingsDef<S>): Promise<z.infer<S>> => {
      const key = `${region} ${def.module}`;
      if (!read.has(key)) read.set(key, readSettings(conn, region, def).then((x) => x.values));
      return read.get(key) as Promise<z.infer<S>>;
    };
    const d: Delivery = { conn, decrypt, settings };
    for (const n of pending) {
      const t = transports[n.channel];
      if (!t) { if (round === 0) waiting++; continue; }
      try {
        const via = await t.send({ ...n, recipient: decrypt(n.recipientEnc) }, d);
        if (inRow.has(via)) inRow.get(via)!.push(n.id);
        else await conn.updateTable('notifications').set({ status: 'sent', sentAt: now, attempts: n.attempts + 1, transport: via, lastError: null })
          .where('id', '=', n.id).execute();
        sent++;
      } catch (err) {
        const attempts = n.attempts + 1;
        const status = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
        const nextAttemptAt = status === 'pending' ? new Date(now.getTime() + RETRY_AFTER_MS[attempts - 1]) : null;
        await conn.updateTable('notifications').set({ attempts, lastError: (err as Error).message.slice(0, 500), status, nextAttemptAt })
          .where('id', '=', n.id).execute();
        failed++;
      }
    }
    for (const [via, ids] of inRow) {
      if (ids.length) {
        await conn.updateTable('notifications').set({ status: 'sent', sentAt: now, attempts: sql`attempts + 1`, transport: via, lastError: null })
          .where('id', 'in', ids).execute();
      }
    }
    if (pending.length < batch) break;
  }
  return { sent, failed, waiting };
}
