/**
 * Login throttling (issue 10 #18; policy in docs/SECURITY.md). Failures are counted per (name
 * typed, client address) and per name, whether or not such a user exists, in login_throttle. An
 * attempt is counted atomically *before* its password is checked, so parallel guesses cannot
 * outrun the lock: with a limit of 5, at most 5 guesses per address are ever verified. The pair
 * locks after `addressLimit` failures; the account as a whole only after `accountLimit` failures
 * from any addresses, so that nobody can lock an account out from one address at will.
 */
import { sql } from 'kysely';
import type { Conn } from '../db/client.ts';

export interface LoginPolicy {
  /** Failures from one address before that address is locked out of the account. */
  addressLimit: number;
  /** Failures from all addresses before the account itself is locked. */
  accountLimit: number;
  /** Failures older than this no longer count. */
  windowMinutes: number;
  lockMinutes: number;
}

/** The row that counts the account as a whole. */
export const ANY_ADDRESS = '*';

export interface Reservation {
  /** This attempt's number from this address, and for the account, in the window. */
  pair: number;
  account: number;
  /** Refused without checking the password: locked, or over a limit while the lock is being set. */
  refused: boolean;
  /** Minutes until the attempt may be made again (when refused). */
  retryAfterMinutes: number;
}

const minutesFrom = (now: Date, until: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

/** Count one attempt on a row atomically; an existing row: still locked → not counted; lock or window over → count from 1. */
async function bump(conn: Conn, name: string, ip: string, now: Date, windowStart: Date) {
  const r = await sql<{ failures: number; lockedUntil: Date | null }>`
    insert into login_throttle as t (username, ip, failures, window_from, locked_until) values (${name}, ${ip}, 1, ${now}, null)
    on conflict (username, ip) do update set
      failures = case when t.locked_until > ${now} then t.failures
                      when t.locked_until is not null or t.window_from <= ${windowStart} then 1
                      else t.failures + 1 end,
      window_from = case when t.locked_until > ${now} then t.window_from
                         when t.locked_until is not null or t.window_from <= ${windowStart} then ${now}
                         else t.window_from end,
      locked_until = case when t.locked_until > ${now} then t.locked_until else null end
    returning failures, locked_until as "lockedUntil"`.execute(conn);
  return r.rows[0];
}

/**
 * Count an attempt before its password is checked: first for (name, ip) — refused there, it does not
 * count for the account, so one address can add at most `addressLimit` failures to it — then for name.
 */
export async function reserveAttempt(conn: Conn, name: string, ip: string, now: Date, p: LoginPolicy): Promise<Reservation> {
  const windowStart = new Date(now.getTime() - p.windowMinutes * 60_000);
  const refusedFor = (row: { failures: number; lockedUntil: Date | null }, limit: number) =>
    (row.lockedUntil && row.lockedUntil > now ? minutesFrom(now, row.lockedUntil) : row.failures > limit ? p.lockMinutes : 0);
  const pair = await bump(conn, name, ip, now, windowStart);
  const pairWait = refusedFor(pair, p.addressLimit);
  if (pairWait) return { pair: pair.failures, account: 0, refused: true, retryAfterMinutes: pairWait };
  const account = await bump(conn, name, ANY_ADDRESS, now, windowStart);
  const accountWait = refusedFor(account, p.accountLimit);
  return { pair: pair.failures, account: account.failures, refused: accountWait > 0, retryAfterMinutes: accountWait || p.lockMinutes };
}

/** After a wrong password: lock the pair and/or the account if this attempt reached its limit. */
export async function recordFailure(
  conn: Conn, name: string, ip: string, now: Date, r: Reservation, p: LoginPolicy,
): Promise<{ address: boolean; account: boolean }> {
  const until = new Date(now.getTime() + p.lockMinutes * 60_000);
  const address = r.pair >= p.addressLimit;
  const account = r.account >= p.accountLimit;
  const lockIps = [...(address ? [ip] : []), ...(account ? [ANY_ADDRESS] : [])];
  if (lockIps.length) {
    await conn.updateTable('loginThrottle').set({ lockedUntil: until }).where('username', '=', name).where('ip', 'in', lockIps)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', now)])).execute();
  }
  // The console shows the account's state on the user (no row when no such user: the same statement either way).
  await conn.updateTable('users').set({ failedLogins: r.account, ...(account ? { lockedUntil: until } : {}) }).where('username', '=', name).execute();
  return { address, account };
}

/** After a good password: this address starts afresh, and so does the account. */
export async function recordSuccess(conn: Conn, name: string, ip: string, now: Date): Promise<void> {
  await conn.deleteFrom('loginThrottle').where('username', '=', name).where('ip', '=', ip).execute();
  await conn.updateTable('loginThrottle').set({ failures: 0, lockedUntil: null, windowFrom: now })
    .where('username', '=', name).where('ip', '=', ANY_ADDRESS).execute();
}

/** An administrator's unlock: every address and the account. */
export async function clearThrottle(conn: Conn, name: string): Promise<void> {
  await conn.deleteFrom('loginThrottle').where('username', '=', name).execute();
}
