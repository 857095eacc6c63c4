import { z } from 'zod';
import { legalDateOf } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { AppError } from '../http/problem.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { abilitiesOf, policy, type Actor } from '../authz.ts';
import { clearSessionCookie, login, logout, setSessionCookie } from './sessions.ts';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.ts';

async function sessionView(ctx: Ctx, a: Actor) {
  const u = await ctx.db.selectFrom('users').innerJoin('orgs', 'orgs.id', 'users.orgId')
    .select(['users.id', 'users.username', 'users.displayName', 'users.orgId', 'orgs.name as orgName', 'users.mustChangePassword'])
    .where('users.id', '=', a.userId as string).executeTakeFirstOrThrow();
  const orgNames = new Map((await ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', a.grants.length ? a.grants.map((g) => g.orgId) : ['00000000-0000-0000-0000-000000000000']).execute()).map((o) => [o.id, o.name]));
  return {
    user: u,
    grants: a.grants.map((g) => ({ role: g.role, roleLabel: policy.roles.get(g.role)?.label ?? g.role, orgId: g.orgId, orgName: orgNames.get(g.orgId), subtree: g.subtree })),
    /** The permissions the user holds over at least one org: what the console may offer (each request is still checked). */
    abilities: abilitiesOf(a),
    csrfToken: (a as Actor & { csrfToken?: string }).csrfToken ?? null,
    idleMinutes: ctx.config.session.idleMinutes,
    /** Today's legal (Beijing) date on the server's clock, for default periods in the UI. */
    today: legalDateOf(ctx.clock.now()),
  };
}

export async function authRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.post('/auth/login', {
    config: { public: true, rateLimit: { max: ctx.config.rateLimit.login, timeWindow: '1 minute' } },
    schema: { tags: ['认证'], summary: '用户名密码登录', body: z.object({ username: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(256) }) },
  }, async (req, reply) => {
    const r = await login(ctx, req.body.username, req.body.password, req.ip, req.headers['user-agent'] ?? null);
    setSessionCookie(ctx, reply, r.token);
    const { userActor } = await import('./actor.ts');
    const a = await userActor(ctx.db, r.userId, req.ip);
    return { ...(await sessionView(ctx, a as Actor)), csrfToken: r.csrfToken };
  });

  app.post('/auth/logout', { schema: { tags: ['认证'], summary: '退出登录' } }, async (req, reply) => {
    await logout(ctx, req.actor);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get('/auth/session', { schema: { tags: ['认证'], summary: '当前登录信息（含 CSRF 令牌）' } }, async (req) => {
    if (req.actor.kind !== 'user') throw new AppError('unauthenticated', '请先登录');
    return sessionView(ctx, req.actor);
  });

  app.post('/auth/password', {
    schema: { tags: ['认证'], summary: '修改密码', body: z.object({ currentPassword: z.string().min(1, '请输入当前密码'), newPassword: z.string().min(1, '请输入新密码') }) },
  }, async (req, reply) => {
    if (req.actor.kind !== 'user') throw new AppError('forbidden', '只有登录用户可以修改密码');
    const u = await ctx.db.selectFrom('users').select(['id', 'username', 'passwordHash']).where('id', '=', req.actor.userId as string).executeTakeFirstOrThrow();
    const errors = [];
    if (!(await verifyPassword(u.passwordHash, req.body.currentPassword))) errors.push({ path: 'body.currentPassword', message: '当前密码不正确' });
    for (const m of passwordProblems(req.body.newPassword, u.username)) errors.push({ path: 'body.newPassword', message: m });
    if (req.body.newPassword === req.body.currentPassword) errors.push({ path: 'body.newPassword', message: '新密码不能与当前密码相同' });
    if (errors.length) throw new AppError('validation_failed', errors.map((e) => e.message).join('；'), { errors });
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ passwordHash: await hashPassword(req.body.newPassword), passwordChangedAt: now, mustChangePassword: false }).where('id', '=', u.id).execute();
      // Other sessions of this user end; this one stays.
      await trx.updateTable('sessions').set({ revokedAt: now }).where('userId', '=', u.id).where('id', '!=', req.actor.sessionId ?? '').where('revokedAt', 'is', null).execute();
      await appendAuditInTrx(trx, { id: u.id, name: req.actor.name, ip: req.ip }, { action: 'auth.password_changed', targetType: 'user', targetId: u.id }, now);
    });
    return reply.status(204).send();
  });
}
