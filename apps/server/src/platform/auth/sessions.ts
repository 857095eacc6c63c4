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

export const SESSION_COOKIE = 'yifa_session';

export interface LoginResult { token: string; csrfToken: string; userId: string }

export async function login(ctx: Ctx, username: string, password: string, ip: string | null, userAgent: string | null): Promise<LoginResult> {
  const now = ctx.clock.now();
  const { lockAfter, lockMinutes } = ctx.config.session;
  const u = await ctx.db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  if (!u) {
    await verifyPassword(await dummyHash(), password);
    throw new AppError('invalid_credentials', '用户名或密码错误');
  }
  if (u.lockedUntil && u.lockedUntil > now) {
    const minutes = Math.ceil((u.lockedUntil.getTime() - now.getTime()) / 60000);
    throw new AppError('account_locked', `密码连续错误 ${lockAfter} 次，账号已锁定，请 ${minutes} 分钟后再试`, { retryAfterMinutes: minutes });
  }
  if (u.status !== 'active') throw new AppError('invalid_credentials', '账号已停用，请联系管理员');
  const ok = await verifyPassword(u.passwordHash, password);
  const actor = { id: u.id, name: u.displayName, ip };
  if (!ok) {
    const failures = u.failedLogins + 1;
    const lock = failures >= lockAfter;
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({
        failedLogins: lock ? 0 : failures,
        lockedUntil: lock ? new Date(now.getTime() + lockMinutes * 60000) : u.lockedUntil,
      }).where('id', '=', u.id).execute();
      await appendAuditInTrx(trx, actor, { action: lock ? 'auth.locked' : 'auth.login_failed', targetType: 'user', targetId: u.id, detail: { failures } }, now);
    });
    if (lock) throw new AppError('account_locked', `密码连续错误 ${lockAfter} 次，账号已锁定 ${lockMinutes} 分钟`, { retryAfterMinutes: lockMinutes });
    throw new AppError('invalid_credentials', `用户名或密码错误（再错 ${lockAfter - failures} 次将锁定 ${lockMinutes} 分钟）`, { remainingAttempts: lockAfter - failures });
  }
  const token = randomToken();
  const csrfToken = randomToken(24);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', u.id).execute();
    await trx.insertInto('sessions').values({ id: sm3(token), userId: u.id, csrfToken, createdAt: now, lastSeenAt: now, ip, userAgent }).execute();
    await appendAuditInTrx(trx, actor, { action: 'auth.login', targetType: 'user', targetId: u.id }, now);
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
 * Who is calling: an API token (Authorization: Bearer), a session cookie, or the public.
 * Throws session_expired for an idle session; invalid tokens are 401.
 */
export async function resolveActor(ctx: Ctx, req: FastifyRequest): Promise<Actor> {
  const ip = req.ip ?? null;
  const now = ctx.clock.now();
  const tok = bearer(req);
  if (tok) {
    const t = await ctx.db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', sm3(tok)).executeTakeFirst();
    if (!t || t.revokedAt || (t.expiresAt && t.expiresAt <= now)) throw new AppError('unauthenticated', 'API 令牌无效、已过期或已吊销');
    const a = await userActor(ctx.db, t.userId, ip, { kind: 'token', scopes: t.scopes, tokenId: t.id });
    if (!a) throw new AppError('unauthenticated', 'API 令牌所属用户已停用');
    a.name = `${a.name}（令牌：${t.name}）`;
    if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) {
      await ctx.db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', t.id).execute();
    }
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
