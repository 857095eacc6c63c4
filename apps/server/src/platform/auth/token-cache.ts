/**
 * In-process cache of API tokens: token hash → the token row and its user's actor (grants), so that a client calling
 * many times a second does not cost two reads per request. Entries live `config.authCacheMs` (AUTH_CACHE_MS, default
 * 2000 ms; 0 turns the cache off). Expiry and revocation recorded on the cached row are checked on every hit against
 * the injected clock.
 *
 * Correctness across revoke: every write in this process that changes who may do what — a token revoked, a user
 * disabled, a grant given or revoked, a password changed, an org renamed, moved or dissolved — calls `forgetAuth()`
 * after its transaction commits (and app.ts does for every state change under /users, /tokens, /orgs and /auth, before
 * the answer is sent): the cache is emptied, so a revoked token fails at once in the same process. Another process
 * (several app processes on one database) sees the change within authCacheMs: that is the documented window.
 */
import type { Actor } from '../authz.ts';

export interface CachedToken {
  token: { id: string; name: string; scopes: string[]; userId: string; revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null };
  /** The user's actor (without ip), or null when the user is disabled. */
  actor: Actor | null;
  cachedAt: number;
  epoch: number;
}

const MAX_ENTRIES = 10_000;
let epoch = 0;
const caches = new WeakMap<object, Map<string, CachedToken>>();

/** Forget every cached token (in every database this process serves). */
export function forgetAuth(): void {
  epoch++;
}

export function cachedToken(scope: object, hash: string, ttlMs: number): CachedToken | null {
  if (ttlMs <= 0) return null;
  const e = caches.get(scope)?.get(hash);
  if (!e) return null;
  if (e.epoch !== epoch || performance.now() - e.cachedAt > ttlMs) {
    caches.get(scope)?.delete(hash);
    return null;
  }
  return e;
}

/** Remember a lookup — unless forgetAuth() ran while it was being read (`readEpoch`: the epoch when the read began). */
export function rememberToken(scope: object, hash: string, ttlMs: number, readEpoch: number, v: Pick<CachedToken, 'token' | 'actor'>): void {
  if (ttlMs <= 0 || readEpoch !== epoch) return;
  let m = caches.get(scope);
  if (!m) caches.set(scope, (m = new Map()));
  if (m.size >= MAX_ENTRIES) m.clear();
  m.set(hash, { ...v, cachedAt: performance.now(), epoch });
}

export function authEpoch(): number {
  return epoch;
}
