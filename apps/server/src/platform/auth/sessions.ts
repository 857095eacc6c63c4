/**
 * Password login with lockout, cookie sessions with an idle timeout, and API tokens.
 * Only hashes of session and API tokens are stored.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/problem.ts';
import { randomToken, sm3 } from '../crypto/sm.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { publicActor, type Actor } from '../authz.ts';
import type { Ctx } from '../context.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { userActor } from './actor.ts';
import { authEpoch, cachedToken, rememberToken, type CachedToken } from './token-cache.ts';
import { recordFailure, recordSuccess, reserveAttempt, type LoginPolicy } from './throttle.ts';

export const SESSION_COOKIE = 'yifa_session';

export interface LoginResult { token: string; csrfToken: string; userId: string }

/**
 * Password login. Unknown names, disabled users and wrong passwords get the same answers through
 * the same steps (a lookup, an attempt counted, one argon2 verification, one audit row), so that
 * nothing tells whether a username exists; locks follow platform/auth/throttle.ts.
 */
export async function login(ctx: Ctx, username: string, password: string, ip: string | null, userAgent: string | null): Promise<LoginResult> {
  const now = ctx.clock.now();
  const policy = loginPolicy(ctx);
  const name = username.trim().toLowerCase();
  const u = await ctx.db.selectFrom('users').selectAll().where('username', '=', name).executeTakeFirst();
  const attempt = await reserveAttempt(ctx.db, name, ip ?? 'unknown', now, policy);
  if (attempt.refused) {
    throw new AppError('account_locked', `登录失败次数过多，已暂时锁定，请 ${attempt.retryAfterMinutes} 分钟后再试`, { retryAfterMinutes: attempt.retryAfterMinutes });
  }
  const ok = await verifyPassword(u?.passwordHash ?? await dummyHash(), password);
  if (u && ok && u.status === 'active') return startSession(ctx, u, ip, userAgent, now);
  const actor = { id: u?.id ?? null, name: u?.displayName ?? '（未知用户）', ip };
  const locked = await ctx.db.transaction().execute(async (trx) => {
    const l = await recordFailure(trx, name, ip ?? 'unknown', now, attempt, policy);
    await appendAuditInTrx(trx, actor, {
      action: l.address || l.account ? 'auth.locked' : 'auth.login_failed', targetType: 'user', targetId: u?.id ?? null,
      detail: {
        failures: attempt.pair, accountFailures: attempt.account,
        ...(l.account ? { scope: 'account' } : l.address ? { scope: 'address' } : {}), ...(u ? {} : { unknownUser: true }),
      },
    }, now);
    return l;
  });
  // A disabled account is told only to whoever knows its password.
  if (u && ok) throw new AppError('invalid_credentials', '账号已停用，请联系管理员');
  if (locked.address || locked.account) {
    throw new AppError('account_locked', `登录失败次数过多，已暂时锁定 ${policy.lockMinutes} 分钟`, { retryAfterMinutes: policy.lockMinutes });
  }
  const left = policy.addressLimit - attempt.pair;
  throw new AppError('invalid_credentials', `用户名或密码错误（再错 ${left} 次将锁定 ${policy.lockMinutes} 分钟）`, { remainingAttempts: left });
}

function loginPolicy(ctx: Ctx): LoginPolicy {
  const s = ctx.config.session;
  return { addressLimit: s.lockAfter, accountLimit: s.accountLockAfter, windowMinutes: s.lockMinutes, lockMinutes: s.lockMinutes };
}

async function startSession(
  ctx: Ctx, u: { id: string; username: string; displayName: string }, ip: string | null, userAgent: string | null, now: Date,
): Promise<LoginResult> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  await ctx.db.transaction().execute(async (trx) => {
    await recordSuccess(trx, u.username, ip ?? 'unknown', now);
    await trx.updateTable('users').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', u.id).execute();
    await trx.insertInto('sessions').values({ id: sm3(token), userId: u.id, csrfToken, createdAt: now, lastSeenAt: now, ip, userAgent }).execute();
    await appendAuditInTrx(trx, { id: u.id, name: u.displayName, ip }, { action: 'auth.login', targetType: 'user', targetId: u.id }, now);
  });
  return { token, csrfToken, userId: u.id };
}

export async function logout(ctx: Ctx, actor: Actor): Promise<void> {
  if (!actor.sessionId) return;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ revokedAt: now }).where('id', '=', actor.sessionId as string).execute();
    await appendAuditInTrx(trx, { id: actor.userId, name: actor.name, ip: actor.ip }, { action: 'auth.logout', targetType: 'user', targetId: actor.userId }, now);
  });
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : null;
}

/**
 * An API token (as presented) with its user's actor (without ip; null when the user is disabled), or null when no token has
 * that value — cached in this process for `config.authCacheMs` (token-cache.ts). Revocation and expiry are the caller's to check.
 */
export async function lookupToken(ctx: Ctx, presented: string): Promise<Pick<CachedToken, 'token' | 'actor'> | null> {
  const hash = sm3(presented);
  const ttl = ctx.config.authCacheMs ?? 0;
  const hit = cachedToken(ctx.db, hash, ttl);
  if (hit) return hit;
  const readEpoch = authEpoch();
  const row = await ctx.db.selectFrom('apiTokens').select(['id', 'name', 'scopes', 'userId', 'revokedAt', 'expiresAt', 'lastUsedAt'])
    .where('tokenHash', '=', hash).executeTakeFirst();
  if (!row) return null;
  const actor = row.revokedAt ? null : await userActor(ctx.db, row.userId, null, { kind: 'token', scopes: row.scopes, tokenId: row.id });
  rememberToken(ctx.db, hash, ttl, readEpoch, { token: row, actor });
  return { token: row, actor };
}

/** How often a token's use is recorded at most (an instant's precision for a list, not a legal time). */
const TOKEN_USE_EVERY_MS = 60_000;

/** Record a token's use (shown to its owner and the admin): at most once a minute, so a busy client writes little. */
export async function touchToken(ctx: Ctx, t: CachedToken['token'], now: Date): Promise<void> {
  if (t.lastUsedAt && now.getTime() - t.lastUsedAt.getTime() <= TOKEN_USE_EVERY_MS) return;
  t.lastUsedAt = now;
  await ctx.db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', t.id).execute();
}

/**
 * Who is calling: an API token (Authorization: Bearer), a session cookie, or the public.
 * Throws session_expired for an idle session; invalid tokens are 401.
 */
export async function resolveActor(ctx: Ctx, req: FastifyRequest): Promise<Actor> {
  const ip = req.ip ?? null;
  const now = ctx.clock.now();
  const tok = bearer(req);
  if (tok) {
    const hit = await lookupToken(ctx, tok);
    if (!hit) throw new AppError('unauthenticated', 'API 令牌无效、已过期或已吊销');
    const t = hit.token;
    if (t.revokedAt || (t.expiresAt && t.expiresAt <= now)) throw new AppError('unauthenticated', 'API 令牌无效、已过期或已吊销');
    if (!hit.actor) throw new AppError('unauthenticated', 'API 令牌所属用户已停用');
    const a: Actor = { ...hit.actor, ip, name: `${hit.actor.name}（令牌：${t.name}）` };
    await touchToken(ctx, t, now);
    return a;
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!cookie) return publicActor(ip);
  const s = await ctx.db.selectFrom('sessions').selectAll().where('id', '=', sm3(cookie)).executeTakeFirst();
  if (!s || s.revokedAt) return publicActor(ip);
  const idleMs = ctx.config.session.idleMinutes * 60_000;
  if (now.getTime() - s.lastSeenAt.getTime() > idleMs) {
    await ctx.db.updateTable('sessions').set({ revokedAt: now }).where('id', '=', s.id).execute();
    throw new AppError('session_expired', `超过 ${ctx.config.session.idleMinutes} 分钟未操作，登录已超时，请重新登录`);
  }
  if (now.getTime() - s.lastSeenAt.getTime() > 30_000) {
    await ctx.db.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', s.id).execute();
  }
  const a = await userActor(ctx.db, s.userId, ip, { sessionId: s.id });
  if (!a) return publicActor(ip);
  (a as Actor & { csrfToken?: string }).csrfToken = s.csrfToken;
  return a;
}

/** Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token. */
export function checkCsrf(req: FastifyRequest, actor: Actor): void {
  if (actor.kind !== 'user' || !actor.sessionId) return;
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
  const sent = req.headers['x-csrf-token'];
  if (!sent || sent !== (actor as Actor & { csrfToken?: string }).csrfToken) {
    throw new AppError('csrf_failed', '缺少或错误的 X-CSRF-Token 请求头（登录后从 /api/v1/auth/session 获取）');
  }
}

export function setSessionCookie(ctx: Ctx, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'strict', path: '/', secure: ctx.config.session.secureCookie,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
